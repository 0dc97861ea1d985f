using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>A distinct path (sequence of steps) and the journeys that took it.</summary>
public sealed class PathVariant
{
    private readonly ReadOnlyMemory<long> _durations;
    private readonly bool _hasDurations;

    internal PathVariant(IReadOnlyList<string> steps, bool truncated, long count, long conversions, ReadOnlyMemory<long> sortedDurations, long totalJourneys)
        : this(steps, truncated, count, conversions, MedianOf(sortedDurations.Span), totalJourneys)
    {
        _durations = sortedDurations;
        _hasDurations = true;
    }

    // A variant whose median was computed elsewhere (inside a database): the journeys' durations are not here, so it
    // cannot be merged exactly (Merge refuses it).
    internal PathVariant(IReadOnlyList<string> steps, bool truncated, long count, long conversions, TimeSpan medianDuration, long totalJourneys)
    {
        Steps = steps;
        IsTruncated = truncated;
        Count = count;
        Conversions = conversions;
        Share = totalJourneys == 0 ? double.NaN : (double)count / totalJourneys;
        MedianDuration = medianDuration;
    }

    /// <summary>Gets the steps in order.</summary>
    public IReadOnlyList<string> Steps { get; }

    /// <summary>Gets a value indicating whether the path was cut at <see cref="PathAnalyzerOptions.MaxVariantLength"/> steps (all longer journeys with this prefix share the variant).</summary>
    public bool IsTruncated { get; }

    /// <summary>Gets the number of journeys that took the path.</summary>
    public long Count { get; }

    /// <summary>Gets the share of the analysed journeys that took the path. Range: 0..1.</summary>
    public double Share { get; }

    /// <summary>Gets the number of those journeys with a conversion.</summary>
    public long Conversions { get; }

    /// <summary>Gets the share of those journeys with a conversion. Range: 0..1.</summary>
    public double ConversionRate => (double)Conversions / Count;

    /// <summary>Gets the median journey duration (first to last event) on this path.</summary>
    public TimeSpan MedianDuration { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{string.Join(" > ", Steps)}{(IsTruncated ? " > …" : "")} ×{Count}";

    /// <summary>
    /// Combines complete variant lists of two disjoint sets of journeys (not top-k lists): counts, conversions and
    /// durations add up, shares are recomputed, order is count descending.
    /// </summary>
    /// <param name="a">One list.</param>
    /// <param name="b">The other.</param>
    /// <returns>The variants of both sets; equal to analysing their union.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A variant was computed inside a database (JourneyKit.Sql): it carries its median duration but not the journeys' durations, so the merged median could not be exact.</exception>
    public static IReadOnlyList<PathVariant> Merge(IReadOnlyList<PathVariant> a, IReadOnlyList<PathVariant> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Concat(b).FirstOrDefault(v => !v._hasDurations) is { } computedElsewhere)
        {
            throw new ArgumentException(
                $"Variant '{computedElsewhere}' was computed inside a database and carries only its median duration, so merging cannot be exact; compute the variants over the combined data instead.",
                computedElsewhere == a.FirstOrDefault(v => !v._hasDurations) ? nameof(a) : nameof(b));
        }

        long total = a.Sum(v => v.Count) + b.Sum(v => v.Count);
        var merged = a.Concat(b)
            .GroupBy(v => (Key: string.Join('\u0000', v.Steps), v.IsTruncated))
            .Select(g => new PathVariant(
                g.First().Steps,
                g.Key.IsTruncated,
                g.Sum(v => v.Count),
                g.Sum(v => v.Conversions),
                g.Select(v => v._durations.ToArray()).Aggregate(Stats.MergeSorted),
                total));
        return Order(merged);
    }

    private static TimeSpan MedianOf(ReadOnlySpan<long> d) =>
        d.Length == 0 ? TimeSpan.Zero
        : d.Length % 2 == 1 ? TimeSpan.FromTicks(d[d.Length / 2])
        : TimeSpan.FromTicks((long)Math.Round((d[(d.Length / 2) - 1] + (double)d[d.Length / 2]) / 2));

    internal static IReadOnlyList<PathVariant> Order(IEnumerable<PathVariant> variants) =>
        variants
            .OrderByDescending(v => v.Count)
            .ThenBy(v => string.Join('\u0000', v.Steps), StringComparer.Ordinal)
            .ThenBy(v => v.IsTruncated)
            .ToList()
            .AsReadOnly();
}
