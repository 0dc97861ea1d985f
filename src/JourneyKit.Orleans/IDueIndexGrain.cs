namespace JourneyKit.Orleans;

/// <summary>
/// One shard of the due index: which customers have work at which event time (buffered events or open episodes), so
/// that a watermark wakes only those (keyed 0 to <see cref="JourneyKitOrleansOptions.DueIndexShards"/> − 1).
/// </summary>
public interface IDueIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Records when a customer next has work, or that it has none.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="due">The earliest event time with work, or <see langword="null"/>.</param>
    /// <returns>A task that completes when the entry is durable.</returns>
    Task SetAsync(string customerId, DateTimeOffset? due);

    /// <summary>Advances every customer of the shard whose work is due at or before the watermark.</summary>
    /// <param name="watermark">The watermark.</param>
    /// <returns>The number of customer grains woken.</returns>
    Task<int> AdvanceToAsync(DateTimeOffset watermark);
}
