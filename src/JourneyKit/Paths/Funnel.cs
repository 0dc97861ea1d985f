using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>How funnel steps must follow each other.</summary>
public enum FunnelOrder
{
    /// <summary>In order, anything may happen between steps.</summary>
    Relaxed = 0,

    /// <summary>In order, and the next step must be the very next event (repeats of the current step are allowed).</summary>
    Strict,

    /// <summary>In any order: step k is reached by doing k distinct funnel steps.</summary>
    AnyOrder,
}

/// <summary>A step of a funnel: a stage, touchpoint or channel, or any test on an event.</summary>
public sealed class FunnelStep
{
    private FunnelStep(string name, PathLevel? level, string? id, Func<EventLog, int, bool>? predicate, TimeSpan? window)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A funnel step needs a name.", nameof(name));
        }

        if (window is { } w && w <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), w, $"Funnel step '{name}': the window must be positive.");
        }

        Name = name;
        Level = level;
        Id = id;
        Predicate = predicate;
        Window = window;
    }

    /// <summary>Gets the step's name in results.</summary>
    public string Name { get; }

    /// <summary>Gets the longest time allowed since the previous step, or <see langword="null"/> for no limit.</summary>
    public TimeSpan? Window { get; }

    internal PathLevel? Level { get; }

    internal string? Id { get; }

    internal Func<EventLog, int, bool>? Predicate { get; }

    /// <summary>A step reached by any event in a stage.</summary>
    /// <param name="stageId">The stage id.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    public static FunnelStep Stage(string stageId, TimeSpan? window = null) => new(stageId, PathLevel.Stage, stageId, null, window);

    /// <summary>A step reached by an event at a touchpoint.</summary>
    /// <param name="touchpointId">The touchpoint id.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    public static FunnelStep Touchpoint(string touchpointId, TimeSpan? window = null) => new(touchpointId, PathLevel.Touchpoint, touchpointId, null, window);

    /// <summary>A step reached by an event on a channel.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    public static FunnelStep Channel(string channelId, TimeSpan? window = null) => new(channelId, PathLevel.Channel, channelId, null, window);

    /// <summary>A step reached by any event for which <paramref name="predicate"/> holds (it receives the log and the event index).</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="predicate">The test.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    public static FunnelStep Where(string name, Func<EventLog, int, bool> predicate, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(name, null, null, predicate, window);
    }

    /// <inheritdoc/>
    public override string ToString() => Window is { } w ? $"{Name} (within {Show.Duration(w)})" : Name;
}

/// <summary>A funnel: ordered steps, how they must follow each other, windows and exclusions.</summary>
public sealed record FunnelDefinition
{
    /// <summary>Creates a funnel.</summary>
    /// <param name="steps">The steps, at least one.</param>
    /// <exception cref="ArgumentException">There are no steps.</exception>
    public FunnelDefinition(params IReadOnlyList<FunnelStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0 || steps.Any(s => s is null))
        {
            throw new ArgumentException("A funnel needs at least one step and no null steps.", nameof(steps));
        }

        Steps = steps;
    }

    /// <summary>Gets the steps in order.</summary>
    public IReadOnlyList<FunnelStep> Steps { get; }

    /// <summary>Gets how the steps must follow each other. Default <see cref="FunnelOrder.Relaxed"/>.</summary>
    public FunnelOrder Order { get; init; } = FunnelOrder.Relaxed;

    /// <summary>Gets whether journeys may enter at any step (open) rather than only at the first (closed, the default).</summary>
    public bool IsOpen { get; init; }

    /// <summary>Gets the longest time from entering the funnel to any later step, or <see langword="null"/> for no limit.</summary>
    public TimeSpan? ConversionWindow { get; init; }

    /// <summary>Gets steps that end a journey's progress when they occur after it entered the funnel (e.g. "cancelled").</summary>
    public IReadOnlyList<FunnelStep> Exclusions { get; init; } = [];
}

/// <summary>One step of a funnel result.</summary>
/// <param name="Name">The step.</param>
/// <param name="Entered">Journeys that reached the step.</param>
/// <param name="Converted">Journeys that went on to the next step (for the last step: all that reached it).</param>
/// <param name="Dropped">Entered − Converted.</param>
/// <param name="ConfidenceLower">Lower bound of the 95 % Wilson interval of the conversion rate.</param>
/// <param name="ConfidenceUpper">Upper bound of the 95 % Wilson interval of the conversion rate.</param>
/// <param name="TimeToNext">Time from this step to the next for converted journeys (empty for the last step).</param>
public sealed record FunnelStepResult(string Name, long Entered, long Converted, long Dropped, double ConfidenceLower, double ConfidenceUpper, DurationSummary TimeToNext)
{
    /// <summary>Gets Converted / Entered; NaN when nobody entered.</summary>
    public double ConversionRate => Entered == 0 ? double.NaN : (double)Converted / Entered;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: entered {Show.Count(Entered)}, went on {Show.Count(Converted)} ({Show.Percent(ConversionRate)}, 95 % [{Show.Percent(ConfidenceLower)}, {Show.Percent(ConfidenceUpper)}]), dropped {Show.Count(Dropped)}" +
        (TimeToNext.Count == 0 ? "" : $"; time to next: median {Show.Duration(TimeToNext.Median)}");
}

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
        {
            var (lo, hi) = Stats.Wilson(converted[k], entered[k]);
            return new FunnelStepResult(name, entered[k], converted[k], entered[k] - converted[k], lo, hi, times[k]);
        }).ToList().AsReadOnly();
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
