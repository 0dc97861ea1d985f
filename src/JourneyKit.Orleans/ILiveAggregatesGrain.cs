namespace JourneyKit.Orleans;

/// <summary>The cluster's live aggregates (one grain, key 0): per-silo combiners merge their partials into it.</summary>
public interface ILiveAggregatesGrain : IGrainWithIntegerKey
{
    /// <summary>Merges a silo's partial counts (persisted before the call returns).</summary>
    /// <param name="counts">The partial.</param>
    /// <returns>A task that completes when merged.</returns>
    Task MergeAsync(LiveCounts counts);

    /// <summary>Gets the merged counts.</summary>
    /// <returns>The counts so far (what the silos have flushed).</returns>
    Task<LiveCounts> GetAsync();
}
