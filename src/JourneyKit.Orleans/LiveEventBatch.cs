namespace JourneyKit.Orleans;

/// <summary>
/// Events of one customer sent in one call. A sender numbers its batches per customer (1, 2, 3…); the grain remembers
/// the last number it applied from each sender, so a batch retried after a fail-over is applied once. On the wire the
/// events travel in a compact form (each distinct label once, timestamps as differences), not as one object each.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("JourneyKit.Orleans.LiveEventBatch")]
public sealed class LiveEventBatch
{
    [Id(0)]
    private readonly string _sender;

    [Id(1)]
    private readonly long _sequence;

    [Id(2)]
    private readonly DateTimeOffset? _watermark;

    [Id(3)]
    private readonly byte[] _events;

    [NonSerialized]
    private LiveEvent[]? _decoded;

    /// <summary>Initializes a batch.</summary>
    /// <param name="sender">Who sends it (an ingest node's stable name); not blank.</param>
    /// <param name="sequence">The batch's number for this sender and customer. Range: ≥ 1, increasing.</param>
    /// <param name="events">The events, in any order (the grain orders them by event time).</param>
    /// <param name="watermark">The cluster watermark the sender last advanced to, or <see langword="null"/>: the grain catches up to it before it takes the events, so lateness is judged as one process would.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sender"/> or <paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sender"/> is blank, or an event is null or has no touchpoint.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is less than 1.</exception>
    public LiveEventBatch(string sender, long sequence, IReadOnlyList<LiveEvent> events, DateTimeOffset? watermark = null)
        : this(sender, sequence, LiveEventCodec.Encode(events ?? throw new ArgumentNullException(nameof(events)), nameof(events)), watermark)
    {
    }

    // The ingest's path: journey events encoded directly, without a LiveEvent each.
    internal LiveEventBatch(string sender, long sequence, byte[] encoded, DateTimeOffset? watermark)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        _sender = sender;
        _sequence = sequence;
        _events = encoded;
        _watermark = watermark;
    }

    /// <summary>Gets who sent it.</summary>
    public string Sender => _sender;

    /// <summary>Gets the batch's number for this sender and customer.</summary>
    public long Sequence => _sequence;

    /// <summary>Gets the cluster watermark the sender last advanced to, or <see langword="null"/>.</summary>
    public DateTimeOffset? Watermark => _watermark;

    /// <summary>Gets the events (decoded on first use).</summary>
    /// <exception cref="InvalidDataException">The batch arrived corrupt.</exception>
    public IReadOnlyList<LiveEvent> Events => _decoded ??= LiveEventCodec.Decode(_events ?? []);

    // The events as they travel (the grain decodes them straight into journey events).
    internal byte[] Encoded => _events ?? [];

    /// <summary>Gets the size of the events on the wire, in bytes.</summary>
    public int EncodedLength => _events?.Length ?? 0;
}
