using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>
/// A <see cref="JourneyMonitor"/>'s saved form. Version 6 (written now) is framed by <see cref="BinaryFrame"/> — its
/// length and a checksum around a payload of zigzag varints — so a flipped byte is refused at restore, records each
/// rule's holdout (key and control share) after the rule hashes, and each episode's same-instant number
/// (<see cref="RuleFiring.Ordinal"/>). Versions 1–5, written before, are still read: version 1 stored each rule's JSON,
/// version 2 its 16-byte hash, version 3 numbers as varints, version 4 added the frame, version 5 the holdouts; they
/// predate ordinals (an open episode they saved is number 0, as they numbered it). Whatever the version, every count is bounded by the bytes left and every id, time and outcome is checked,
/// so the only outcome of a corrupt snapshot is an <see cref="InvalidDataException"/> at restore.
/// </summary>
internal static class MonitorSnapshot
{
    public const int Version = 6;
    private const string What = "The monitor snapshot";
    private const byte HasValue = 1;
    private const byte HasFeedback = 2;
    private const int FingerprintBytes = MonitorTemplate.FingerprintBytes;
    private static readonly byte[] Magic = "JKMON"u8.ToArray();

    public static void Write(JourneyMonitor monitor, Stream stream)
    {
        var w = SnapshotWriter.ForThisThread();
        w.Number(monitor.Specs.Length);
        foreach (byte[] fingerprint in monitor.Template.FingerprintHashes)
        {
            w.Bytes(fingerprint);
        }

        foreach (JourneyRule rule in monitor.Template.Resolved.Rules)
        {
            w.Bool(rule.Holdout is not null);
            if (rule.Holdout is { } holdout)
            {
                w.String(holdout.Key);
                w.Double(holdout.ControlShare);
            }
        }

        w.Number(monitor.WatermarkTicks);
        w.Number(monitor.MaxSeen);
        w.Number(monitor.LateEvents);
        w.Number(monitor.AppliedEvents);
        foreach (long suppressed in monitor.SuppressedCounts)
        {
            w.Number(suppressed);
        }

        foreach (StringTable table in (StringTable[])[monitor.TouchpointTable, monitor.ChannelTable, monitor.StageTable, monitor.CustomerTable])
        {
            w.Number(table.Count);
            foreach (string name in table.Names)
            {
                w.String(name);
            }
        }

        EpisodeTable episodes = monitor.Table;
        for (int c = 0; c < monitor.CustomerTable.Count; c++)
        {
            w.Number(episodes.LastStage(c));
        }

        w.Number(episodes.NodeCount);
        foreach ((int customer, int rule, EpisodeSlot slot) in episodes.All())
        {
            w.Number(customer);
            w.Number(rule);
            w.Bool(slot.Open);
            w.Number(slot.Start);
            w.Number(slot.Firings);
            w.Number(slot.LastFired);
            w.Number(slot.SameStart);
        }

        ReadOnlySpan<MonitorEvent> waiting = monitor.Waiting.All();
        w.Number(waiting.Length);
        long previous = 0;
        foreach (ref readonly MonitorEvent e in waiting)
        {
            w.Number(e.Ticks - previous);
            previous = e.Ticks;
            w.Number(e.Customer);
            w.Number(e.Touchpoint);
            w.Number(e.Channel);
            w.Number(e.Stage);
            w.Byte((byte)e.Outcome);
            w.Byte((byte)((double.IsNaN(e.Value) ? 0 : HasValue) | (double.IsNaN(e.Feedback) ? 0 : HasFeedback)));
            if (!double.IsNaN(e.Value))
            {
                w.Double(e.Value);
            }

            if (!double.IsNaN(e.Feedback))
            {
                w.Double(e.Feedback);
            }
        }

        BinaryFrame.Write(stream, Magic, Version, w.Written);
    }

    public static void Read(Stream stream, JourneyMonitor monitor)
    {
        int version = BinaryFrame.ReadVersion(stream, Magic, "a JourneyMonitor snapshot", "JKMON");
        if (version is < 1 or > Version)
        {
            throw new InvalidDataException($"The snapshot has format version {version}; this library reads versions 1 to {Version}.");
        }

        if (version >= 4)
        {
            Parse(new SnapshotReader(BinaryFrame.ReadPayload(stream, What), What), monitor, version);
            return;
        }

        // Versions 1–3 have no length: their end is a second magic. The rest of the stream is read, and a seekable
        // stream is put back after it.
        BinaryFrame.ReadUnframed(stream, data =>
        {
            var reader = new SnapshotReader(data, What);
            Parse(reader, monitor, version);
            reader.Expect(Magic, "The monitor snapshot does not end where it should; it is corrupt.");
            return (true, reader.Position);
        });
    }

    private static void Parse(SnapshotReader r, JourneyMonitor monitor, int version)
    {
        var n = new Numbers(r, version);
        RuleSpec[] specs = monitor.Specs;
        int rules = version >= 4 ? (int)Math.Clamp(r.Number(), -1, int.MaxValue) : r.Int32();
        if (rules != specs.Length)
        {
            throw new InvalidDataException($"The snapshot was saved with {rules} rules; {specs.Length} were given. Restore with the same rules.");
        }

        CheckRules(r, monitor, version);
        if (version >= 5)
        {
            CheckHoldouts(r, monitor);
        }
        monitor.WatermarkTicks = n.Long();
        r.Check(monitor.WatermarkTicks == long.MinValue || (monitor.WatermarkTicks >= -JourneyRule.MaxWindow.Ticks - 1 && monitor.WatermarkTicks <= RuleTime.MaxTicks), "the watermark is out of range");
        monitor.MaxSeen = n.Long();
        r.Check(monitor.MaxSeen == long.MinValue || (monitor.MaxSeen >= 0 && monitor.MaxSeen <= RuleTime.MaxTicks), "the latest event time is out of range");
        monitor.LateEvents = n.Long();
        monitor.AppliedEvents = n.Long();
        r.Check(monitor.LateEvents >= 0 && monitor.AppliedEvents >= 0, "an event count is negative");
        for (int i = 0; i < rules; i++)
        {
            monitor.SuppressedCounts[i] = n.Long();
            r.Check(monitor.SuppressedCounts[i] >= 0, "a suppressed count is negative");
        }

        int[] tp = ReadLabels(r, n, monitor.TouchpointTable, "touchpoints");
        int[] ch = ReadLabels(r, n, monitor.ChannelTable, "channels");
        int[] st = ReadLabels(r, n, monitor.StageTable, "stages");
        int[] cu = ReadLabels(r, n, monitor.CustomerTable, "customers");
        EpisodeTable table = monitor.Table;
        table.EnsureCustomers(monitor.CustomerTable.Count);
        for (int i = 0; i < cu.Length; i++)
        {
            r.Check(cu[i] == i, "it lists a customer twice");
            int s = n.Int(-1, st.Length - 1, "a customer's last stage");
            table.LastStage(i) = s < 0 ? -1 : st[s];
        }

        // An episode node takes at least 6 bytes (5 numbers and a flag).
        int nodes = r.Count(n.RawInt(), version >= 3 ? 6 : 29, "episodes");
        var open = new List<(long Start, int Customer, int Rule)>();
        for (int i = 0; i < nodes; i++)
        {
            int customer = n.Int(0, cu.Length - 1, "an episode's customer");
            int rule = n.Int(0, rules - 1, "an episode's rule");
            var slot = new EpisodeSlot { Open = r.Bool(), Start = r.Ticks(n.Long(), "an episode's start"), Firings = n.Int(0, specs[rule].MaxFirings, "an episode's firing count"), LastFired = n.Long() };
            slot.SameStart = version >= 6 ? (byte)n.Int(0, byte.MaxValue, "an episode's same-instant number") : (byte)0;
            r.Check(slot.Firings == 0 || (slot.LastFired >= 0 && slot.LastFired <= RuleTime.MaxTicks), "an episode's last firing time is out of range");
            r.Check(!slot.Open || specs[rule].Kind != RuleKind.Occurrence, "an occurrence rule has an open episode");
            table.Store(customer, rule, slot, specs[rule].KeepsHistory);
            if (slot.Open)
            {
                open.Add((slot.Start, customer, rule));
            }
        }

        monitor.RebuildDueQueues(open);
        ReadWaiting(r, n, monitor, tp, ch, st, cu.Length);
    }

    private static void CheckRules(SnapshotReader r, JourneyMonitor monitor, int version)
    {
        for (int i = 0; i < monitor.Specs.Length; i++)
        {
            string name = Guard.Clip(monitor.Template.Resolved.Rules[i].Name);
            if (version == 1)
            {
                string saved = r.String();
                if (saved != monitor.Template.Fingerprints[i])
                {
                    throw new InvalidDataException($"Rule {i} ('{name}') differs from the rule the snapshot was saved with: {Guard.Clip(saved)}");
                }
            }
            else if (!r.Bytes(FingerprintBytes).SequenceEqual(monitor.Template.FingerprintHashes[i]))
            {
                throw new InvalidDataException($"Rule {i} ('{name}') differs from the rule the snapshot was saved with (its definition's fingerprint does not match).");
            }
        }
    }

    /// <summary>
    /// Refuses a restore that would move customers between arms mid-experiment: a rule saved with one split (key, control
    /// share) and restored with another. Adding a holdout to a rule that had none (or a snapshot older than holdouts),
    /// or removing one, starts or ends an experiment and is allowed.
    /// </summary>
    private static void CheckHoldouts(SnapshotReader r, JourneyMonitor monitor)
    {
        for (int i = 0; i < monitor.Specs.Length; i++)
        {
            if (!r.Bool())
            {
                continue;
            }

            string key = r.String();
            double share = r.Double();
            r.Check(share > 0 && share < 1, "a holdout's control share is outside (0, 1)");
            JourneyRule rule = monitor.Template.Resolved.Rules[i];
            if (rule.Holdout is { } now && (!string.Equals(now.Key, key, StringComparison.Ordinal) || now.ControlShare != share))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"Rule {i} ('{Guard.Clip(rule.Name)}') was saved holding out {share:P1} of split '{Guard.Clip(key)}'; the rule given holds out {now.ControlShare:P1} of split '{Guard.Clip(now.Key)}'. A changed split moves customers between arms mid-experiment: restore with the same split, or remove the holdout (WithoutHoldout) to end the experiment."));
            }
        }
    }

    private static void ReadWaiting(SnapshotReader r, Numbers n, JourneyMonitor monitor, int[] tp, int[] ch, int[] st, int customers)
    {
        // A waiting event takes at least 7 bytes (5 numbers, outcome, flags) from version 3 on, 41 before.
        int buffered = r.Count(n.RawInt(), n.Compact ? 7 : 41, "waiting events");
        monitor.Waiting.Reset(Math.Min(buffered, 1 << 16));
        long ticks = 0;
        for (int i = 0; i < buffered; i++)
        {
            ticks = n.Compact ? ticks + n.Long() : r.Int64();
            r.Ticks(ticks, "a waiting event's time");
            r.Check(ticks > monitor.WatermarkTicks, "a waiting event is at or before the watermark");
            int customer = n.Int(0, customers - 1, "a waiting event's customer");
            int touchpoint = tp[n.Int(0, tp.Length - 1, "a waiting event's touchpoint")];
            int channel = n.Int(-1, ch.Length - 1, "a waiting event's channel");
            int stage = n.Int(-1, st.Length - 1, "a waiting event's stage");
            var outcome = (EventOutcome)r.Byte();
            r.Check(Enum.IsDefined(outcome), string.Create(CultureInfo.InvariantCulture, $"a waiting event has outcome {(int)outcome}"));
            double value, feedback;
            if (n.Compact)
            {
                byte flags = r.Byte();
                r.Check(flags <= (HasValue | HasFeedback), "a waiting event has unknown flags");
                value = (flags & HasValue) != 0 ? r.Double() : double.NaN;
                feedback = (flags & HasFeedback) != 0 ? r.Double() : double.NaN;
                r.Check((flags & HasValue) == 0 || double.IsFinite(value), "a waiting event's value is not finite");
                r.Check((flags & HasFeedback) == 0 || double.IsFinite(feedback), "a waiting event's feedback is not finite");
            }
            else
            {
                value = r.Double();
                feedback = r.Double();
                r.Check(!double.IsInfinity(value) && !double.IsInfinity(feedback), "a waiting event's value or feedback is infinite");
            }

            monitor.Waiting.Add(new MonitorEvent(ticks, customer, touchpoint, channel < 0 ? -1 : ch[channel], stage < 0 ? -1 : st[stage], outcome, value, feedback));
        }
    }

    /// <summary>Interns the saved names; returns saved id → id here.</summary>
    private static int[] ReadLabels(SnapshotReader r, Numbers n, StringTable table, string what)
    {
        // A label takes at least 2 bytes: its length and one character.
        int count = r.Count(n.Compact && n.Version >= 4 ? n.Long() : r.Int32(), 2, what);
        var map = new int[count];
        for (int i = 0; i < count; i++)
        {
            string label = r.String();
            r.Check(!string.IsNullOrWhiteSpace(label), $"one of its {what} is blank");
            map[i] = table.Intern(label);
        }

        return map;
    }

    /// <summary>Numbers as the snapshot's version wrote them: fixed width up to version 2, zigzag varints after.</summary>
    private readonly struct Numbers(SnapshotReader reader, int version)
    {
        public int Version => version;

        public bool Compact => version >= 3;

        public long Long() => Compact ? reader.Number() : reader.Int64();

        /// <summary>An int as written, unchecked (a count, checked by the caller).</summary>
        public long RawInt() => Compact ? reader.Number() : reader.Int32();

        public int Int(int min, int max, string field)
        {
            long v = Compact ? reader.Number() : reader.Int32();
            reader.Check(v >= min && v <= max, string.Create(CultureInfo.InvariantCulture, $"{field} is {v}, outside {min}..{max}"));
            return (int)v;
        }
    }
}
