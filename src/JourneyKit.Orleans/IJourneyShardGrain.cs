namespace JourneyKit.Orleans;

/// <summary>
/// One shard of the cluster's customers (keyed 0 to <see cref="JourneyKitOrleansOptions.Shards"/> − 1; a customer's
/// shard is a stable hash of its id): it routes batches to its customers, whose grains are placed on its silo, and it
/// is the due index of those customers — which have work at which event time (buffered events or open episodes), so
/// that a watermark wakes only those.
/// </summary>
public interface IJourneyShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Hands each customer its batch (in parallel, on this shard's silo) and records when each next has work, written
    /// once for the whole call. A customer whose call failed is left to the caller's retry (applied batches are then
    /// recognised by their sequence and not applied twice).
    /// </summary>
    /// <param name="customerIds">The customers, all of this shard.</param>
    /// <param name="batches">Each customer's batch, in the same order.</param>
    /// <returns>A task that completes when every batch and the due index are durable.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, or a customer belongs to another shard or appears twice (named).</exception>
    Task ObserveAsync(string[] customerIds, LiveEventBatch[] batches);

    /// <summary>
    /// Records that a customer has work due no later than <paramref name="due"/>: an entry is only ever made earlier
    /// here (a later one is ignored); a watermark walk sets it to what the customer answers.
    /// </summary>
    /// <param name="customerId">The customer, of this shard.</param>
    /// <param name="due">The earliest event time with work.</param>
    /// <returns>A task that completes when the entry is durable.</returns>
    Task RecordDueAsync(string customerId, DateTimeOffset due);

    /// <summary>Advances every customer of the shard whose work is due at or before the watermark.</summary>
    /// <param name="watermark">The watermark.</param>
    /// <returns>The number of customer grains woken.</returns>
    Task<int> AdvanceToAsync(DateTimeOffset watermark);
}
