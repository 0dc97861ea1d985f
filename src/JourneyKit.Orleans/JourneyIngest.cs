using JourneyKit.Events;

namespace JourneyKit.Orleans;

/// <summary>
/// The sending side: groups events by customer into numbered batches, sends them through the customers' shards — one
/// call per shard, in parallel, retrying a call that failed (a silo died) until its batches are durable — and advances
/// the cluster's watermark. One
/// ingest per sender name, and it is not thread-safe. Grains remember the last batch number per sender name, so a
/// sender that restarts without its numbers must take a new name (otherwise its batches are taken for retries).
/// </summary>
public sealed class JourneyIngest
{
    private readonly IGrainFactory _grains;
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private DateTimeOffset? _watermark;
    private long _retries;
    private int _shards;
    private int _maxEventsPerCall = 10_000;

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

    /// <summary>
    /// Gets or sets how many events one call to a shard carries at most; a customer's batch is never split (one larger
    /// than this travels alone). Range: ≥ 1. <value>Default 10,000.</value>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxEventsPerCall
    {
        get => _maxEventsPerCall;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxEventsPerCall));
            _maxEventsPerCall = value;
        }
    }

    /// <summary>
    /// Sends events, one batch per customer, grouped into one call per shard (<see cref="IJourneyShardGrain"/>), the
    /// shards' calls in parallel.
    /// </summary>
    /// <param name="events">The events (any customers, any order).</param>
    /// <param name="cancellationToken">Cancels before further calls are made.</param>
    /// <returns>A task that completes when every batch is durable in its grain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">An event has no touchpoint (named by customer and time); nothing is sent.</exception>
    public Task SendAsync(IEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);

        // Every batch is encoded before any is numbered or sent, so that a bad event leaves nothing half-sent. Grouped by
        // place, not by copying events (a journey event is a large struct).
        var all = events as IReadOnlyList<JourneyEvent> ?? [.. events];
        var places = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < all.Count; i++)
        {
            string customer = all[i].CustomerId ?? throw new ArgumentException($"Event {i} has no customer id.", nameof(events));
            if (!places.TryGetValue(customer, out var list))
            {
                places[customer] = list = [];
            }

            list.Add(i);
        }

        var encoded = places.Select(p => (Customer: p.Key, Count: p.Value.Count, Events: LiveEventCodec.Encode(all, p.Value, nameof(events)))).ToList();
        return SendEncodedAsync(encoded, cancellationToken);
    }

    private async Task SendEncodedAsync(List<(string Customer, int Count, byte[] Events)> encoded, CancellationToken cancellationToken)
    {
        if (encoded.Count == 0)
        {
            return;
        }

        if (_shards == 0)
        {
            int shards = 0;
            await Retry(async () => shards = await _grains.GetGrain<IWatermarkGrain>(0).GetShardsAsync().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            _shards = shards;
        }

        // Numbered only once nothing can stop the sending before it starts.
        var calls = new List<(int Shard, List<string> Customers, List<LiveEventBatch> Batches)>();
        var open = new Dictionary<int, int>();
        var events = new Dictionary<int, int>();
        foreach (var (customer, count, bytes) in encoded)
        {
            long sequence = _sequences.GetValueOrDefault(customer) + 1;
            _sequences[customer] = sequence;
            int shard = JourneyKitOrleansOptions.ShardOf(customer, _shards);
            if (!open.TryGetValue(shard, out int call) || events[shard] + count > _maxEventsPerCall)
            {
                call = calls.Count;
                calls.Add((shard, [], []));
                open[shard] = call;
                events[shard] = 0;
            }

            calls[call].Customers.Add(customer);
            calls[call].Batches.Add(new LiveEventBatch(Sender, sequence, bytes, _watermark));
            events[shard] += count;
        }

        await Task.WhenAll(calls.Select(c =>
        {
            string[] customers = [.. c.Customers];
            LiveEventBatch[] batches = [.. c.Batches];
            return Retry(() => _grains.GetGrain<IJourneyShardGrain>(c.Shard).ObserveAsync(customers, batches), cancellationToken);
        })).ConfigureAwait(false);
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
