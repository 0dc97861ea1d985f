namespace JourneyKit.Orleans;

/// <summary>What a customer's grain holds now.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="RecentEvents">The latest events received, oldest first (at most <see cref="JourneyKitOrleansOptions.RecentEvents"/>).</param>
/// <param name="CurrentStage">The stage of the latest event with a stage, or <see langword="null"/>.</param>
/// <param name="OpenEpisodes">Rule episodes waiting for their follow-up or due time.</param>
/// <param name="BufferedEvents">Events received but not yet applied (later than the watermark).</param>
/// <param name="LateEvents">Events refused because they were not later than the watermark when they arrived.</param>
/// <param name="DuplicateBatches">Batches received again after they had been applied (retries), and ignored.</param>
/// <param name="Watermark">The grain's event-time watermark, or <see langword="null"/> before the first.</param>
[GenerateSerializer]
[Immutable]
[Alias("JourneyKit.Orleans.JourneyGrainStatus")]
public sealed record JourneyGrainStatus(
    string CustomerId,
    IReadOnlyList<LiveEvent> RecentEvents,
    string? CurrentStage,
    int OpenEpisodes,
    int BufferedEvents,
    long LateEvents,
    long DuplicateBatches,
    DateTimeOffset? Watermark);
