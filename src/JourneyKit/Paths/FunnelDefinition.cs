namespace JourneyKit.Paths;

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

    /// <summary>
    /// Gets whether a step (or exclusion) naming a touchpoint, stage or channel that neither the log's events nor its map
    /// have simply counts nobody. By default it is an error listing the closest labels — a misspelled step
    /// (<c>white-paper</c> for <c>white_paper</c>) would otherwise report a funnel nobody enters. Set it for a fixed funnel
    /// run on logs that may lack a step altogether (one month's events without a purchase).
    /// </summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool AllowUnknownSteps { get; init; }

    /// <summary>Gets steps that end a journey's progress when they occur after it entered the funnel (e.g. "cancelled").</summary>
    public IReadOnlyList<FunnelStep> Exclusions { get; init; } = [];
}
