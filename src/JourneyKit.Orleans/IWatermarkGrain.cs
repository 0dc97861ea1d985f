namespace JourneyKit.Orleans;

/// <summary>The cluster's event-time watermark (one grain, key 0): advancing it wakes the customers with work due.</summary>
public interface IWatermarkGrain : IGrainWithIntegerKey
{
    /// <summary>Advances the watermark; an older one is ignored.</summary>
    /// <param name="watermark">The watermark.</param>
    /// <returns>The number of customer grains woken.</returns>
    Task<int> AdvanceToAsync(DateTimeOffset watermark);

    /// <summary>Gets the watermark, or <see langword="null"/> before the first.</summary>
    /// <returns>The watermark.</returns>
    Task<DateTimeOffset?> GetAsync();

    /// <summary>Gets the number of shards the silos run (<see cref="JourneyKitOrleansOptions.Shards"/>), which a sender needs to group its batches.</summary>
    /// <returns>The number of shards.</returns>
    Task<int> GetShardsAsync();
}
