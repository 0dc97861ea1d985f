using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>A proportion or mean with its confidence interval.</summary>
/// <param name="Value">The estimate (a share in [0, 1] for CSAT, a mean for CES); NaN without responses.</param>
/// <param name="Interval">The confidence interval (NaN bounds when it cannot be computed).</param>
/// <param name="Responses">The number of responses.</param>
public sealed record Estimate(double Value, Interval Interval, long Responses)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Number(Value)} [{Show.Number(Interval.Lower)}, {Show.Number(Interval.Upper)}] (n = {Show.Count(Responses)})";
}
