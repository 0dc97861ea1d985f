using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>One edge of a directly-follows graph: how often step <see cref="From"/> was directly followed by <see cref="To"/>, and how long that took.</summary>
/// <param name="From">The earlier step.</param>
/// <param name="To">The next step.</param>
/// <param name="Count">How many times.</param>
/// <param name="TotalDuration">The summed time between the two events.</param>
/// <param name="MedianDuration">The median time (within 1.6 % of exact: log-bucketed; exact below 12.8 µs).</param>
/// <param name="P90Duration">The 90th percentile of time (same accuracy).</param>
public sealed record DfgEdge(string From, string To, long Count, TimeSpan TotalDuration, TimeSpan MedianDuration, TimeSpan P90Duration)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{From} → {To}: {Show.Count(Count)}" + (TotalDuration == TimeSpan.Zero ? "" : $", median {Show.Duration(MedianDuration)}, p90 {Show.Duration(P90Duration)}");

    /// <summary>Gets the mean time between the two events (exact).</summary>
    public TimeSpan MeanDuration => Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Round((double)TotalDuration.Ticks / Count));
}
