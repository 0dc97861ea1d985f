using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>
/// Runs rules live, on event time: feed events one at a time (<see cref="Observe(JourneyEvent)"/>) as they happen,
/// advance the watermark (<see cref="AdvanceTo"/>), act on the firings. Fires exactly what
/// <see cref="RuleEngine.Evaluate(EventLog, DateTimeOffset)"/> fires over the same events as of the watermark, whatever the
/// arrival order within <see cref="JourneyMonitorOptions.AllowedLateness"/>; its state saves to a stream and restores
/// without losing or repeating a firing. Not thread-safe: one writer at a time.
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
/// <para><b>Memory.</b> Per open episode: an entry of the open-episode table and of its rule's due queue; per customer ever
/// seen: the id (for cooldowns, firing limits and stall stages). See <see cref="StateBytes"/>.</para>
/// </remarks>
public sealed class JourneyMonitor
{
    // Version 2 stores each rule as 16 bytes of the SHA-256 of its JSON; version 1 stored the JSON itself — over a
    // kilobyte for ten rules in every snapshot, which a grain per customer writes with every batch. Version 3 writes
    // numbers as zigzag varints and a waiting event's time as the difference from the one before (41 bytes an event
    // become ~11). All three are read.
    private const int SnapshotVersion = 3;
    private const byte HasValue = 1;
    private const byte HasFeedback = 2;
    private const int FingerprintBytes = MonitorTemplate.FingerprintBytes;
    private static readonly byte[] Magic = "JKMON"u8.ToArray();

    private readonly ResolvedRules _resolved;
    private readonly MonitorTemplate _template;
    private readonly RuleSpec[] _specs;
    private readonly RuleMatcher _matcher;
    private readonly StringTable _touchpoints = new();
    private readonly StringTable _channels = new();
    private readonly StringTable _stages = new();
    private readonly StringTable _customers = new();
    private readonly EpisodeTable _table = new();
    private readonly int[] _mapChannel; // shared with the template: read only
    private readonly int[] _mapStage;
    private readonly DueQueue?[] _due;
    private readonly long[] _suppressed;
    private readonly long _lateness;
    // Waiting events: [_head, _sorted) in event time (ties in arrival order), then [_sorted, Count) as they arrived —
    // an out-of-order event is appended, and the tail is sorted once when order is needed (advancing, saving), so a
    // shuffled batch costs O(n log n), not an insertion into the middle per event.
    private List<Buffered> _buffer = [];
    private int _head;
    private int _sorted;
    private long _tailMin = long.MaxValue;
    private long _watermark = long.MinValue;
    private long _maxSeen = long.MinValue;
    private long _nextDue = long.MaxValue; // the earliest due time at the head of any due queue
    private readonly List<(int Rule, RuleFiring Firing)> _out = [];

    /// <summary>
    /// Called with each event as it is applied (in event time, once the watermark passes it; never for a late event):
    /// touchpoint, stage (the event's or the map's, or <see langword="null"/>), feedback (NaN when none). For drivers
    /// that count what the monitor applies (JourneyKit.Orleans' live aggregates) without keeping a second buffer.
    /// </summary>
    internal Action<string, string?, double>? OnApplied { get; set; }

    /// <summary>Creates a monitor.</summary>
    /// <param name="rules">The rules, with unique names.</param>
    /// <param name="options">Event-time settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="RuleValidationException">The rules are unsound or do not fit the options' map; every error is listed.</exception>
    public JourneyMonitor(IEnumerable<JourneyRule> rules, JourneyMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Options = options ?? new JourneyMonitorOptions();
        Options.Validate();
        _lateness = Options.AllowedLateness.Ticks;
        var template = MonitorTemplate.For(rules, Options.Map, nameof(rules));
        _template = template;
        _resolved = template.Resolved;
        Rules = template.Rules; // shared by the monitors of one template, so never the array itself
        _specs = _resolved.Specs;
        _matcher = template.Matcher;

        // The matcher's ids are the template's: the labels go into this monitor's tables in the same order.
        foreach (string touchpoint in template.Touchpoints)
        {
            _touchpoints.Intern(touchpoint);
        }

        foreach (string channel in template.Channels)
        {
            _channels.Intern(channel);
        }

        foreach (string stage in template.Stages)
        {
            _stages.Intern(stage);
        }

        _mapChannel = template.MapChannel;
        _mapStage = template.MapStage;
        _due = _specs.Select(s => s.Kind == RuleKind.Occurrence ? null : new DueQueue()).ToArray();
        _suppressed = new long[_specs.Length];
    }

    /// <summary>Gets the rules, in the order given.</summary>
    public IReadOnlyList<JourneyRule> Rules { get; }

    /// <summary>Gets the options.</summary>
    public JourneyMonitorOptions Options { get; }

    /// <summary>Gets the watermark: every event at or before it has been applied; <see langword="null"/> before the first advance.</summary>
    public DateTimeOffset? Watermark => _watermark == long.MinValue ? null : new DateTimeOffset(_watermark, TimeSpan.Zero);

    /// <summary>Gets the number of late events (at or before the watermark when they arrived), which were not applied.</summary>
    public long LateEvents { get; private set; }

    /// <summary>Gets the number of events applied so far.</summary>
    public long AppliedEvents { get; private set; }

    /// <summary>Gets the number of events waiting for the watermark.</summary>
    public int BufferedEvents => _buffer.Count - _head;

    /// <summary>Gets the number of open episodes.</summary>
    public int OpenEpisodes => _table.OpenCount;

    /// <summary>Gets the number of customers seen.</summary>
    public int Customers => _customers.Count;

    /// <summary>
    /// Gets the earliest event time at which <see cref="AdvanceTo"/> has work — the oldest buffered event, or the due
    /// time of the earliest open episode — or <see langword="null"/> when there is none. A driver that holds many
    /// monitors (one per customer grain) wakes only those whose next due time the watermark has reached.
    /// Cost: one pass over the open episodes.
    /// </summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            long next = OldestWaiting;
            foreach ((_, int rule, EpisodeSlot slot) in _table.All())
            {
                if (slot.Open)
                {
                    next = Math.Min(next, slot.Start + _specs[rule].WithinTicks);
                }
            }

            return next == long.MaxValue ? null : new DateTimeOffset(next, TimeSpan.Zero);
        }
    }

    /// <summary>Gets an estimate of the bytes the monitor's state takes: episode nodes, due queues, per-customer state, the customer-id index and buffered events (the id strings themselves excluded).</summary>
    public long StateBytes =>
        _table.Bytes + _due.Sum(q => q?.Bytes ?? 0) + (_customers.Count * 36L) + (_buffer.Capacity * (long)Unsafe.SizeOf<Buffered>());

    /// <summary>Gets the number of firings held back by each rule's cooldown, in rule order.</summary>
    public IReadOnlyList<long> Suppressed => _suppressed;

    /// <summary>Observes an event at a touchpoint.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="touchpoint">The touchpoint.</param>
    /// <returns>The firings it caused (through the watermark it moved), by <see cref="RuleFiring.FiredAt"/>, rule, customer id; empty when none.</returns>
    /// <exception cref="ArgumentException">The customer id or touchpoint is null, blank or not valid Unicode.</exception>
    public IReadOnlyList<RuleFiring> Observe(string customerId, DateTimeOffset timestamp, string touchpoint) =>
        Observe(new JourneyEvent(customerId, timestamp, touchpoint));

    /// <summary>Observes an event with its channel, stage, outcome, value and feedback.</summary>
    /// <param name="journeyEvent">The event; without a channel or stage it takes its touchpoint's from the options' map, if any.</param>
    /// <returns>The firings it caused (through the watermark it moved), by <see cref="RuleFiring.FiredAt"/>, rule, customer id; empty when none.</returns>
    /// <exception cref="ArgumentException">The customer id or touchpoint is null, blank or not valid Unicode, or a value or feedback score is not finite.</exception>
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

        long t = journeyEvent.Timestamp.UtcTicks;
        if (t <= _watermark)
        {
            LateEvents++;
            Options.OnLateEvent?.Invoke(journeyEvent);
            return [];
        }

        // Labels are checked (not blank, valid Unicode) when first seen; a known one costs one lookup.
        int customer = InternChecked(_customers, journeyEvent.CustomerId);
        _table.EnsureCustomers(_customers.Count);
        int tp = InternChecked(_touchpoints, journeyEvent.Touchpoint);
        bool fromMap = tp < _mapStage.Length;
        int channel = journeyEvent.Channel is { } ch ? InternChecked(_channels, ch) : fromMap ? _mapChannel[tp] : -1;
        int stage = journeyEvent.Stage is { } st ? InternChecked(_stages, st) : fromMap ? _mapStage[tp] : -1;
        Insert(new Buffered(t, customer, tp, channel, stage, journeyEvent.Outcome, journeyEvent.Value ?? double.NaN, journeyEvent.Feedback ?? double.NaN));
        _maxSeen = Math.Max(_maxSeen, t);

        long target = long.MinValue;
        if (Options.WatermarkFollowsEvents && _maxSeen - _lateness - 1 > _watermark)
        {
            target = _maxSeen - _lateness - 1;
        }

        if (BufferedEvents > Options.MaxBufferedEvents)
        {
            target = Math.Max(target, OldestWaiting);
        }

        return target > _watermark ? Advance(target) : [];
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
    public IReadOnlyList<RuleFiring> AdvanceTo(DateTimeOffset watermark)
    {
        long w = watermark.UtcTicks;
        return w > _watermark ? Advance(w) : [];
    }

    /// <summary>Lists the open episodes (as <see cref="RuleFiring"/> values whose <see cref="RuleFiring.FiredAt"/> is the due time), ordered by due time, rule, customer id.</summary>
    /// <returns>The open episodes.</returns>
    public IReadOnlyList<RuleFiring> PendingEpisodes()
    {
        var list = new List<(int Rule, RuleFiring Firing)>(_table.OpenCount);
        foreach ((int customer, int r, EpisodeSlot slot) in _table.All())
        {
            if (slot.Open)
            {
                long due = slot.Start + _specs[r].WithinTicks;
                list.Add((r, new RuleFiring(_resolved.Rules[r].Name, _customers[customer], Utc(slot.Start), Utc(due), Utc(due))));
            }
        }

        list.Sort(Canonical);
        return [.. list.Select(x => x.Firing)];
    }

    /// <summary>The order of the batch engine: firing time, rule, customer id (ordinal), start — independent of arrival order and of how the state was restored.</summary>
    private static int Canonical((int Rule, RuleFiring Firing) a, (int Rule, RuleFiring Firing) b)
    {
        int c = a.Firing.FiredAt.CompareTo(b.Firing.FiredAt);
        c = c != 0 ? c : a.Rule.CompareTo(b.Rule);
        c = c != 0 ? c : string.CompareOrdinal(a.Firing.CustomerId, b.Firing.CustomerId);
        return c != 0 ? c : a.Firing.StartedAt.CompareTo(b.Firing.StartedAt);
    }

    /// <summary>
    /// Saves the monitor's state — watermark, waiting events, open episodes, cooldowns and firing counts, stages of
    /// stall rules, late-event count — to a stream in a versioned binary format, so that <see cref="Restore"/> continues
    /// exactly where it stopped.
    /// </summary>
    /// <param name="stream">The target stream; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void SaveState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(SnapshotVersion);
        writer.Write(_resolved.Rules.Length);
        foreach (byte[] fingerprint in _template.FingerprintHashes)
        {
            writer.Write(fingerprint);
        }

        Number(writer, _watermark);
        Number(writer, _maxSeen);
        Number(writer, LateEvents);
        Number(writer, AppliedEvents);
        foreach (long suppressed in _suppressed)
        {
            Number(writer, suppressed);
        }

        WriteLabels(writer, _touchpoints);
        WriteLabels(writer, _channels);
        WriteLabels(writer, _stages);
        WriteLabels(writer, _customers);
        for (int c = 0; c < _customers.Count; c++)
        {
            Number(writer, _table.LastStage(c));
        }

        Number(writer, _table.NodeCount);
        foreach ((int customer, int rule, EpisodeSlot slot) in _table.All())
        {
            Number(writer, customer);
            Number(writer, rule);
            writer.Write(slot.Open);
            Number(writer, slot.Start);
            Number(writer, slot.Firings);
            Number(writer, slot.LastFired);
        }

        Number(writer, BufferedEvents);
        SortWaiting();
        long previous = 0;
        for (int i = _head; i < _buffer.Count; i++)
        {
            Buffered b = _buffer[i];
            Number(writer, b.Ticks - previous);
            previous = b.Ticks;
            Number(writer, b.Customer);
            Number(writer, b.Touchpoint);
            Number(writer, b.Channel);
            Number(writer, b.Stage);
            writer.Write((byte)b.Outcome);
            writer.Write((byte)((double.IsNaN(b.Value) ? 0 : HasValue) | (double.IsNaN(b.Feedback) ? 0 : HasFeedback)));
            if (!double.IsNaN(b.Value))
            {
                writer.Write(b.Value);
            }

            if (!double.IsNaN(b.Feedback))
            {
                writer.Write(b.Feedback);
            }
        }

        writer.Write(Magic);
    }

    /// <summary>Restores a monitor saved with <see cref="SaveState"/>.</summary>
    /// <param name="stream">The source stream; left open.</param>
    /// <param name="rules">The same rules as the saved monitor's (same names, definitions and order).</param>
    /// <param name="options">Event-time settings (they may differ from the saved monitor's).</param>
    /// <returns>The monitor, continuing where the saved one stopped.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a monitor snapshot, is truncated, comes from a newer version, or was saved with different rules.</exception>
    /// <exception cref="RuleValidationException">The rules are unsound or do not fit the options' map.</exception>
    public static JourneyMonitor Restore(Stream stream, IEnumerable<JourneyRule> rules, JourneyMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var monitor = new JourneyMonitor(rules, options);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            monitor.Read(reader);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The monitor snapshot is truncated.", ex);
        }
        catch (IndexOutOfRangeException ex)
        {
            throw new InvalidDataException("The monitor snapshot refers to a label it does not list; it is corrupt.", ex);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new InvalidDataException("The monitor snapshot has a malformed number; it is corrupt.", ex);
        }
        catch (IOException ex)
        {
            // BinaryReader reports a negative string length (a corrupt label) this way.
            throw new InvalidDataException("The monitor snapshot has a malformed label; it is corrupt.", ex);
        }

        return monitor;
    }

    private void Read(BinaryReader reader)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stream is not a JourneyMonitor snapshot (it does not start with 'JKMON').");
        }

        int version = reader.ReadInt32();
        if (version is < 1 or > SnapshotVersion)
        {
            throw new InvalidDataException($"The snapshot has format version {version}; this library reads versions 1 to {SnapshotVersion}.");
        }

        var n = new SnapshotNumbers(reader, compact: version >= 3);

        int rules = reader.ReadInt32();
        if (rules != _specs.Length)
        {
            throw new InvalidDataException($"The snapshot was saved with {rules} rules; {_specs.Length} were given. Restore with the same rules.");
        }

        for (int r = 0; r < rules; r++)
        {
            if (version == 1)
            {
                string saved = reader.ReadString();
                if (saved != _template.Fingerprints[r])
                {
                    throw new InvalidDataException($"Rule {r} ('{Guard.Clip(_resolved.Rules[r].Name)}') differs from the rule the snapshot was saved with: {Guard.Clip(saved)}");
                }
            }
            else if (!reader.ReadBytes(FingerprintBytes).AsSpan().SequenceEqual(_template.FingerprintHashes[r]))
            {
                throw new InvalidDataException($"Rule {r} ('{Guard.Clip(_resolved.Rules[r].Name)}') differs from the rule the snapshot was saved with (its definition's fingerprint does not match).");
            }
        }

        _watermark = n.Long();
        _maxSeen = n.Long();
        LateEvents = n.Long();
        AppliedEvents = n.Long();
        for (int r = 0; r < rules; r++)
        {
            _suppressed[r] = n.Long();
        }

        int[] tp = ReadLabels(reader, _touchpoints);
        int[] ch = ReadLabels(reader, _channels);
        int[] st = ReadLabels(reader, _stages);
        int[] cu = ReadLabels(reader, _customers);
        _table.EnsureCustomers(_customers.Count);
        for (int i = 0; i < cu.Length; i++)
        {
            if (cu[i] != i)
            {
                throw new InvalidDataException("The snapshot lists a customer twice.");
            }

            int s = n.Int();
            _table.LastStage(i) = s < 0 ? -1 : st[s];
        }

        int nodes = n.Int();
        var starts = new List<(long Start, int Customer, int Rule)>();
        for (int i = 0; i < nodes; i++)
        {
            int customer = n.Int();
            int rule = n.Int();
            if (customer < 0 || customer >= cu.Length || rule < 0 || rule >= rules)
            {
                throw new InvalidDataException($"The snapshot refers to customer {customer} and rule {rule}, which it does not list.");
            }

            var slot = new EpisodeSlot { Open = reader.ReadBoolean(), Start = n.Long(), Firings = n.Int(), LastFired = n.Long() };
            _table.Store(customer, rule, slot, _specs[rule].KeepsHistory);
            if (slot.Open)
            {
                starts.Add((slot.Start, customer, rule));
            }
        }

        starts.Sort();
        foreach ((long start, int customer, int rule) in starts)
        {
            _due[rule]?.Enqueue(customer, start);
            _nextDue = Math.Min(_nextDue, start + _specs[rule].WithinTicks);
        }

        int buffered = n.Int();
        if (buffered < 0)
        {
            throw new InvalidDataException($"The snapshot gives a negative number of waiting events ({buffered}).");
        }

        _buffer = new List<Buffered>(Math.Min(buffered, 1 << 16));
        long ticks = 0;
        for (int i = 0; i < buffered; i++)
        {
            ticks = n.Compact ? ticks + n.Long() : reader.ReadInt64();
            int customer = n.Int();
            if (customer < 0 || customer >= cu.Length)
            {
                throw new InvalidDataException($"A waiting event of the snapshot refers to customer {customer}, which it does not list; it is corrupt.");
            }

            int touchpoint = tp[n.Int()];
            int channel = n.Int();
            int stage = n.Int();
            var outcome = (EventOutcome)reader.ReadByte();
            double value, feedback;
            if (n.Compact)
            {
                byte flags = reader.ReadByte();
                value = (flags & HasValue) != 0 ? reader.ReadDouble() : double.NaN;
                feedback = (flags & HasFeedback) != 0 ? reader.ReadDouble() : double.NaN;
            }
            else
            {
                value = reader.ReadDouble();
                feedback = reader.ReadDouble();
            }

            Insert(new Buffered(ticks, customer, touchpoint, channel < 0 ? -1 : ch[channel], stage < 0 ? -1 : st[stage], outcome, value, feedback));
        }

        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("The monitor snapshot does not end where it should; it is corrupt.");
        }
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    // The earliest waiting event time, or long.MaxValue.
    private long OldestWaiting => Math.Min(_head < _sorted ? _buffer[_head].Ticks : long.MaxValue, _tailMin);

    private void Insert(Buffered e)
    {
        int count = _buffer.Count;
        if (_sorted == count && (count == _head || CollectionsMarshal.AsSpan(_buffer)[count - 1].Ticks <= e.Ticks))
        {
            _sorted++;
        }
        else
        {
            _tailMin = Math.Min(_tailMin, e.Ticks);
        }

        _buffer.Add(e);
    }

    // Sorts the arrival-order tail (stably: by time, then arrival) and merges it into the sorted run before it (which
    // arrived earlier, so it goes first among equal times).
    private void SortWaiting()
    {
        int count = _buffer.Count;
        if (_sorted == count)
        {
            return;
        }

        // Scratch arrays from the pool: a grain per customer sorts a batch's worth on every write.
        Span<Buffered> all = CollectionsMarshal.AsSpan(_buffer);
        int tailLength = count - _sorted, runLength = _sorted - _head;
        Buffered[] tail = ArrayPool<Buffered>.Shared.Rent(tailLength);
        Buffered[] run = ArrayPool<Buffered>.Shared.Rent(runLength);
        var keys = ArrayPool<(long Ticks, int Arrival)>.Shared.Rent(tailLength);
        try
        {
            all[_sorted..].CopyTo(tail);
            for (int i = 0; i < tailLength; i++)
            {
                keys[i] = (tail[i].Ticks, i);
            }

            Array.Sort(keys, tail, 0, tailLength);
            all[_head.._sorted].CopyTo(run);
            int a = 0, b = 0, k = _head;
            while (a < runLength && b < tailLength)
            {
                all[k++] = run[a].Ticks <= tail[b].Ticks ? run[a++] : tail[b++];
            }

            while (a < runLength)
            {
                all[k++] = run[a++];
            }

            while (b < tailLength)
            {
                all[k++] = tail[b++];
            }
        }
        finally
        {
            // Cleared: the events hold strings, which a pooled array must not keep alive.
            Array.Clear(tail, 0, tailLength);
            Array.Clear(run, 0, runLength);
            ArrayPool<Buffered>.Shared.Return(tail);
            ArrayPool<Buffered>.Shared.Return(run);
            ArrayPool<(long Ticks, int Arrival)>.Shared.Return(keys);
        }

        _sorted = count;
        _tailMin = long.MaxValue;
    }

    private RuleFiring[] Advance(long watermark)
    {
        if (OldestWaiting <= watermark)
        {
            SortWaiting();
        }

        Span<Buffered> waiting = CollectionsMarshal.AsSpan(_buffer); // Apply never touches the buffer
        while (_head < waiting.Length && waiting[_head].Ticks <= watermark)
        {
            Apply(in waiting[_head]);
            _head++;
        }

        if (_head == _buffer.Count)
        {
            _buffer.Clear();
            _head = 0;
            _sorted = 0;
        }
        else if (_head > 4096 && _head > _buffer.Count / 2)
        {
            _buffer.RemoveRange(0, _head);
            _sorted -= _head;
            _head = 0;
        }

        for (int r = 0; r < _due.Length && _nextDue <= watermark; r++)
        {
            DueQueue? queue = _due[r];
            if (queue is null)
            {
                continue;
            }

            long within = _specs[r].WithinTicks;
            while (queue.TryPeek(out int customer, out long start) && start + within <= watermark)
            {
                queue.Dequeue();
                EpisodeSlot slot = _table.Load(customer, r);
                if (slot.Open && slot.Start == start)
                {
                    var sink = new Sink(this, customer);
                    EpisodeMachine.Advance(ref slot, _specs[r], r, watermark, ref sink);
                    _table.Store(customer, r, slot, _specs[r].KeepsHistory);
                }
            }
        }

        if (_nextDue <= watermark)
        {
            // Every queue was drained up to the watermark: the next due time is the earliest head.
            _nextDue = long.MaxValue;
            for (int r = 0; r < _due.Length; r++)
            {
                if (_due[r] is { } queue && queue.TryPeek(out _, out long start))
                {
                    _nextDue = Math.Min(_nextDue, start + _specs[r].WithinTicks);
                }
            }
        }

        _watermark = watermark;
        List<(int Rule, RuleFiring Firing)> fired = _out;
        if (fired.Count == 0)
        {
            return [];
        }

        if (fired.Count == 1)
        {
            RuleFiring[] one = [fired[0].Firing];
            fired.Clear();
            return one;
        }

        fired.Sort(Canonical);
        var result = new RuleFiring[fired.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = fired[i].Firing;
        }

        fired.Clear();
        return result;
    }

    private void Apply(in Buffered e)
    {
        AppliedEvents++;
        OnApplied?.Invoke(_touchpoints[e.Touchpoint], e.Stage >= 0 ? _stages[e.Stage] : null, e.Feedback);
        var store = new CustomerSlots(this, e.Customer);
        var sink = new Sink(this, e.Customer);
        if (_matcher.StallRules.Length == 0)
        {
            // Only stall rules need the customer's last stage: without them the header is touched only for a rule that applies.
            RuleDispatch.Apply(_matcher, _specs, e.Ticks, e.Touchpoint, e.Channel, e.Stage, e.Outcome, e.Value, e.Feedback, -1, ref store, ref sink);
            return;
        }

        ref int lastStage = ref _table.LastStage(e.Customer);
        RuleDispatch.Apply(_matcher, _specs, e.Ticks, e.Touchpoint, e.Channel, e.Stage, e.Outcome, e.Value, e.Feedback, lastStage, ref store, ref sink);
        if (e.Stage >= 0)
        {
            lastStage = e.Stage;
        }
    }

    private void Emit(int rule, int customer, long start, long due, long firedAt) =>
        _out.Add((rule, new RuleFiring(_resolved.Rules[rule].Name, _customers[customer], Utc(start), Utc(due), Utc(firedAt))));

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Buffered(long Ticks, int Customer, int Touchpoint, int Channel, int Stage, EventOutcome Outcome, double Value, double Feedback);

    /// <summary>One customer's slots in the monitor's episode table.</summary>
    private readonly struct CustomerSlots(JourneyMonitor monitor, int customer) : ISlotStore
    {
        public EpisodeSlot Load(int rule) => monitor._table.Load(customer, rule);

        public void Store(int rule, in EpisodeSlot slot) => monitor._table.Store(customer, rule, slot, monitor._specs[rule].KeepsHistory);
    }

    private readonly struct Sink(JourneyMonitor monitor, int customer) : IEpisodeSink
    {
        public void Fire(int rule, long start, long due, long firedAt) => monitor.Emit(rule, customer, start, due, firedAt);

        public void Suppress(int rule) => monitor._suppressed[rule]++;

        public void Opened(int rule, long start)
        {
            monitor._due[rule]?.Enqueue(customer, start);
            monitor._nextDue = Math.Min(monitor._nextDue, start + monitor._specs[rule].WithinTicks);
        }

        public void FollowedUp(int rule, long at)
        {
        }
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

    // Version 3's numbers: zigzag (small negatives such as "no stage", -1, stay one byte), then 7 bits a byte.
    private static void Number(BinaryWriter writer, long value) => writer.Write7BitEncodedInt64((value << 1) ^ (value >> 63));

    private static void WriteLabels(BinaryWriter writer, StringTable table)
    {
        writer.Write(table.Count);
        foreach (string name in table.Names)
        {
            writer.Write(name);
        }
    }

    /// <summary>Interns the saved names; returns saved id → id here.</summary>
    private static int[] ReadLabels(BinaryReader reader, StringTable table)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"The snapshot gives a negative table size ({count}).");
        }

        var map = new int[count];
        for (int i = 0; i < count; i++)
        {
            map[i] = table.Intern(reader.ReadString());
        }

        return map;
    }

    /// <summary>Reads numbers as the snapshot's version wrote them: fixed width up to version 2, zigzag varints after.</summary>
    private readonly struct SnapshotNumbers(BinaryReader reader, bool compact)
    {
        public bool Compact => compact;

        public long Long()
        {
            if (!compact)
            {
                return reader.ReadInt64();
            }

            long zig = reader.Read7BitEncodedInt64();
            return (long)((ulong)zig >> 1) ^ -(zig & 1);
        }

        public int Int() => compact ? checked((int)Long()) : reader.ReadInt32();
    }
}
