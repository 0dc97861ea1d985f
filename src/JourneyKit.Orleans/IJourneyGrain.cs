namespace JourneyKit.Orleans;

/// <summary>The live journey of one customer (the grain key is the customer id).</summary>
public interface IJourneyGrain : IGrainWithStringKey
{
    /// <summary>Receives a batch of the customer's events; applied once per (sender, sequence), persisted before it returns.</summary>
    /// <param name="batch">The events.</param>
    /// <returns>A task that completes when the batch is durable.</returns>
    Task ObserveAsync(LiveEventBatch batch);

    /// <summary>
    /// Receives a batch through the customer's shard (<see cref="IJourneyShardGrain.ObserveAsync"/>): as
    /// <see cref="ObserveAsync"/>, but instead of registering with the due index the grain answers what the shard records.
    /// Meant for the shard: a caller that drops the answer leaves the customer unknown to the watermark (its episodes
    /// would not fire) — send through <see cref="JourneyIngest"/> or call <see cref="ObserveAsync"/>.
    /// </summary>
    /// <param name="batch">The events.</param>
    /// <returns>
    /// Once the batch is durable, when the due index should wake the customer next (as <see cref="AdvanceToAsync"/>
    /// answers), or <see langword="null"/> when the customer has no work.
    /// </returns>
    Task<DateTimeOffset?> ObserveForShardAsync(LiveEventBatch batch);

    /// <summary>Advances event time: buffered events up to the watermark are applied in time order and due episodes fire (to the <see cref="IRuleFiringSink"/>).</summary>
    /// <param name="watermark">The watermark; an older one is ignored.</param>
    /// <returns>
    /// When the due index (the customer's shard, the caller) should wake the customer next, once the firings are offered
    /// to the sink: the monitor's <see cref="JourneyKit.Rules.JourneyMonitor.NextDue"/>, or — while the advance is not yet
    /// written — the written state's own next due time if that is earlier (so that a next activation, which starts from
    /// it, is woken).
    /// </returns>
    Task<DateTimeOffset?> AdvanceToAsync(DateTimeOffset watermark);

    /// <summary>Gets what the grain holds.</summary>
    /// <returns>The status.</returns>
    Task<JourneyGrainStatus> StatusAsync();
}
