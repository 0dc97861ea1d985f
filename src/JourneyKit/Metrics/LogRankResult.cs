using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>The result of a log-rank test.</summary>
/// <param name="ChiSquare">The test statistic (χ² with 1 degree of freedom).</param>
/// <param name="PValue">The p-value.</param>
/// <param name="ObservedA">Events observed in the first group.</param>
/// <param name="ExpectedA">Events expected in the first group under equal survival.</param>
public sealed record LogRankResult(double ChiSquare, double PValue, double ObservedA, double ExpectedA)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"log-rank χ² = {Show.Number(ChiSquare)}, p = {Show.Number(PValue)}{(PValue <= 0.05 ? " (curves differ at 5 %)" : " (no difference at 5 %)")}; group A observed {Show.Number(ObservedA)} vs expected {Show.Number(ExpectedA)} events";
}
