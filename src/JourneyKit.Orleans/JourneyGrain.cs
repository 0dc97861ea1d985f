using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyKit.Orleans;

/// <summary>
/// The grain of one customer: a third driver of the rules' episode machine — it holds a <see cref="JourneyMonitor"/>
/// for this one customer, so its firings are the single-process monitor's (same rules, events and watermarks), not a
/// second implementation. Each batch is applied once per (sender, sequence) and persisted before the call returns;
/// firings go to an outbox in the same write, then to the <see cref="IRuleFiringSink"/> (at least once).
/// </summary>
public sealed class JourneyGrain : Grain, IJourneyGrain
{
    private readonly IPersistentState<JourneyGrainState> _state;
    private readonly JourneyKitOrleansOptions _options;
    private readonly JourneyMonitorOptions _monitorOptions;
    private readonly IRuleFiringSink _sink;
    private readonly Dictionary<string, string>? _mapStages;
    private JourneyMonitor _monitor = null!;

    // The state's event lists, decoded at activation and encoded again with each write.
    private List<LiveEvent> _recent = [];
    private List<LiveEvent> _uncounted = [];
    private LiveCombiner? _combiner;

    // What this activation last told the due index (unknown after activation, so the first call registers).
    private DateTimeOffset? _registered;
    private bool _registeredKnown;

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
        _monitorOptions = _options.Monitor with { WatermarkFollowsEvents = false };
        _sink = sink;

        // An event without a stage takes its touchpoint's stage from the rules' map, as the monitor does.
        _mapStages = _options.Monitor.Map?.Touchpoints.ToDictionary(t => t.Id, t => t.StageId, StringComparer.Ordinal);
    }

    private string CustomerId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var state = _state.State;
        state.CheckVersion(CustomerId);
        _monitor = state.Monitor.Length == 0
            ? new JourneyMonitor(_options.Rules, _monitorOptions)
            : JourneyMonitor.Restore(new MemoryStream(state.Monitor, writable: false), _options.Rules, _monitorOptions);
        _recent = [.. LiveEventCodec.Decode(state.RecentEvents)];
        _uncounted = [.. LiveEventCodec.Decode(state.UncountedEvents)];

        // Firings persisted by an earlier activation but maybe not taken (the silo died): offer them again.
        await DeliverAsync(cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ObserveAsync(LiveEventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var state = _state.State;
        if (state.Senders.TryGetValue(batch.Sender, out long last) && batch.Sequence <= last)
        {
            // Applied before (a retry after a fail-over, or after the sink failed): offer what the outbox still holds and
            // make sure the due index knows this customer.
            state.DuplicateBatches++;
            await DeliverAsync(CancellationToken.None);
            await RegisterAsync();
            return;
        }

        string customer = CustomerId;
        var firings = new List<RuleFiring>();
        var delta = new LiveCounts();
        if (batch.Watermark is { } watermark)
        {
            firings.AddRange(_monitor.AdvanceTo(watermark));
            Count(watermark, delta);
        }

        try
        {
            foreach (LiveEvent e in batch.Events)
            {
                // Late events are refused by the monitor (and counted there); they are not counted live either.
                bool late = _monitor.Watermark is { } w && e.Timestamp <= w;
                firings.AddRange(_monitor.Observe(e.ToJourneyEvent(customer)));
                if (!late)
                {
                    _uncounted.Add(e);
                }

                if (_options.RecentEvents > 0)
                {
                    _recent.Add(e);
                }
            }
        }
        catch
        {
            // A bad event (a blank touchpoint, a non-finite value) after good ones: drop the half-applied batch with this
            // activation, so that storage — without any of it — stays the truth, and let the caller see the error.
            DeactivateOnIdle();
            throw;
        }

        if (_recent.Count > _options.RecentEvents)
        {
            _recent.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
            _recent.RemoveRange(0, _recent.Count - _options.RecentEvents);
        }

        state.Senders[batch.Sender] = batch.Sequence;
        await PersistAsync(firings);
        Combine(delta);
        await RegisterAsync();
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> AdvanceToAsync(DateTimeOffset watermark)
    {
        int buffered = _monitor.BufferedEvents, open = _monitor.OpenEpisodes;
        var firings = _monitor.AdvanceTo(watermark);
        var delta = new LiveCounts();
        Count(watermark, delta);

        // Only a change beyond the watermark itself is worth a write: the watermark is sent again with the next batch.
        if (firings.Count > 0 || buffered != _monitor.BufferedEvents || open != _monitor.OpenEpisodes || !delta.IsEmpty)
        {
            await PersistAsync(firings);
            Combine(delta);
        }
        else
        {
            // A retried watermark after the sink failed: offer what the outbox still holds.
            await DeliverAsync(CancellationToken.None);
        }

        // The caller is the due index: it records the answer itself (calling it back would wait on this call).
        _registered = _monitor.NextDue;
        _registeredKnown = true;
        return _registered;
    }

    /// <inheritdoc/>
    public Task<JourneyGrainStatus> StatusAsync()
    {
        string? stage = _recent.OrderBy(e => e.Timestamp).LastOrDefault(e => e.Stage is not null)?.Stage;
        return Task.FromResult(new JourneyGrainStatus(CustomerId, [.. _recent], stage, _monitor.OpenEpisodes, _monitor.BufferedEvents,
            _monitor.LateEvents, _state.State.DuplicateBatches, _monitor.Watermark));
    }

    // The events now at or before the watermark, in event time (ties in arrival order, as the monitor applies them),
    // counted into a delta of the live aggregates.
    private void Count(DateTimeOffset watermark, LiveCounts delta)
    {
        var state = _state.State;
        if (_uncounted.Count == 0)
        {
            return;
        }

        var ready = _uncounted.Where(e => e.Timestamp <= watermark).OrderBy(e => e.Timestamp).ToList();
        if (ready.Count == 0)
        {
            return;
        }

        _uncounted.RemoveAll(e => e.Timestamp <= watermark);
        var funnel = _options.FunnelStages;
        if (delta.FunnelEntered.Length < funnel.Count)
        {
            delta.FunnelEntered = new long[funnel.Count];
        }

        foreach (LiveEvent e in ready)
        {
            string? known = e.Stage ?? (_mapStages is not null && _mapStages.TryGetValue(e.Touchpoint, out string? mapped) ? mapped : null);
            string stage = known ?? Events.LevelColumns.Unknown;
            Step(delta.Edges, delta.Starts, delta.Ends, state.LastTouchpoint, e.Touchpoint);
            Step(delta.StageEdges, delta.StageStarts, delta.StageEnds, state.LastStage, stage);
            state.LastTouchpoint = e.Touchpoint;
            state.LastStage = stage;
            delta.Events++;
            if (state.FunnelStep + 1 < funnel.Count && known == funnel[state.FunnelStep + 1])
            {
                state.FunnelStep++;
                delta.FunnelEntered[state.FunnelStep]++;
            }

            if (e.Feedback is { } rating)
            {
                int cls = rating >= 9 ? 0 : rating >= 7 ? 1 : 2;
                if (state.NpsClass >= 0)
                {
                    delta.Nps[state.NpsClass]--;
                }

                delta.Nps[cls]++;
                state.NpsClass = cls;
            }
        }
    }

    private static void Step(Dictionary<string, long> edges, Dictionary<string, long> starts, Dictionary<string, long> ends, string? last, string current)
    {
        if (last is null)
        {
            LiveCounts.Bump(starts, current, 1);
        }
        else
        {
            LiveCounts.Bump(edges, last + LiveCounts.Separator + current, 1);
            LiveCounts.Bump(ends, last, -1);
        }

        LiveCounts.Bump(ends, current, 1);
    }

    private void Combine(LiveCounts delta)
    {
        if (!delta.IsEmpty)
        {
            (_combiner ??= ServiceProvider.GetRequiredService<LiveCombiner>()).Add(delta);
        }
    }

    // The index needs an entry no later than the customer's next due time: an earlier one costs at most a wake-up for
    // nothing (which corrects it), a missing or later one would lose firings. So only an earlier (or first) due time is
    // sent; most batches only add later events and send nothing.
    private async Task RegisterAsync()
    {
        var due = _monitor.NextDue;
        if (_registeredKnown && (due is null || (_registered is { } known && known <= due)))
        {
            return;
        }

        if (!_registeredKnown && due is null)
        {
            _registeredKnown = true;
            _registered = null;
            return;
        }

        int shard = JourneyKitOrleansOptions.ShardOf(CustomerId, _options.DueIndexShards);
        await GrainFactory.GetGrain<IDueIndexGrain>(shard).SetAsync(CustomerId, due);
        _registered = due;
        _registeredKnown = true;
    }

    private async Task PersistAsync(IReadOnlyList<RuleFiring> firings)
    {
        var state = _state.State;
        using (var buffer = new MemoryStream())
        {
            _monitor.SaveState(buffer);
            state.Monitor = buffer.ToArray();
        }

        state.RecentEvents = LiveEventCodec.Encode(_recent, nameof(_recent));
        state.UncountedEvents = LiveEventCodec.Encode(_uncounted, nameof(_uncounted));

        state.Outbox.AddRange(firings.Select(FiringRecord.From));
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // Memory is now ahead of storage: let the retried call find a fresh activation that reads storage.
            DeactivateOnIdle();
            throw;
        }

        await DeliverAsync(CancellationToken.None);
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
