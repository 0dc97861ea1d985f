namespace JourneyKit.Orleans;

/// <summary>
/// Events of one customer sent in one call. A sender numbers its batches per customer (1, 2, 3…); the grain remembers
/// the last number it applied from each sender, so a batch retried after a fail-over is applied once.
/// </summary>
/// <param name="Sender">Who sent it (an ingest node's stable name).</param>
/// <param name="Sequence">The batch's number for this sender and customer. Range: ≥ 1, increasing.</param>
/// <param name="Events">The events, in any order (the grain orders them by event time).</param>
/// <param name="Watermark">The cluster watermark the sender last advanced to, or <see langword="null"/>: the grain catches up to it before it takes the events, so lateness is judged as one process would.</param>
[GenerateSerializer]
[Immutable]
[Alias("JourneyKit.Orleans.LiveEventBatch")]
public sealed record LiveEventBatch(string Sender, long Sequence, IReadOnlyList<LiveEvent> Events, DateTimeOffset? Watermark = null);
