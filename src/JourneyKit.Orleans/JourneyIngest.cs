using JourneyKit.Events;

namespace JourneyKit.Orleans;

/// <summary>
/// The sending side: groups events by customer into numbered batches, sends them to the customer grains in parallel
/// (retrying a batch whose call failed — a silo died — until it is durable), and advances the cluster's watermark. One
/// ingest per sender name, and it is not thread-safe. Grains remember the last batch number per sender name, so a
/// sender that restarts without its numbers must take a new name (otherwise its batches are taken for retries).
/// </summary>
public sealed class JourneyIngest
{
    private readonly IGrainFactory _grains;
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private DateTimeOffset? _watermark;
    private long _retries;

    /// <summary>Initializes an ingest.</summary>
    /// <param name="grains">The cluster client's (or a silo's) grain factory.</param>
    /// <param name="sender">This sender's stable name (batches are numbered per sender and customer).</param>
    /// <exception cref="ArgumentNullException"><paramref name="grains"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sender"/> is blank.</exception>
    public JourneyIngest(IGrainFactory grains, string sender)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        _grains = grains;
        Sender = sender;
    }

    /// <summary>Gets this sender's name.</summary>
    public string Sender { get; }

    /// <summary>Gets or sets how many times a failed call is retried. <value>Default 10.</value></summary>
    public int MaxRetries { get; set; } = 10;

    /// <summary>Gets the number of calls retried after a failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Gets the customers this ingest has sent events to.</summary>
    public IReadOnlyCollection<string> Customers => _sequences.Keys;

    /// <summary>Sends events, one batch per customer.</summary>
    /// <param name="events">The events (any customers, any order).</param>
    /// <param name="cancellationToken">Cancels before further batches are sent.</param>
    /// <returns>A task that completes when every batch is durable in its grain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">An event has no touchpoint (named by customer and time); nothing is sent.</exception>
    public Task SendAsync(IEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);

        // Every batch is encoded before any is numbered or sent, so that a bad event leaves nothing half-sent.
        var encoded = events.GroupBy(e => e.CustomerId, StringComparer.Ordinal)
            .Select(g => (Customer: g.Key, Events: LiveEventCodec.Encode([.. g], nameof(events)))).ToList();
        var batches = encoded.Select(b =>
        {
            long sequence = _sequences.GetValueOrDefault(b.Customer) + 1;
            _sequences[b.Customer] = sequence;
            return (b.Customer, Batch: new LiveEventBatch(Sender, sequence, b.Events, _watermark));
        }).ToList();
        return Task.WhenAll(batches.Select(b => Retry(() => _grains.GetGrain<IJourneyGrain>(b.Customer).ObserveAsync(b.Batch), cancellationToken)));
    }

    /// <summary>
    /// Advances the cluster's event time (<see cref="IWatermarkGrain"/>): customers with events or episodes due by then
    /// are woken through the due index; later batches carry the watermark so that their grains judge lateness by it.
    /// </summary>
    /// <param name="watermark">The watermark.</param>
    /// <param name="cancellationToken">Cancels before further calls are made.</param>
    /// <returns>A task that completes when every woken grain has applied it.</returns>
    public async Task AdvanceToAsync(DateTimeOffset watermark, CancellationToken cancellationToken = default)
    {
        await Retry(() => _grains.GetGrain<IWatermarkGrain>(0).AdvanceToAsync(watermark), cancellationToken).ConfigureAwait(false);
        _watermark = watermark;
    }

    private async Task Retry(Func<Task> call, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await call().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < MaxRetries && e is not OperationCanceledException and not ArgumentException and not InvalidDataException)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
