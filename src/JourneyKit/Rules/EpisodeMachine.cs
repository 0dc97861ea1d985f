namespace JourneyKit.Rules;

/// <summary>
/// The per-customer, per-rule state machine of <see cref="JourneyRule"/>'s episode semantics — the one implementation
/// behind the batch engine and the live monitor (and anything else that keeps journeys live).
/// </summary>
internal static class EpisodeMachine
{
    /// <summary>One event of the customer, in journey order, that meets X and/or Y of the rule.</summary>
    public static void OnEvent<TSink>(ref EpisodeSlot slot, in RuleSpec rule, int ruleIndex, long t, bool isX, bool isY, ref TSink sink)
        where TSink : struct, IEpisodeSink
    {
        // An episode whose due time passed before this event has fired (absence, stall) or lapsed (sequence); an event
        // exactly at the due time still counts as in time.
        if (slot.Open && slot.Start + rule.WithinTicks < t)
        {
            slot.Open = false;
            if (rule.FiresWhenDue)
            {
                long due = slot.Start + rule.WithinTicks;
                Fire(ref slot, rule, ruleIndex, slot.Start, due, due, OpenOrdinal(slot), ref sink);
            }
        }

        if (isY)
        {
            if (slot.Open)
            {
                slot.Open = false;
                if (rule.Kind == RuleKind.Sequence)
                {
                    Fire(ref slot, rule, ruleIndex, slot.Start, slot.Start + rule.WithinTicks, t, OpenOrdinal(slot), ref sink);
                }
            }

            sink.FollowedUp(ruleIndex, t);
        }

        if (isX)
        {
            if (rule.Kind == RuleKind.Occurrence)
            {
                Fire(ref slot, rule, ruleIndex, t, t, t, Begin(ref slot, t), ref sink);
            }
            else if (!slot.Open)
            {
                if (slot.Firings < rule.MaxFirings)
                {
                    slot.Open = true;
                    Begin(ref slot, t);
                    sink.Opened(ruleIndex, t);
                }
            }
            else if (rule.Rearm == RearmPolicy.Restart)
            {
                if (slot.Start != t)
                {
                    Begin(ref slot, t); // restarted at the same instant it is the same episode
                }

                sink.Restarted(ruleIndex, t);
            }
        }
    }

    /// <summary>Time has reached <paramref name="until"/> (every event at or before it seen): an episode due by then fires or lapses.</summary>
    /// <returns>Whether the episode is still open.</returns>
    public static bool Advance<TSink>(ref EpisodeSlot slot, in RuleSpec rule, int ruleIndex, long until, ref TSink sink)
        where TSink : struct, IEpisodeSink
    {
        if (slot.Open && slot.Start + rule.WithinTicks <= until)
        {
            slot.Open = false;
            if (rule.FiresWhenDue)
            {
                long due = slot.Start + rule.WithinTicks;
                Fire(ref slot, rule, ruleIndex, slot.Start, due, due, OpenOrdinal(slot), ref sink);
            }
        }

        return slot.Open;
    }

    /// <summary>The number of the open episode among those of its rule and customer that started at the same instant.</summary>
    public static int OpenOrdinal(in EpisodeSlot slot) => Math.Max(0, slot.SameStart - 1);

    // An episode starts at t: its number among the episodes that started at t so far (from the 255th on, all are 254).
    private static int Begin(ref EpisodeSlot slot, long t)
    {
        int ordinal = slot.Start == t ? Math.Min((int)slot.SameStart, byte.MaxValue - 1) : 0;
        slot.Start = t;
        slot.SameStart = (byte)(ordinal + 1);
        return ordinal;
    }

    private static void Fire<TSink>(ref EpisodeSlot slot, in RuleSpec rule, int ruleIndex, long start, long due, long firedAt, int ordinal, ref TSink sink)
        where TSink : struct, IEpisodeSink
    {
        if (slot.Firings >= rule.MaxFirings)
        {
            return;
        }

        if (rule.CooldownTicks > 0 && slot.Firings > 0 && firedAt - slot.LastFired < rule.CooldownTicks)
        {
            sink.Suppress(ruleIndex);
            return;
        }

        slot.Firings++;
        slot.LastFired = firedAt;
        sink.Fire(ruleIndex, start, due, firedAt, ordinal);
    }
}
