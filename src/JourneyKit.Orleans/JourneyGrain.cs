using JourneyKit.Events;
using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JourneyKit.Orleans;

/// <summary>
/// The grain of one customer: a third driver of the rules' episode machine — it holds a <see cref="JourneyMonitor"/>
/// for this one customer, so its firings are the single-process monitor's (same rules, events and watermarks), not a
/// second implementation. Each batch is applied once per (sender, sequence) and written before the call returns, its
/// firings in an outbox in the same write, then offered to the <see cref="IRuleFiringSink"/> (at least once). What a
/// watermark advance changes is written with the next batch or <see cref="JourneyKitOrleansOptions.AdvanceWriteDelay"/>
/// later; its firings are offered at once, and after a crash the next activation derives them again (same ids).
/// </summary>
[global::Orleans.Placement.PreferLocalPlacement]
public sealed class JourneyGrain : Grain, IJourneyGrain
{
    private readonly IPersistentState<JourneyGrainState> _state;
    private readonly JourneyKitOrleansOptions _options;
    private readonly JourneyMonitorOptions _monitorOptions;
    private readonly IRuleFiringSink _sink;
    private JourneyMonitor _monitor = null!;

    // The recent events, decoded at activation and encoded again with each write.
    private RecentWindow _recent = null!;

    // Snapshots are written synchronously, so one growing buffer per thread serves every grain on it.
    [ThreadStatic]
    private static MemoryStream? t_snapshot;

    // What this activation counted since its last write: handed to the combiner only once written, so that a silo dying
    // in between loses the delta together with the state that counted it (the next activation counts those events again).
    private LiveTally _delta = new(0);
    private LiveCombiner? _combiner;

    // What this activation last told the due index (unknown after activation, so the first call registers).
    private DateTimeOffset? _registered;
    private bool _registeredKnown;

    // A watermark advance changes only what the last write and the watermark determine, so it is written later — with
    // the next batch, or AdvanceWriteDelay after it. Until then the due index is told a time no later than the written
    // state's own next due time: a silo dying in between leaves a written state the index still wakes, and the next
    // activation derives the same changes again (the same firings, the same ids; the counts it had not handed on).
    private bool _dirty;
    private DateTimeOffset? _writtenDue;
    private IGrainTimer? _writeTimer;

    // Memory holds what storage must never get (a half-applied batch, a write that failed): nothing is written again and
    // the activation goes, so that the next one reads storage.
    private bool _discarded;

    /// <summary>Initializes the grain (Orleans does).</summary>
    /// <param name="state">The persisted state, in the <see cref="JourneyKitOrleansOptions.StorageName"/> provider.</param>
    /// <param name="options">The rules and limits.</param>
    /// <param name="sink">Where firings go.</param>
    public JourneyGrain(
        [PersistentState("journey", JourneyKitOrleansOptions.StorageName)] IPersistentState<JourneyGrainState> state,
        IOptions<JourneyKitOrleansOptions> options,
        IRuleFiringSink sink)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        _state = state;
        _options = options.Value;
        _monitorOptions = _options.Monitor with { WatermarkFollowsEvents = false, LateEvents = Rules.LateEventPolicy.Count };
        _sink = sink;
    }

    private string CustomerId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var state = _state.State;
        state.CheckVersion(CustomerId);
        state.Version = JourneyGrainState.CurrentVersion; // older state reads as is (outbox firings of version 1 are not held out) and is written as the current version
        _monitor = state.Monitor.Length == 0
            ? new JourneyMonitor(_options.Rules, _monitorOptions)
            : JourneyMonitor.Load(new MemoryStream(state.Monitor, writable: false), _options.Rules, _monitorOptions);
        _recent = new RecentWindow(_options.RecentEvents);
        _recent.Load(LiveEventCodec.DecodeJourney(state.RecentEvents, CustomerId));
        _delta = NewDelta();

        // The live aggregates count what the monitor applies (an event without a stage has its touchpoint's stage
        // from the rules' map, as the rules see it).
        _monitor.OnApplied = Count;
        _writtenDue = _monitor.NextDue;

        // Firings persisted by an earlier activation but maybe not taken (the silo died): offer them again.
        await DeliverAsync(cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ObserveAsync(LiveEventBatch batch)
    {
        await ApplyAsync(batch);
        await RegisterAsync();
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> ObserveForShardAsync(LiveEventBatch batch)
    {
        await ApplyAsync(batch);

        // The caller is the shard: it records the answer itself (calling it back would wait on this call).
        return AnswerIndex();
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> AdvanceToAsync(DateTimeOffset watermark)
    {
        ThrowIfDiscarded();
        int buffered = _monitor.BufferedEvents, open = _monitor.OpenEpisodes;
        var firings = _monitor.AdvanceTo(watermark);

        // A change beyond the watermark itself is written later (see _dirty); firings are offered to the sink now.
        if (firings.Count > 0 || buffered != _monitor.BufferedEvents || open != _monitor.OpenEpisodes || !_delta.IsEmpty)
        {
            if (!_dirty)
            {
                _dirty = true;
                (_writeTimer ??= this.RegisterGrainTimer(WriteIfDirtyAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan))
                    .Change(_options.AdvanceWriteDelay, Timeout.InfiniteTimeSpan);
            }

            _state.State.Outbox.AddRange(firings.Select(FiringRecord.From));
            try
            {
                await DeliverAsync(CancellationToken.None);
            }
            catch
            {
                // Not taken: write them (with the rest) at once so that they outlive this activation; the next call or
                // watermark offers them again.
                await WriteAsync();
                throw;
            }
        }
        else
        {
            // A retried watermark after the sink failed: offer what the outbox still holds.
            await DeliverAsync(CancellationToken.None);
        }

        // The caller is the shard: it records the answer itself (calling it back would wait on this call).
        return AnswerIndex();
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // An idle or migrating activation writes what watermark advances changed. Not at shutdown, when storage may be
        // going too (an in-memory provider is): like a crash, that leaves it to the next activation to derive again.
        if (_dirty && !_discarded && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await WriteAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JourneyGrainStatus> StatusAsync()
    {
        JourneyEvent[] recent = _recent.Events.ToArray();
        string? stage = recent.LastOrDefault(e => e.Stage is not null).Stage;
        return Task.FromResult(new JourneyGrainStatus(CustomerId, [.. recent.Select(e => LiveEvent.From(e))], stage, _monitor.OpenEpisodes, _monitor.BufferedEvents,
            _monitor.LateEvents, _state.State.DuplicateBatches, _monitor.Watermark));
    }

    // Applies a batch once per (sender, sequence) and writes it; a batch applied before offers what the outbox still holds.
    private async Task ApplyAsync(LiveEventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfDiscarded();
        var state = _state.State;
        if (state.Senders.TryGetValue(batch.Sender, out long last) && batch.Sequence <= last)
        {
            // Applied before (a retry after a fail-over, or after the sink failed): offer what the outbox still holds (the
            // caller then makes sure the due index knows this customer).
            state.DuplicateBatches++;
            await DeliverAsync(CancellationToken.None);
            return;
        }

        string customer = CustomerId;
        var firings = new List<RuleFiring>();
        try
        {
            if (batch.Watermark is { } watermark)
            {
                firings.AddRange(_monitor.AdvanceTo(watermark));
            }

            // In any order: the monitor applies them in event time, ties in arrival order.
            var (events, count) = LiveEventCodec.DecodeJourneyPooled(batch.Encoded, customer);
            try
            {
                for (int i = 0; i < count; i++)
                {
                    firings.AddRange(_monitor.Observe(events[i]));
                }

                Remember(events.AsSpan(0, count));
            }
            finally
            {
                LiveEventCodec.ReturnPooled(events, count);
            }
        }
        catch
        {
            // A bad event (a blank touchpoint, a non-finite value) after good ones, or a corrupt batch: drop the
            // half-applied batch with this activation, so that storage — without any of it — stays the truth, and let
            // the caller see the error.
            Discard();
            throw;
        }

        state.Senders[batch.Sender] = batch.Sequence;
        await PersistAsync(firings);
    }

    // The monitor applies an event (in event time, once the watermark passed it; never a late one): count it into the
    // delta of the live aggregates, handed to the silo's combiner once the state that counted it is written.
    private void Count(string touchpoint, string? stage, double feedback)
    {
        var state = _state.State;
        var delta = _delta;
        string level = stage ?? Events.LevelColumns.Unknown;
        delta.Step(state.LastTouchpoint, touchpoint, state.LastStage, level);
        state.LastTouchpoint = touchpoint;
        state.LastStage = level;
        var funnel = _options.FunnelStages;
        if (state.FunnelStep + 1 < funnel.Count && stage == funnel[state.FunnelStep + 1])
        {
            state.FunnelStep++;
            delta.FunnelEntered[state.FunnelStep]++;
        }

        if (!double.IsNaN(feedback))
        {
            int cls = feedback >= 9 ? 0 : feedback >= 7 ? 1 : 2;
            if (state.NpsClass >= 0)
            {
                delta.Nps[state.NpsClass]--;
            }

            delta.Nps[cls]++;
            state.NpsClass = cls;
        }
    }

    private void Discard()
    {
        _discarded = true;
        DeactivateOnIdle();
    }

    // Orleans sends later calls to the next activation; should one still reach this one, it must not act on what memory
    // holds (it would fire from a refused batch): the caller retries and reaches the next activation.
    private void ThrowIfDiscarded()
    {
        if (_discarded)
        {
            throw new InvalidOperationException($"The journey grain of customer '{CustomerId}' is being replaced after a failed call; retry.");
        }
    }

    private void Remember(ReadOnlySpan<JourneyEvent> events) => _recent.Add(events);

    private LiveTally NewDelta() => new(_options.FunnelStages.Count);

    // What the shard records when it called: the monitor's next due time or — while an advance is not yet written — the
    // written state's if that is earlier (a next activation starts from it).
    private DateTimeOffset? AnswerIndex()
    {
        var due = _monitor.NextDue;
        _registered = _dirty && _writtenDue < (due ?? DateTimeOffset.MaxValue) ? _writtenDue : due;
        _registeredKnown = true;
        return _registered;
    }

    // The index needs an entry no later than the customer's next due time: an earlier one costs at most a wake-up for
    // nothing (which corrects it), a missing or later one would lose firings. So only an earlier (or first) due time is
    // sent; most batches only add later events and send nothing.
    private async Task RegisterAsync()
    {
        if (_monitor.NextDue is not { } due)
        {
            if (!_registeredKnown)
            {
                _registeredKnown = true;
                _registered = null;
            }

            return;
        }

        if (_registeredKnown && _registered is { } known && known <= due)
        {
            return;
        }

        int shard = JourneyKitOrleansOptions.ShardOf(CustomerId, _options.Shards);
        await GrainFactory.GetGrain<IJourneyShardGrain>(shard).RecordDueAsync(CustomerId, due);
        _registered = due;
        _registeredKnown = true;
    }

    private async Task WriteIfDirtyAsync(CancellationToken cancellationToken)
    {
        // Not while the silo stops (see OnDeactivateAsync).
        if (_dirty && !_discarded && ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.IsCancellationRequested != true)
        {
            await PersistAsync([]);
        }
    }

    // Writes, then offers the outbox to the sink.
    private async Task PersistAsync(IReadOnlyList<RuleFiring> firings)
    {
        _state.State.Outbox.AddRange(firings.Select(FiringRecord.From));
        await WriteAsync();
        await DeliverAsync(CancellationToken.None);
    }

    private async Task WriteAsync()
    {
        var state = _state.State;
        var buffer = t_snapshot ??= new MemoryStream();
        buffer.SetLength(0);
        _monitor.Save(buffer);
        state.Monitor = buffer.ToArray();
        if (buffer.Capacity > 1 << 20)
        {
            // One huge customer must not pin a megabyte per thread for good.
            t_snapshot = null;
        }

        state.RecentEvents = LiveEventCodec.Encode(_recent.Events, nameof(_recent));
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // Memory is now ahead of storage: let the retried call find a fresh activation that reads storage.
            Discard();
            throw;
        }

        if (!_delta.IsEmpty)
        {
            (_combiner ??= ServiceProvider.GetRequiredService<LiveCombiner>()).Add(_delta.ToCounts(state.LastTouchpoint, state.LastStage));
            _delta.Reset();
        }

        _writtenDue = _monitor.NextDue;
        if (_dirty)
        {
            _dirty = false;
            _writeTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        var outbox = _state.State.Outbox;
        if (outbox.Count == 0)
        {
            return;
        }

        await _sink.DeliverAsync([.. outbox.Select(f => f.ToFiring())], cancellationToken);

        // Taken: cleared in memory now, in storage with the next write (a redelivery after a crash is de-duplicated by id).
        outbox.Clear();
    }
}
