using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>The distribution of path lengths (numbers of steps). Exact and mergeable.</summary>
public sealed class LengthSummary
{
    private readonly long[] _sorted;

    internal LengthSummary(long[] lengths, bool sorted = false)
    {
        if (!sorted)
        {
            Array.Sort(lengths);
        }

        _sorted = lengths;
    }

    /// <summary>Gets the summary of nothing (the identity of <see cref="Merge"/>).</summary>
    public static LengthSummary Empty { get; } = new([], sorted: true);

    /// <summary>Gets the number of paths.</summary>
    public int Count => _sorted.Length;

    /// <summary>Gets the mean length; NaN when empty.</summary>
    public double Mean => Count == 0 ? double.NaN : _sorted.Average(v => (double)v);

    /// <summary>Gets the median length (mean of the two middle values for an even count); NaN when empty.</summary>
    public double Median => Count == 0 ? double.NaN : Stats.Percentile<long>(_sorted, 0.5);

    /// <summary>Gets the 90th percentile of length; NaN when empty.</summary>
    public double P90 => Count == 0 ? double.NaN : Stats.Percentile<long>(_sorted, 0.9);

    /// <summary>Gets how many paths have each length, by length ascending.</summary>
    public IReadOnlyList<(int Length, int Count)> Histogram =>
        _sorted.GroupBy(v => (int)v).Select(g => (g.Key, g.Count())).ToList();

    /// <inheritdoc/>
    public override string ToString() =>
        Count == 0 ? "no paths" : $"n = {Show.Count(Count)}, median {Show.Number(Median)} steps, mean {Show.Number(Mean)}, p90 {Show.Number(P90)}";

    /// <summary>Combines the summaries of two disjoint sets of paths.</summary>
    /// <param name="a">One summary.</param>
    /// <param name="b">The other.</param>
    /// <returns>The combined summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static LengthSummary Merge(LengthSummary a, LengthSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new LengthSummary(Stats.MergeSorted(a._sorted, b._sorted), sorted: true);
    }
}
