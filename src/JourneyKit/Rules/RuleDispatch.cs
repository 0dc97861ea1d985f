using System.Numerics;
using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>One event of one customer through every rule it concerns — the dispatch the batch engine and the monitor share.</summary>
internal static class RuleDispatch
{
    /// <summary>Applies one event; <c>lastStage</c> is the customer's last known stage before it (−1 for none).</summary>
    public static void Apply<TStore, TSink>(
        RuleMatcher matcher, RuleSpec[] specs, long t, int touchpoint, int channel, int stage, EventOutcome outcome, double value, double feedback,
        int lastStage, ref TStore store, ref TSink sink)
        where TStore : struct, ISlotStore
        where TSink : struct, IEpisodeSink
    {
        int kind = RuleSetPlan.KindOf(outcome, value, feedback);
        int shift = 4 * kind;
        ReadOnlySpan<RuleMatcher.NamedEntry> named = matcher.Named(touchpoint);
        ReadOnlySpan<ulong> masks = matcher.Base(kind);
        int words = matcher.Words;
        int next = 0;
        for (int w = 0; w < words; w++)
        {
            ulong xMaybe = masks[w];
            ulong yMaybe = masks[(2 * words) + w];
            ulong candidates = xMaybe | yMaybe;
            while (candidates != 0)
            {
                int bitIndex = BitOperations.TrailingZeroCount(candidates);
                ulong bit = 1UL << bitIndex;
                candidates &= candidates - 1;
                int r = (w << 6) + bitIndex;

                // Rules that name this touchpoint come in rule order: those before r first, and r's own entry replaces its base bits.
                while (next < named.Length && named[next].Rule < r)
                {
                    One(matcher, specs, named[next].Rule, (int)(named[next].Bits >> shift) & 15, t, touchpoint, channel, stage, outcome, value, feedback, ref store, ref sink);
                    next++;
                }

                if (next < named.Length && named[next].Rule == r)
                {
                    One(matcher, specs, r, (int)(named[next].Bits >> shift) & 15, t, touchpoint, channel, stage, outcome, value, feedback, ref store, ref sink);
                    next++;
                    continue;
                }

                int nibble = ((xMaybe & bit) != 0 ? 1 : 0) | ((masks[words + w] & bit) != 0 ? 2 : 0) |
                             ((yMaybe & bit) != 0 ? 4 : 0) | ((masks[(3 * words) + w] & bit) != 0 ? 8 : 0);
                One(matcher, specs, r, nibble, t, touchpoint, channel, stage, outcome, value, feedback, ref store, ref sink);
            }
        }

        for (; next < named.Length; next++)
        {
            One(matcher, specs, named[next].Rule, (int)(named[next].Bits >> shift) & 15, t, touchpoint, channel, stage, outcome, value, feedback, ref store, ref sink);
        }

        if (stage >= 0 && stage != lastStage)
        {
            foreach (int r in matcher.StallRules)
            {
                matcher.Stall(r, stage, out bool isX, out bool isY);
                EpisodeSlot slot = store.Load(r);
                EpisodeMachine.OnEvent(ref slot, specs[r], r, t, isX, isY, ref sink);
                store.Store(r, slot);
            }
        }
    }

    /// <summary>One rule for the event, given its four verdict bits: X maybe (1), X surely (2), Y maybe (4), Y surely (8).</summary>
    private static void One<TStore, TSink>(
        RuleMatcher matcher, RuleSpec[] specs, int r, int nibble, long t, int touchpoint, int channel, int stage, EventOutcome outcome, double value, double feedback,
        ref TStore store, ref TSink sink)
        where TStore : struct, ISlotStore
        where TSink : struct, IEpisodeSink
    {
        if ((nibble & 5) == 0)
        {
            return;
        }

        bool isX = (nibble & 1) != 0 && ((nibble & 2) != 0 || matcher.MatchesX(r, touchpoint, channel, stage, outcome, value, feedback));
        bool isY = (nibble & 4) != 0 && ((nibble & 8) != 0 || matcher.MatchesY(r, touchpoint, channel, stage, outcome, value, feedback));
        if (isX || isY)
        {
            EpisodeSlot slot = store.Load(r);
            EpisodeMachine.OnEvent(ref slot, specs[r], r, t, isX, isY, ref sink);
            store.Store(r, slot);
        }
    }
}
