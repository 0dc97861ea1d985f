using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>The result of a funnel analysis. Mergeable.</summary>
public sealed class FunnelResult
{
    internal FunnelResult(long journeys, string[] names, long[] entered, long[] converted, DurationSummary[] times)
    {
        Journeys = journeys;
        EnteredCounts = entered;
        ConvertedCounts = converted;
        Times = times;
        Names = names;
        Steps = names.Select((name, k) =>
            new FunnelStepResult(name, entered[k], converted[k], entered[k] - converted[k], Interval.Of(Stats.Wilson(converted[k], entered[k]), 0.95), times[k]))
            .ToList().AsReadOnly();
    }

    /// <summary>Gets the number of journeys analysed (whether they entered or not).</summary>
    public long Journeys { get; }

    /// <summary>Gets the per-step results in funnel order.</summary>
    public IReadOnlyList<FunnelStepResult> Steps { get; }

    /// <summary>Gets the share of journeys that entered the first step and reached the last; NaN when none entered.</summary>
    public double OverallConversion => Steps[0].Entered == 0 ? double.NaN : (double)Steps[^1].Entered / Steps[0].Entered;

    internal string[] Names { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Funnel of {Show.Count(Journeys)} journeys, {Show.Percent(OverallConversion)} from {Steps[0].Name} to {Steps[^1].Name}: " +
        string.Join(" → ", Steps.Select(s => $"{s.Name} {Show.Count(s.Entered)}"));

    internal long[] EnteredCounts { get; }

    internal long[] ConvertedCounts { get; }

    internal DurationSummary[] Times { get; }

    /// <summary>Combines the results of the same funnel over two disjoint sets of journeys.</summary>
    /// <param name="a">One result.</param>
    /// <param name="b">The other.</param>
    /// <returns>The combined result; equal to analysing the union.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The results have different steps.</exception>
    public static FunnelResult Merge(FunnelResult a, FunnelResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Names.SequenceEqual(b.Names))
        {
            throw new ArgumentException("Only results of the same funnel can be merged.", nameof(b));
        }

        return new FunnelResult(
            a.Journeys + b.Journeys,
            a.Names,
            a.EnteredCounts.Zip(b.EnteredCounts, (x, y) => x + y).ToArray(),
            a.ConvertedCounts.Zip(b.ConvertedCounts, (x, y) => x + y).ToArray(),
            a.Times.Zip(b.Times, DurationSummary.Merge).ToArray());
    }
}
