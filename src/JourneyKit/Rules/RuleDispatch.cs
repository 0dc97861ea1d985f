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
        ReadOnlySpan<ulong> masks = matcher.Masks(touchpoint, outcome, value, feedback);
        int words = matcher.Words;
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
                bool isX = (xMaybe & bit) != 0 &&
                           ((masks[words + w] & bit) != 0 || matcher.MatchesX(r, touchpoint, channel, stage, outcome, value, feedback));
                bool isY = (yMaybe & bit) != 0 &&
                           ((masks[(3 * words) + w] & bit) != 0 || matcher.MatchesY(r, touchpoint, channel, stage, outcome, value, feedback));
                if (isX || isY)
                {
                    EpisodeSlot slot = store.Load(r);
                    EpisodeMachine.OnEvent(ref slot, specs[r], r, t, isX, isY, ref sink);
                    store.Store(r, slot);
                }
            }
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
}
