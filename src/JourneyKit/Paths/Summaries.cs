using System.Globalization;
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

        return Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Round(Quantiles.Interpolate(_sorted, p)));
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
        return b.Count == 0 ? a : a.Count == 0 ? b : new DurationSummary(Quantiles.MergeSorted(a._sorted, b._sorted), sorted: true);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Count == 0 ? "no durations" : $"n = {Show.Count(Count)}, median {Show.Duration(Median)}, mean {Show.Duration(Mean)}, p90 {Show.Duration(P90)}";
}

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
    public double Median => Count == 0 ? double.NaN : Quantiles.Interpolate(_sorted, 0.5);

    /// <summary>Gets the 90th percentile of length; NaN when empty.</summary>
    public double P90 => Count == 0 ? double.NaN : Quantiles.Interpolate(_sorted, 0.9);

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
        return new LengthSummary(Quantiles.MergeSorted(a._sorted, b._sorted), sorted: true);
    }
}

internal static class Quantiles
{
    public static double Interpolate(long[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    public static long[] MergeSorted(long[] a, long[] b)
    {
        var merged = new long[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            merged[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        a.AsSpan(i).CopyTo(merged.AsSpan(k));
        b.AsSpan(j).CopyTo(merged.AsSpan(k + a.Length - i));
        return merged;
    }
}

/// <summary>
/// A mergeable histogram of durations on log-scaled buckets (64 per power of two, so quantiles are within 1.6 % of the
/// exact value; durations below 128 ticks are exact). Used for directly-follows edge quantiles, where storing every
/// duration would cost memory and speed.
/// </summary>
internal sealed class LogHistogram
{
    private const int SubBits = 6;
    private const int Sub = 1 << SubBits;
    public const int Buckets = (2 * Sub) + ((63 - SubBits - 1) * Sub);

    public static int Bucket(long ticks)
    {
        if (ticks < 2 * Sub)
        {
            return (int)Math.Max(0, ticks);
        }

        int e = System.Numerics.BitOperations.Log2((ulong)ticks);
        int sub = (int)(ticks >> (e - SubBits)) & (Sub - 1);
        return (2 * Sub) + ((e - SubBits - 1) * Sub) + sub;
    }

    // The middle of the values that fall into a bucket.
    public static double Representative(int bucket)
    {
        if (bucket < 2 * Sub)
        {
            return bucket;
        }

        int e = ((bucket - (2 * Sub)) / Sub) + SubBits + 1;
        int sub = (bucket - (2 * Sub)) % Sub;
        double width = Math.Pow(2, e - SubBits);
        return (Math.Pow(2, e) + (sub * width)) + ((width - 1) / 2);
    }

    public static double Quantile(ReadOnlySpan<int> counts, long total, double p)
    {
        if (total == 0)
        {
            return 0;
        }

        // Same interpolation rule as the exact summaries, applied to bucket representatives.
        double h = (total - 1) * p;
        long lo = (long)Math.Floor(h);
        double low = ValueAtRank(counts, lo), high = ValueAtRank(counts, Math.Min(lo + 1, total - 1));
        return low + ((h - lo) * (high - low));
    }

    private static double ValueAtRank(ReadOnlySpan<int> counts, long rank)
    {
        long seen = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            seen += counts[b];
            if (seen > rank)
            {
                return Representative(b);
            }
        }

        return Representative(counts.Length - 1);
    }
}
