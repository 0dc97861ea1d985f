using System.Runtime.CompilerServices;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>
/// Runs rules live, on event time: feed events one at a time (<see cref="Observe(JourneyEvent)"/>) as they happen,
/// advance the watermark (<see cref="AdvanceTo"/>), act on the firings. Fires exactly what
/// <see cref="RuleEngine.Evaluate(EventLog, DateTimeOffset, CancellationToken)"/> fires over the same events as of the watermark, whatever the
/// arrival order within <see cref="JourneyMonitorOptions.AllowedLateness"/>; its state saves to a stream and restores
/// without losing or repeating a firing. Not thread-safe: one writer at a time — a call that overlaps another on the same
/// monitor throws <see cref="InvalidOperationException"/> instead of losing events.
/// </summary>
/// <remarks>
/// <para><b>Event time.</b> The watermark W says "every event at or before W has arrived". Events after W wait in a
/// buffer; when W moves, the waiting events at or before it are applied in journey order (time, then arrival order) and
/// every episode due at or before W fires. An event at or before W is <i>late</i>: counted in <see cref="LateEvents"/>,
/// passed to <see cref="JourneyMonitorOptions.OnLateEvent"/>, not applied (a Y exactly at the due time closes an episode,
/// so an episode due at W may only fire once the events at W are complete). By default W follows the events: one tick
/// before (latest event time − allowed lateness).</para>
/// <para><b>Firings</b> come back from the call that caused them, ordered by <see cref="RuleFiring.FiredAt"/>; each
/// carries a deterministic <see cref="RuleFiring.Id"/> so that an outbox can de-duplicate after a restart.</para>
/// <para><b>Memory.</b> Per open episode: an entry of the open-episode table and of its rule's due queue (a repeated X
/// that restarts an episode adds nothing); per customer ever seen: the id (for cooldowns, firing limits and stall
/// stages). See <see cref="StateBytes"/>.</para>
/// </remarks>
public sealed partial class JourneyMonitor
{
    private static readonly Action<Microsoft.Extensions.Logging.ILogger, string, DateTimeOffset, DateTimeOffset, Exception?> FirstLateEvent =
        Microsoft.Extensions.Logging.LoggerMessage.Define<string, DateTimeOffset, DateTimeOffset>(
            Microsoft.Extensions.Logging.LogLevel.Warning,
            new Microsoft.Extensions.Logging.EventId(1, "LateEvent"),
            "JourneyMonitor: an event of customer {Customer} at {Timestamp:O} arrived at or before the watermark {Watermark:O} and was not applied; late events are counted in JourneyMonitor.LateEvents (logged once per monitor)");

    private readonly long _lateness;
    private readonly List<(int Rule, RuleFiring Firing)> _out = [];
    private long _nextDue = long.MaxValue; // the earliest due time at the head of any due queue
    private int _busy;

    /// <summary>Creates a monitor.</summary>
    /// <param name="rules">The rules, with unique names.</param>
    /// <param name="options">Event-time settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="RuleValidationException">The rules are unsound, do not fit the options' map or exceed <see cref="JourneyMonitorOptions.MaxConditionParts"/>; every error is listed.</exception>
    public JourneyMonitor(IEnumerable<JourneyRule> rules, JourneyMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Options = options ?? new JourneyMonitorOptions();
        Options.Validate();
        _lateness = Options.AllowedLateness.Ticks;
        JourneyRule[] list = [.. rules];
        RuleSetPlan.CheckBudget(list, Options.MaxConditionParts, "JourneyMonitorOptions.MaxConditionParts");
        Template = MonitorTemplate.For(list, Options.Map, nameof(rules));
        Rules = Template.Rules; // shared by the monitors of one template, so never the array itself
        Specs = Template.Resolved.Specs;

        // The matcher's ids are the template's: the labels go into this monitor's tables in the same order.
        foreach (string touchpoint in Template.Touchpoints)
        {
            TouchpointTable.Intern(touchpoint);
        }

        foreach (string channel in Template.Channels)
        {
            ChannelTable.Intern(channel);
        }

        foreach (string stage in Template.Stages)
        {
            StageTable.Intern(stage);
        }

        Due = Specs.Select(s => s.Kind == RuleKind.Occurrence ? null : new DueQueue()).ToArray();
        SuppressedCounts = new long[Specs.Length];
    }

    /// <summary>Gets the rules, in the order given.</summary>
    public IReadOnlyList<JourneyRule> Rules { get; }

    /// <summary>Gets the options.</summary>
    public JourneyMonitorOptions Options { get; }

    /// <summary>
    /// Gets the watermark: every event at or before it has been applied; <see langword="null"/> before the first advance
    /// (or while it lies before <see cref="DateTimeOffset.MinValue"/>: lateness behind an event of year 1).
    /// </summary>
    public DateTimeOffset? Watermark => WatermarkTicks < 0 ? null : new DateTimeOffset(WatermarkTicks, TimeSpan.Zero);

    /// <summary>Gets the number of late events (at or before the watermark when they arrived), which were not applied.</summary>
    public long LateEvents { get; internal set; }

    /// <summary>Gets the number of events applied so far.</summary>
    public long AppliedEvents { get; internal set; }

    /// <summary>Gets the number of events waiting for the watermark.</summary>
    public int BufferedEvents => Waiting.Count;

    /// <summary>Gets the number of open episodes.</summary>
    public int OpenEpisodes => Table.OpenCount;

    /// <summary>Gets the number of customers seen.</summary>
    public int Customers => CustomerTable.Count;

    /// <summary>
    /// Gets the earliest event time at which <see cref="AdvanceTo"/> has work — the oldest buffered event, or the due
    /// time of the earliest open episode — or <see langword="null"/> when there is none (an episode due after
    /// <see cref="DateTimeOffset.MaxValue"/> is never due). A driver that holds many monitors (one per customer grain)
    /// wakes only those whose next due time the watermark has reached. Cost: one pass over the open episodes.
    /// </summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            long next = Waiting.Oldest;
            foreach ((_, int rule, EpisodeSlot slot) in Table.All())
            {
                if (slot.Open)
                {
                    long due = slot.Start + Specs[rule].WithinTicks;
                    if (RuleTime.CanFallDue(due))
                    {
                        next = Math.Min(next, due);
                    }
                }
            }

            return next == long.MaxValue ? null : new DateTimeOffset(next, TimeSpan.Zero);
        }
    }

    /// <summary>Gets an estimate of the bytes the monitor's state takes: episode nodes, due queues, per-customer state, the customer-id index and buffered events (the id strings themselves excluded).</summary>
    public long StateBytes => Table.Bytes + Due.Sum(q => q?.Bytes ?? 0) + (CustomerTable.Count * 36L) + Waiting.Bytes;

    /// <summary>Gets the number of firings held back by each rule's cooldown, in rule order.</summary>
    public IReadOnlyList<long> Suppressed => SuppressedCounts;

    /// <summary>
    /// Called with each event as it is applied (in event time, once the watermark passes it; never for a late event):
    /// touchpoint, stage (the event's or the map's, or <see langword="null"/>), feedback (NaN when none). For drivers
    /// that count what the monitor applies (JourneyKit.Orleans' live aggregates) without keeping a second buffer.
    /// </summary>
    internal Action<string, string?, double>? OnApplied { get; set; }

    // The state a snapshot saves and restores (MonitorSnapshot).
    internal MonitorTemplate Template { get; }

    internal RuleSpec[] Specs { get; }

    internal StringTable TouchpointTable { get; } = new();

    internal StringTable ChannelTable { get; } = new();

    internal StringTable StageTable { get; } = new();

    internal StringTable CustomerTable { get; } = new();

    internal EpisodeTable Table { get; } = new();

    internal DueQueue?[] Due { get; }

    internal long[] SuppressedCounts { get; }

    internal WaitingEvents Waiting { get; } = new();

    internal long WatermarkTicks { get; set; } = long.MinValue;

    internal long MaxSeen { get; set; } = long.MinValue;

    /// <summary>Observes an event at a touchpoint.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="touchpoint">The touchpoint.</param>
    /// <returns>The firings it caused (through the watermark it moved), by <see cref="RuleFiring.FiredAt"/>, rule, customer id; empty when none.</returns>
    /// <exception cref="ArgumentException">The customer id or touchpoint is null, blank or not valid Unicode.</exception>
    /// <exception cref="InvalidOperationException">Another call on this monitor runs at the same time (it is not thread-safe).</exception>
    public IReadOnlyList<RuleFiring> Observe(string customerId, DateTimeOffset timestamp, string touchpoint) =>
        Observe(new JourneyEvent(customerId, timestamp, touchpoint));

    /// <summary>Observes an event with its channel, stage, outcome, value and feedback.</summary>
    /// <param name="journeyEvent">The event; without a channel or stage it takes its touchpoint's from the options' map, if any.</param>
    /// <returns>The firings it caused (through the watermark it moved), by <see cref="RuleFiring.FiredAt"/>, rule, customer id; empty when none.</returns>
    /// <exception cref="ArgumentException">The customer id or touchpoint is null, blank or not valid Unicode, or a value or feedback score is not finite.</exception>
    /// <exception cref="InvalidOperationException">Another call on this monitor runs at the same time (it is not thread-safe).</exception>
    public IReadOnlyList<RuleFiring> Observe(JourneyEvent journeyEvent)
    {
        ArgumentNullException.ThrowIfNull(journeyEvent.CustomerId, nameof(journeyEvent));
        ArgumentNullException.ThrowIfNull(journeyEvent.Touchpoint, nameof(journeyEvent));
        if (journeyEvent.Value is { } v && !double.IsFinite(v))
        {
            throw new ArgumentException($"Event of customer '{Guard.Clip(journeyEvent.CustomerId)}' has a value of {v}; values must be finite.", nameof(journeyEvent));
        }

        if (journeyEvent.Feedback is { } f && !double.IsFinite(f))
        {
            throw new ArgumentException($"Event of customer '{Guard.Clip(journeyEvent.CustomerId)}' has feedback of {f}; feedback must be finite.", nameof(journeyEvent));
        }

        if ((byte)journeyEvent.Outcome > (byte)EventOutcome.Churn)
        {
            throw new ArgumentException($"Event of customer '{Guard.Clip(journeyEvent.CustomerId)}' has outcome {(int)journeyEvent.Outcome}, which is not an EventOutcome.", nameof(journeyEvent));
        }

        Enter();
        try
        {
            long t = journeyEvent.Timestamp.UtcTicks;
            if (t <= WatermarkTicks)
            {
                Late(journeyEvent);
                return [];
            }

            // Labels are checked (not blank, valid Unicode) when first seen; a known one costs one lookup.
            int customer = InternChecked(CustomerTable, journeyEvent.CustomerId);
            Table.EnsureCustomers(CustomerTable.Count);
            int tp = InternChecked(TouchpointTable, journeyEvent.Touchpoint);
            int[] mapStage = Template.MapStage;
            bool fromMap = tp < mapStage.Length;
            int channel = journeyEvent.Channel is { } ch ? InternChecked(ChannelTable, ch) : fromMap ? Template.MapChannel[tp] : -1;
            int stage = journeyEvent.Stage is { } st ? InternChecked(StageTable, st) : fromMap ? mapStage[tp] : -1;
            Waiting.Add(new MonitorEvent(t, customer, tp, channel, stage, journeyEvent.Outcome, journeyEvent.Value ?? double.NaN, journeyEvent.Feedback ?? double.NaN));
            MaxSeen = Math.Max(MaxSeen, t);

            long target = long.MinValue;
            if (Options.WatermarkFollowsEvents && MaxSeen - _lateness - 1 > WatermarkTicks)
            {
                target = MaxSeen - _lateness - 1;
            }

            if (BufferedEvents > Options.MaxBufferedEvents)
            {
                target = Math.Max(target, Waiting.Oldest);
            }

            return target > WatermarkTicks ? Advance(target) : [];
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Observes a stream of events, yielding each firing as it happens; does not advance past the last event at the end.</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops observing.</param>
    /// <returns>The firings, in the order they happen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    public async IAsyncEnumerable<RuleFiring> ObserveAsync(IAsyncEnumerable<JourneyEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await foreach (JourneyEvent e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (RuleFiring firing in Observe(e))
            {
                yield return firing;
            }
        }
    }

    /// <summary>Moves the watermark: applies the waiting events at or before it and fires every episode due at or before it.</summary>
    /// <param name="watermark">The new watermark; one at or before the current watermark changes nothing.</param>
    /// <returns>The firings, by <see cref="RuleFiring.FiredAt"/>, rule, customer id; empty when none.</returns>
    /// <exception cref="InvalidOperationException">Another call on this monitor runs at the same time (it is not thread-safe).</exception>
    public IReadOnlyList<RuleFiring> AdvanceTo(DateTimeOffset watermark)
    {
        long w = watermark.UtcTicks;
        Enter();
        try
        {
            return w > WatermarkTicks ? Advance(w) : [];
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Lists the open episodes (as <see cref="RuleFiring"/> values whose <see cref="RuleFiring.FiredAt"/> is the due time),
    /// ordered by due time, rule, customer id; an episode due after <see cref="DateTimeOffset.MaxValue"/> is listed with
    /// that time and is never due.
    /// </summary>
    /// <returns>The open episodes.</returns>
    public IReadOnlyList<RuleFiring> PendingEpisodes()
    {
        var list = new List<(int Rule, RuleFiring Firing)>(Table.OpenCount);
        foreach ((int customer, int r, EpisodeSlot slot) in Table.All())
        {
            if (slot.Open)
            {
                long due = slot.Start + Specs[r].WithinTicks;
                JourneyRule rule = Template.Resolved.Rules[r];
                string id = CustomerTable[customer];
                list.Add((r, new RuleFiring(rule.Name, id, RuleTime.Utc(slot.Start), RuleTime.Utc(due), RuleTime.Utc(due)) { IsHoldout = rule.HoldsOut(id), Ordinal = EpisodeMachine.OpenOrdinal(slot) }));
            }
        }

        list.Sort(Canonical);
        return [.. list.Select(x => x.Firing)];
    }

    /// <summary>
    /// Saves the monitor's state — watermark, waiting events, open episodes, cooldowns and firing counts, stages of
    /// stall rules, late-event count — to a stream in a versioned binary format with a checksum, so that
    /// <see cref="Load"/> continues exactly where it stopped. The saved state says where it ends: something may follow it
    /// in the stream. (Every saved state in JourneyKit pairs <c>Save</c> with a static <c>Load</c>.)
    /// </summary>
    /// <param name="stream">The target stream; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        MonitorSnapshot.Write(this, stream);
    }

    /// <summary>Saves the monitor's state: issue #12's name for <see cref="Save"/>, kept for the callers that use it.</summary>
    /// <param name="stream">The target stream; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    [Obsolete("Use Save: every saved state in JourneyKit pairs Save with a static Load. SaveState will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public void SaveState(Stream stream) => Save(stream);

    /// <summary>Restores a saved monitor: issue #12's name for <see cref="Load"/>, kept for the callers that use it.</summary>
    /// <param name="stream">The source stream; left open, positioned after the saved state.</param>
    /// <param name="rules">The same rules as the saved monitor's.</param>
    /// <param name="options">Event-time settings.</param>
    /// <returns>The monitor, continuing where the saved one stopped.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a monitor snapshot, is truncated or corrupt, or was saved with different rules.</exception>
    /// <exception cref="RuleValidationException">The rules are unsound or do not fit the options' map.</exception>
    [Obsolete("Use Load: every saved state in JourneyKit pairs Save with a static Load. Restore will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static JourneyMonitor Restore(Stream stream, IEnumerable<JourneyRule> rules, JourneyMonitorOptions options) => Load(stream, rules, options);

    /// <summary>Loads a monitor saved with <see cref="Save"/> (by this version or an earlier one).</summary>
    /// <param name="stream">The source stream; left open, positioned after the saved state.</param>
    /// <param name="rules">The same rules as the saved monitor's (same names, definitions and order).</param>
    /// <param name="options">Event-time settings (they may differ from the saved monitor's).</param>
    /// <returns>The monitor, continuing where the saved one stopped.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The stream is not a monitor snapshot, is truncated or corrupt (its checksum, or any count, time, id or outcome
    /// out of range), comes from a newer version, or was saved with different rules. A corrupt snapshot is always this
    /// exception at restore, never a failure later.
    /// </exception>
    /// <exception cref="RuleValidationException">The rules are unsound or do not fit the options' map.</exception>
    public static JourneyMonitor Load(Stream stream, IEnumerable<JourneyRule> rules, JourneyMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var monitor = new JourneyMonitor(rules, options);
        MonitorSnapshot.Read(stream, monitor);
        return monitor;
    }

    /// <summary>
    /// Feeds a log's events in time order (ties: the log's customer order, then each journey's order) up to
    /// <paramref name="asOf"/>, then advances the watermark to it: the way to run history through a monitor, which expects
    /// events in time order (a log's events come customer by customer). The firings equal
    /// <see cref="RuleEngine.Evaluate(EventLog, DateTimeOffset, CancellationToken)"/>'s over the same log as of the same moment, for a monitor
    /// that has seen nothing before.
    /// </summary>
    /// <param name="log">The history.</param>
    /// <param name="asOf">The moment to replay up to: later events are not fed; episodes due by then fire.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The firings, by <see cref="RuleFiring.FiredAt"/>, rule, customer id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="LateEventException">An event is at or before the watermark the monitor had already reached (under <see cref="LateEventPolicy.Throw"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<RuleFiring> Replay(EventLog log, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        ReadOnlySpan<long> ticks = log.UtcTicks;
        long until = asOf.UtcTicks;
        var order = new List<(long Ticks, int Event)>(log.EventCount > int.MaxValue ? int.MaxValue : (int)log.EventCount);
        for (int e = 0; e < ticks.Length; e++)
        {
            if ((e & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (ticks[e] <= until)
            {
                order.Add((ticks[e], e));
            }
        }

        order.Sort(); // by time, then by place in the log: customer order, then the journey's order
        var firings = new List<RuleFiring>();
        foreach ((_, int e) in order)
        {
            firings.AddRange(Observe(log.GetEvent(e)));
        }

        firings.AddRange(AdvanceTo(asOf));
        return firings;
    }

    private void Late(JourneyEvent journeyEvent)
    {
        var watermark = new DateTimeOffset(Math.Max(WatermarkTicks, 0), TimeSpan.Zero);
        if (Options.LateEvents == LateEventPolicy.Throw)
        {
            throw new LateEventException(journeyEvent, watermark,
                $"The event of customer '{Guard.Clip(journeyEvent.CustomerId)}' at {journeyEvent.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fffffff} UTC is at or before the watermark " +
                $"({watermark.UtcDateTime:yyyy-MM-dd HH:mm:ss.fffffff} UTC) and was not applied. A monitor takes events in time order, within " +
                $"JourneyMonitorOptions.AllowedLateness ({Show.Duration(Options.AllowedLateness)}); to feed history use JourneyMonitor.Replay(log, asOf), " +
                "and to count late events instead set JourneyMonitorOptions.LateEvents = LateEventPolicy.Count.");
        }

        LateEvents++;
        Options.OnLateEvent?.Invoke(journeyEvent);
        if (LateEvents == 1 && Options.Logger is { } logger)
        {
            FirstLateEvent(logger, Guard.Clip(journeyEvent.CustomerId), journeyEvent.Timestamp, watermark, null);
        }
    }

    /// <summary>After a restore: the due queues from the open episodes, in order of start.</summary>
    internal void RebuildDueQueues(List<(long Start, int Customer, int Rule)> open)
    {
        open.Sort();
        foreach ((long start, int customer, int rule) in open)
        {
            Due[rule]?.Enqueue(customer, start);
            _nextDue = Math.Min(_nextDue, start + Specs[rule].WithinTicks);
        }
    }

    /// <summary>The order of the batch engine: firing time, rule, customer id (ordinal), start, same-instant number — independent of arrival order and of how the state was restored.</summary>
    private static int Canonical((int Rule, RuleFiring Firing) a, (int Rule, RuleFiring Firing) b)
    {
        int c = a.Firing.FiredAt.CompareTo(b.Firing.FiredAt);
        c = c != 0 ? c : a.Rule.CompareTo(b.Rule);
        c = c != 0 ? c : string.CompareOrdinal(a.Firing.CustomerId, b.Firing.CustomerId);
        c = c != 0 ? c : a.Firing.StartedAt.CompareTo(b.Firing.StartedAt);
        return c != 0 ? c : a.Firing.Ordinal.CompareTo(b.Firing.Ordinal);
    }

    /// <summary>Interns a label from an event, checking its text (not blank, valid Unicode) only when it is new.</summary>
    private static int InternChecked(StringTable table, string name)
    {
        int id = table.Find(name);
        if (id >= 0)
        {
            return id;
        }

        Guard.Name(name, "journeyEvent");
        return table.Intern(name);
    }
}
