using System.Globalization;

namespace JourneyKit.Metrics;

/// <summary>
/// All pairwise differences between the NPS of several groups (segments, plans, stages), each a two-sample z-test, with
/// p-values adjusted for the number of pairs by Holm's step-down method (Holm 1979), which controls the family-wise
/// error rate at α like Bonferroni but rejects more.
/// </summary>
public sealed class NpsGroupComparison
{
    internal NpsGroupComparison(IReadOnlyList<NpsPairComparison> pairs, double alpha)
    {
        Pairs = pairs;
        Alpha = alpha;
    }

    /// <summary>Gets every pair of groups (first key before second, in the order given), smallest adjusted p-value first.</summary>
    public IReadOnlyList<NpsPairComparison> Pairs { get; }

    /// <summary>Gets the family-wise significance level α.</summary>
    public double Alpha { get; }

    /// <summary>Gets the pairs that differ significantly at <see cref="Alpha"/> after the Holm adjustment.</summary>
    public IEnumerable<NpsPairComparison> Significant => Pairs.Where(p => p.IsSignificant);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Pairs.Count} pairwise NPS comparisons, Holm-adjusted at α = {Alpha:0.###}: ") +
        (Pairs.Count(p => p.IsSignificant) is var n and > 0
            ? string.Join("; ", Significant.Select(p => p.ToString()))
            : "no significant difference");
}
