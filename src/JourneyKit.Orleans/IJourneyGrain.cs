namespace JourneyKit.Orleans;

/// <summary>The live journey of one customer (the grain key is the customer id).</summary>
public interface IJourneyGrain : IGrainWithStringKey
{
    /// <summary>Receives a batch of the customer's events; applied once per (sender, sequence), persisted before it returns.</summary>
    /// <param name="batch">The events.</param>
    /// <returns>A task that completes when the batch is durable.</returns>
    Task ObserveAsync(LiveEventBatch batch);

    /// <summary>Advances event time: buffered events up to the watermark are applied in time order and due episodes fire (to the <see cref="IRuleFiringSink"/>).</summary>
    /// <param name="watermark">The watermark; an older one is ignored.</param>
    /// <returns>When the customer next has work (<see cref="JourneyKit.Rules.JourneyMonitor.NextDue"/>), once the firings are persisted and offered to the sink.</returns>
    Task<DateTimeOffset?> AdvanceToAsync(DateTimeOffset watermark);

    /// <summary>Gets what the grain holds.</summary>
    /// <returns>The status.</returns>
    Task<JourneyGrainStatus> StatusAsync();
}
