using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace JourneyKit.Orleans;

/// <summary>
/// A shard of the cluster's customers. Batches reach customers through their shard, one call per shard instead of one
/// per customer, and the customer grains are placed on the silo of whoever activates them — the shard — so the fan-out
/// stays on one silo. The shard is also its customers' due index: event time is not wall-clock time, so Orleans
/// reminders and timers (wall-clock) cannot say when an episode is due; the host's watermark can, and the index turns
/// one watermark into calls to exactly the customers with work due. Reentrant: batches, registrations and a watermark
/// walk interleave while each awaits its customers.
/// </summary>
[Reentrant]
public sealed class JourneyShardGrain : Grain, IJourneyShardGrain
{
    private readonly IPersistentState<JourneyShardState> _state;
    private readonly int _shards;
    private DueIndex _index = null!;
    private Task? _writing;
    private bool _dirty;
    private Task<int>? _walking;

    /// <summary>Initializes the grain (Orleans does).</summary>
    /// <param name="state">The persisted due index, in the <see cref="JourneyKitOrleansOptions.StorageName"/> provider.</param>
    /// <param name="options">The number of shards.</param>
    public JourneyShardGrain(
        [PersistentState("due-index", JourneyKitOrleansOptions.StorageName)] IPersistentState<JourneyShardState> state,
        IOptions<JourneyKitOrleansOptions> options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _shards = options.Value.Shards;
    }

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state is read by now (not yet when the grain is constructed).
        _index = new DueIndex(_state.State.Due);
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ObserveAsync(string[] customerIds, LiveEventBatch[] batches)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(batches);
        if (customerIds.Length != batches.Length)
        {
            throw new ArgumentException($"{customerIds.Length} customers but {batches.Length} batches; each customer needs its batch.", nameof(batches));
        }

        // A customer twice would have its two batches applied in either order, and the lower number, applied second,
        // taken for a retry and dropped.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < customerIds.Length; i++)
        {
            CheckShard(customerIds[i]);
            ArgumentNullException.ThrowIfNull(batches[i], $"batches[{i}]");
            if (!seen.Add(customerIds[i]))
            {
                throw new ArgumentException($"Customer '{customerIds[i]}' appears twice in one call; send one batch per customer per call.", nameof(customerIds));
            }
        }

        var calls = new Task<DateTimeOffset?>[customerIds.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            calls[i] = GrainFactory.GetGrain<IJourneyGrain>(customerIds[i]).ObserveForShardAsync(batches[i]);
        }

        try
        {
            await Task.WhenAll(calls);
        }
        finally
        {
            // What the customers that took their batch answered is recorded even when another failed: their batches are
            // durable, and a caller that gives up must not leave them unknown to the index.
            bool changed = false;
            for (int i = 0; i < calls.Length; i++)
            {
                if (calls[i].IsCompletedSuccessfully && calls[i].Result is { } due)
                {
                    changed |= _index.Lower(customerIds[i], due);
                }
            }

            if (changed)
            {
                await WriteAsync();
            }
        }
    }

    /// <inheritdoc/>
    public Task RecordDueAsync(string customerId, DateTimeOffset due)
    {
        CheckShard(customerId);
        return _index.Lower(customerId, due) ? WriteAsync() : Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<int> AdvanceToAsync(DateTimeOffset watermark)
    {
        // One walk at a time: a second (a watermark retried while the first still runs, or a direct call) waits for it.
        while (_walking is { } running)
        {
            await Task.WhenAny(running);
        }

        var walk = WalkAsync(watermark);
        _walking = walk;
        try
        {
            return await walk;
        }
        finally
        {
            if (_walking == walk)
            {
                _walking = null;
            }
        }
    }

    private async Task<int> WalkAsync(DateTimeOffset watermark)
    {
        _state.State.Watermark = Math.Max(_state.State.Watermark, watermark.UtcTicks);
        var due = _index.BeginWalk(watermark);
        if (due.Count == 0)
        {
            return 0;
        }

        DateTimeOffset?[]? answers = null;
        try
        {
            answers = await Task.WhenAll(due.Select(c => GrainFactory.GetGrain<IJourneyGrain>(c).AdvanceToAsync(watermark)));
        }
        finally
        {
            _index.EndWalk(due, answers);
        }

        await WriteAsync();
        return due.Count;
    }

    private void CheckShard(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        int shard = JourneyKitOrleansOptions.ShardOf(customerId, _shards);
        if (shard != this.GetPrimaryKeyLong())
        {
            throw new ArgumentException($"Customer '{customerId}' belongs to shard {shard}, not {this.GetPrimaryKeyLong()} (of {_shards}).", nameof(customerId));
        }
    }

    // One write at a time (the grain is reentrant); changes made during a write are written right after it.
    private async Task WriteAsync()
    {
        _dirty = true;
        while (_dirty)
        {
            if (_writing is { } running)
            {
                await running;
                continue;
            }

            _dirty = false;
            _writing = _state.WriteStateAsync();
            try
            {
                await _writing;
            }
            finally
            {
                _writing = null;
            }
        }
    }
}
