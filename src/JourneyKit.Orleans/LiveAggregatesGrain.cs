namespace JourneyKit.Orleans;

/// <summary>Holds the cluster's merged live counts, persisted so that they outlive the silo they live on.</summary>
public sealed class LiveAggregatesGrain(
    [PersistentState("live-aggregates", JourneyKitOrleansOptions.StorageName)] IPersistentState<LiveCounts> state) : Grain, ILiveAggregatesGrain
{
    /// <inheritdoc/>
    public async Task MergeAsync(LiveCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        state.State.Add(counts);
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<LiveCounts> GetAsync() => Task.FromResult(state.State);
}
