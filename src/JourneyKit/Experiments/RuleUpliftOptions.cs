using JourneyKit.Events;
using JourneyKit.Internal;
using JourneyKit.Rules;

namespace JourneyKit.Experiments;

/// <summary>What <see cref="RuleUplift"/>.Measure counts as success after a firing, and how the arms are compared.</summary>
public sealed record RuleUpliftOptions
{
    /// <summary>Gets the event that counts as the outcome, or <see langword="null"/> (default) for an event with the conversion outcome (<see cref="EventOutcome.Conversion"/>).</summary>
    public EventCondition? Outcome { get; init; }

    /// <summary>Gets how long after a firing an outcome counts (after the firing's time, up to and including this much later). Default 7 days. Range: 0 &lt; window ≤ <see cref="JourneyRule.MaxWindow"/>.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets the end of what the log has observed, or <see langword="null"/> (default) for the log's latest event. A firing
    /// whose window ends after it is incomplete — its outcome is not known yet — and is left out of both arms (counted in
    /// <see cref="RuleUpliftResult.Incomplete"/>) rather than counted as a failure.
    /// </summary>
    public DateTimeOffset? ObservedUntil { get; init; }

    /// <summary>Gets how the effect is expressed. Default <see cref="EffectScale.Relative"/>.</summary>
    public EffectScale Difference { get; init; } = EffectScale.Relative;

    /// <summary>Gets whether the interval and p-value are sequential (always valid: safe to read after every batch). Default <see langword="false"/>.</summary>
    public bool Sequential { get; init; }

    /// <summary>Gets the sequential tuning parameter. Default 5,000. Range: &gt; 0.</summary>
    public double SequentialTuning { get; init; } = 5000;

    /// <summary>Gets the significance level. Default 0.05. Range: (0, 0.5].</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Gets the customers' attributes for a breakdown by <see cref="SegmentBy"/>, or <see langword="null"/> (default) for none.</summary>
    public CustomerAttributes? Attributes { get; init; }

    /// <summary>Gets the attribute to break the uplift down by (one result per value; customers without it in <see cref="CustomerAttributes.Missing"/>), or <see langword="null"/> (default).</summary>
    public string? SegmentBy { get; init; }

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(RuleUpliftOptions))
            .Require(Window > TimeSpan.Zero && Window <= JourneyRule.MaxWindow, nameof(Window), $"must be positive and at most JourneyRule.MaxWindow (was {Window}).")
            .Defined(Difference, nameof(Difference))
            .Require(SequentialTuning > 0 && double.IsFinite(SequentialTuning), nameof(SequentialTuning), $"must be positive and finite (was {Show.Number(SequentialTuning)}).")
            .Require(Alpha > 0 && Alpha <= 0.5, nameof(Alpha), $"must lie in (0, 0.5] (was {Show.Number(Alpha)}).")
            .Require((Attributes is null) == (SegmentBy is null), nameof(SegmentBy), "and Attributes go together: set both for a breakdown, or neither.")
            .Require(SegmentBy is null || Attributes is null || Attributes.Names.Contains(SegmentBy, StringComparer.Ordinal), nameof(SegmentBy),
                $"names no attribute of the table (it has {string.Join(", ", Attributes?.Names.Take(8) ?? [])}).")
            .ThrowIfAny();

    internal AbTestOptions Test => new() { Difference = Difference, Sequential = Sequential, SequentialTuning = SequentialTuning, Alpha = Alpha };
}
