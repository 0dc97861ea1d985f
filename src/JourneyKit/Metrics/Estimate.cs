using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>A proportion or mean with its confidence interval.</summary>
/// <param name="Value">The estimate (a share in [0, 1] for CSAT, a mean for CES); NaN without responses.</param>
/// <param name="Lower">Lower bound of the confidence interval.</param>
/// <param name="Upper">Upper bound of the confidence interval.</param>
/// <param name="Responses">The number of responses.</param>
public sealed record Estimate(double Value, double Lower, double Upper, long Responses)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Number(Value)} [{Show.Number(Lower)}, {Show.Number(Upper)}] (n = {Show.Count(Responses)})";
}
