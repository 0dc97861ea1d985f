namespace JourneyKit.Metrics;

/// <summary>One subject of a survival analysis: how long it was observed and whether the event (churn) happened then.</summary>
/// <param name="Duration">The time observed (any unit, used consistently). Range: finite, ≥ 0.</param>
/// <param name="EventObserved"><see langword="true"/> when the event happened at <paramref name="Duration"/>; <see langword="false"/> when observation stopped then (right-censored).</param>
public readonly record struct SurvivalObservation(double Duration, bool EventObserved);
