using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>
/// The distribution of a set of durations: count, mean, median, 90th percentile, extremes. Quantiles interpolate
/// linearly between order statistics, so the median of an even count is the mean of the two middle values. Exact and
/// mergeable (<see cref="Merge"/>).
/// </summary>
public sealed class DurationSummary
{
    private readonly long[] _sorted;

    internal DurationSummary(long[] ticks, bool sorted = false)
    {
        if (!sorted)
        {
            Array.Sort(ticks);
        }

        _sorted = ticks;
    }

    /// <summary>Gets the summary of no durations (the identity of <see cref="Merge"/>).</summary>
    public static DurationSummary Empty { get; } = new([], sorted: true);

    /// <summary>Gets the number of durations.</summary>
    public int Count => _sorted.Length;

    /// <summary>Gets the mean; <see cref="TimeSpan.Zero"/> when <see cref="Count"/> is 0.</summary>
    public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Round(_sorted.Average(t => (double)t)));

    /// <summary>Gets the median (mean of the two middle values for an even count); zero when empty.</summary>
    public TimeSpan Median => Percentile(0.5);

    /// <summary>Gets the 90th percentile; zero when empty.</summary>
    public TimeSpan P90 => Percentile(0.9);

    /// <summary>Gets the shortest duration; zero when empty.</summary>
    public TimeSpan Min => Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_sorted[0]);

    /// <summary>Gets the longest duration; zero when empty.</summary>
    public TimeSpan Max => Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_sorted[^1]);

    /// <summary>Gets a percentile, interpolating linearly between order statistics (type 7).</summary>
    /// <param name="p">The fraction. Range: 0 ≤ p ≤ 1.</param>
    /// <returns>The percentile; zero when empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public TimeSpan Percentile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The percentile fraction must lie in [0, 1].");
        }

        return Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Round(Stats.Percentile<long>(_sorted, p)));
    }

    /// <summary>Combines the summaries of two disjoint sets of durations: the result equals the summary of their union.</summary>
    /// <param name="a">One summary.</param>
    /// <param name="b">The other.</param>
    /// <returns>The combined summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DurationSummary Merge(DurationSummary a, DurationSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return b.Count == 0 ? a : a.Count == 0 ? b : new DurationSummary(Stats.MergeSorted(a._sorted, b._sorted), sorted: true);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Count == 0 ? "no durations" : $"n = {Show.Count(Count)}, median {Show.Duration(Median)}, mean {Show.Duration(Mean)}, p90 {Show.Duration(P90)}";
}
