using JourneyKit.Events;

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

    /// <summary>Gets a callback for each late event (at or before the watermark), which is counted in <see cref="JourneyMonitor.LateEvents"/> and not applied.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public Action<JourneyEvent>? OnLateEvent { get; init; }

    /// <summary>Gets the most condition parts the monitor's rules may have in all; see <see cref="RuleEngineOptions.MaxConditionParts"/>.</summary>
    /// <value>Default: 262,144. Range: ≥ 1.</value>
    public int MaxConditionParts { get; init; } = RuleEngineOptions.DefaultMaxConditionParts;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConditionParts, 1, nameof(MaxConditionParts));
        if (AllowedLateness < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AllowedLateness), AllowedLateness, "AllowedLateness must not be negative.");
        }

        if (AllowedLateness > JourneyRule.MaxWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(AllowedLateness), AllowedLateness, $"AllowedLateness must be at most JourneyRule.MaxWindow ({JourneyRule.MaxWindow.Days:N0} days).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBufferedEvents, 1, nameof(MaxBufferedEvents));
    }
}
