namespace JourneyKit.Rules;

/// <summary>What a <see cref="JourneyMonitor"/> does with an event at or before its watermark (too late to be put in its place).</summary>
public enum LateEventPolicy
{
    /// <summary>
    /// Throw a <see cref="LateEventException"/> naming the event, the watermark and the remedies (the default): a stream
    /// fed out of time order — history customer by customer, say — would otherwise give few firings and a counter.
    /// </summary>
    Throw = 0,

    /// <summary>Count it (<see cref="JourneyMonitor.LateEvents"/>), pass it to <see cref="JourneyMonitorOptions.OnLateEvent"/>, log the first through <see cref="JourneyMonitorOptions.Logger"/>, and go on: for live feeds where a few stragglers are expected.</summary>
    Count = 1,
}
