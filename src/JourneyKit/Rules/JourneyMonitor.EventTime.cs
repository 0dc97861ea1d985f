namespace JourneyKit.Rules;

// Event time: advancing the watermark, firing due episodes in canonical order, applying events to the episode machine, and the single-writer guard.
public sealed partial class JourneyMonitor
{
    private RuleFiring[] Advance(long watermark)
    {
        ReadOnlySpan<MonitorEvent> due = Waiting.DueBy(watermark); // Apply never touches the buffer
        foreach (ref readonly MonitorEvent e in due)
        {
            Apply(in e);
        }

        Waiting.Consume(due.Length);
        Table.BeginInstant(long.MinValue); // no event at or before the watermark is applied again: same-instant numbering is over
        FireDue(watermark);
        WatermarkTicks = watermark;
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

    // Every episode due at or before the watermark fires (or lapses); a restarted one is queued again at its new start.
    private void FireDue(long watermark)
    {
        for (int r = 0; r < Due.Length && _nextDue <= watermark; r++)
        {
            DueQueue? queue = Due[r];
            if (queue is null)
            {
                continue;
            }

            RuleSpec spec = Specs[r];
            long within = spec.WithinTicks;
            while (queue.TryPeek(out int customer, out long start) && start + within <= watermark)
            {
                queue.Dequeue();
                EpisodeSlot slot = Table.Load(customer, r);
                if (!slot.Open)
                {
                    continue;
                }

                if (slot.Start == start)
                {
                    var sink = new Sink(this, customer);
                    EpisodeMachine.Advance(ref slot, spec, r, watermark, ref sink);
                    Table.Store(customer, r, slot, spec.KeepsHistory);
                }
                else if (spec.Rearm == RearmPolicy.Restart && slot.Start > start)
                {
                    queue.Requeue(customer, slot.Start);
                }
            }
        }

        if (_nextDue <= watermark)
        {
            // Every queue was drained up to the watermark: the next due time is the earliest head.
            _nextDue = long.MaxValue;
            for (int r = 0; r < Due.Length; r++)
            {
                if (Due[r] is { } queue && queue.TryPeek(out _, out long start))
                {
                    _nextDue = Math.Min(_nextDue, start + Specs[r].WithinTicks);
                }
            }
        }
    }

    private void Apply(in MonitorEvent e)
    {
        AppliedEvents++;
        Table.BeginInstant(e.Ticks);
        OnApplied?.Invoke(TouchpointTable[e.Touchpoint], e.Stage >= 0 ? StageTable[e.Stage] : null, e.Feedback);
        var store = new CustomerSlots(this, e.Customer);
        var sink = new Sink(this, e.Customer);
        RuleMatcher matcher = Template.Matcher;
        if (matcher.StallRules.Length == 0)
        {
            // Only stall rules need the customer's last stage: without them the header is touched only for a rule that applies.
            RuleDispatch.Apply(matcher, Specs, e.Ticks, e.Touchpoint, e.Channel, e.Stage, e.Outcome, e.Value, e.Feedback, -1, ref store, ref sink);
            return;
        }

        ref int lastStage = ref Table.LastStage(e.Customer);
        RuleDispatch.Apply(matcher, Specs, e.Ticks, e.Touchpoint, e.Channel, e.Stage, e.Outcome, e.Value, e.Feedback, lastStage, ref store, ref sink);
        if (e.Stage >= 0)
        {
            lastStage = e.Stage;
        }
    }

    private void Emit(int rule, int customer, long start, long due, long firedAt, int ordinal)
    {
        JourneyRule r = Template.Resolved.Rules[rule];
        string id = CustomerTable[customer];
        _out.Add((rule, new RuleFiring(r.Name, id, RuleTime.Utc(start), RuleTime.Utc(due), RuleTime.Utc(firedAt)) { IsHoldout = r.HoldsOut(id), Ordinal = ordinal }));
    }

    // Detects use from two threads at once (the monitor is not thread-safe): a race would lose events silently.
    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException(
                "This JourneyMonitor is being changed by another call at the same time; it is not thread-safe. " +
                "Feed it from one thread (a channel or a lock in front of it), or use one monitor per partition of customers.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>One customer's slots in the monitor's episode table.</summary>
    private readonly struct CustomerSlots(JourneyMonitor monitor, int customer) : ISlotStore
    {
        public EpisodeSlot Load(int rule) => monitor.Table.Load(customer, rule);

        public void Store(int rule, in EpisodeSlot slot) => monitor.Table.Store(customer, rule, slot, monitor.Specs[rule].KeepsHistory);
    }

    private readonly struct Sink(JourneyMonitor monitor, int customer) : IEpisodeSink
    {
        public void Fire(int rule, long start, long due, long firedAt, int ordinal) => monitor.Emit(rule, customer, start, due, firedAt, ordinal);

        public void Suppress(int rule) => monitor.SuppressedCounts[rule]++;

        public void Opened(int rule, long start)
        {
            monitor.Due[rule]?.Enqueue(customer, start);
            monitor._nextDue = Math.Min(monitor._nextDue, start + monitor.Specs[rule].WithinTicks);
        }

        // The episode already has a queue entry, due earlier than its new due time: re-queued when that entry comes up.
        public void Restarted(int rule, long start)
        {
        }

        public void FollowedUp(int rule, long at)
        {
        }
    }
}
