using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>How a <see cref="JourneyMonitor"/> treats event time.</summary>
public sealed record JourneyMonitorOptions
{
    /// <summary>Gets how late (behind the latest event time seen) an event may arrive and still be put in its place.</summary>
    /// <value>Default: zero (events must arrive in time order; equal timestamps are fine). Range: 0 ≤ lateness ≤ <see cref="JourneyRule.MaxWindow"/>.</value>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Gets whether the watermark follows the events: after each event it moves to one tick before (latest event time −
    /// <see cref="AllowedLateness"/>). When <see langword="false"/> only <see cref="JourneyMonitor.AdvanceTo"/> moves it — for a
    /// host that derives event time from its own clock or ingest and will not let one future-dated event push it ahead.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool WatermarkFollowsEvents { get; init; } = true;

    /// <summary>Gets the journey map: the rules are checked against it, stall rules take its dwell times, and an event without a stage or channel takes its touchpoint's.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public JourneyMap? Map { get; init; }

    /// <summary>
    /// Gets the most events held for reordering. When more wait, the watermark moves to the oldest of them so that it is
    /// processed — a cap on memory when the watermark stalls (a source that stopped, <see cref="WatermarkFollowsEvents"/>
    /// off and no <see cref="JourneyMonitor.AdvanceTo"/>); later events at or before it then count as late.
    /// </summary>
    /// <value>Default: 1,000,000. Range: ≥ 1.</value>
    public int MaxBufferedEvents { get; init; } = 1_000_000;

    /// <summary>
    /// Gets what a late event (at or before the watermark) does: throw a <see cref="LateEventException"/> (the default —
    /// a monitor fed out of time order must not pass for a quiet one) or be counted and go on. Either way it is not
    /// applied. To feed history, use <see cref="JourneyMonitor.Replay"/>, which feeds a log in time order.
    /// </summary>
    /// <value>Default: <see cref="LateEventPolicy.Throw"/>.</value>
    public LateEventPolicy LateEvents { get; init; } = LateEventPolicy.Throw;

    /// <summary>Gets a logger: under <see cref="LateEventPolicy.Count"/> the first late event is logged as a warning (once per monitor), with the counter to watch.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>Gets a callback for each late event (at or before the watermark) under <see cref="LateEventPolicy.Count"/>, which is counted in <see cref="JourneyMonitor.LateEvents"/> and not applied.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public Action<JourneyEvent>? OnLateEvent { get; init; }

    /// <summary>Gets the most condition parts the monitor's rules may have in all; see <see cref="RuleEngineOptions.MaxConditionParts"/>.</summary>
    /// <value>Default: 262,144. Range: ≥ 1.</value>
    public int MaxConditionParts { get; init; } = RuleEngineOptions.DefaultMaxConditionParts;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(JourneyMonitorOptions))
            .AtLeast(MaxConditionParts, 1, nameof(MaxConditionParts))
            .Require(AllowedLateness >= TimeSpan.Zero, nameof(AllowedLateness), "must not be negative.")
            .Require(AllowedLateness <= JourneyRule.MaxWindow, nameof(AllowedLateness), $"must be at most JourneyRule.MaxWindow ({JourneyRule.MaxWindow.Days:N0} days).")
            .AtLeast(MaxBufferedEvents, 1, nameof(MaxBufferedEvents))
            .Defined(LateEvents, nameof(LateEvents))
            .ThrowIfAny();
    }
}
