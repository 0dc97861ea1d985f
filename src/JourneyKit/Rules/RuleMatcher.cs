using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>
/// Which rules an event can concern, by touchpoint: per touchpoint id, bit masks of the rules whose X (or Y) it surely
/// meets and of those it may meet (decided by the rest of the event). Most events concern no rule and cost one lookup.
/// </summary>
internal sealed class RuleMatcher
{
    private readonly CompiledCondition?[] _x;
    private readonly CompiledCondition?[] _y;
    private readonly int[] _stallStage;
    private ulong[] _masks = []; // per touchpoint: [xMaybe, xSure, yMaybe, ySure] × words

    public RuleMatcher(IReadOnlyList<JourneyRule> rules, Func<ConditionKind, string, int> resolve, int touchpointCount)
    {
        RuleCount = rules.Count;
        Words = (RuleCount + 63) / 64;
        _x = new CompiledCondition?[RuleCount];
        _y = new CompiledCondition?[RuleCount];
        _stallStage = new int[RuleCount];
        for (int r = 0; r < RuleCount; r++)
        {
            JourneyRule rule = rules[r];
            if (rule.Kind == RuleKind.Stall)
            {
                _stallStage[r] = resolve(ConditionKind.Stage, rule.Trigger.Id!);
                HasStallRules = true;
            }
            else
            {
                _stallStage[r] = -1;
                _x[r] = new CompiledCondition(rule.Trigger, resolve);
                _y[r] = rule.Follow is { } follow ? new CompiledCondition(follow, resolve) : null;
            }
        }

        EnsureTouchpoints(touchpointCount);
    }

    public int RuleCount { get; }

    public int Words { get; }

    public bool HasStallRules { get; }

    public int TouchpointCount { get; private set; }

    /// <summary>Computes the masks of touchpoint ids up to <paramref name="count"/> (a live monitor meets new touchpoints as it goes).</summary>
    public void EnsureTouchpoints(int count)
    {
        if (count <= TouchpointCount)
        {
            return;
        }

        int stride = 4 * Words;
        if (_masks.Length < count * stride)
        {
            Array.Resize(ref _masks, Math.Max(count, TouchpointCount * 2) * stride);
        }

        for (int tp = TouchpointCount; tp < count; tp++)
        {
            Span<ulong> m = _masks.AsSpan(tp * stride, stride);
            for (int r = 0; r < RuleCount; r++)
            {
                ulong bit = 1UL << (r & 63);
                int w = r >> 6;
                if (_x[r] is null)
                {
                    m[w] |= bit; // a stall rule looks at every event's stage
                    m[(2 * Words) + w] |= bit;
                    continue;
                }

                Mark(m, w, bit, _x[r]!.OnTouchpoint(tp), 0);
                if (_y[r] is { } y)
                {
                    Mark(m, w, bit, y.OnTouchpoint(tp), 2 * Words);
                }
            }
        }

        TouchpointCount = count;

        void Mark(Span<ulong> m, int w, ulong bit, int verdict, int offset)
        {
            if (verdict >= 0)
            {
                m[offset + w] |= bit;
            }

            if (verdict > 0)
            {
                m[offset + Words + w] |= bit;
            }
        }
    }

    /// <summary>The rules the event at this touchpoint may concern, word <paramref name="w"/>.</summary>
    public ulong Candidates(int touchpoint, int w)
    {
        int at = touchpoint * 4 * Words;
        return _masks[at + w] | _masks[at + (2 * Words) + w];
    }

    /// <summary>Decides X and Y of rule <paramref name="rule"/> for an event; <paramref name="lastStage"/> is the customer's last known stage before it.</summary>
    public void Decide(int rule, int touchpoint, int channel, int stage, EventOutcome outcome, double value, double feedback, int lastStage, out bool isX, out bool isY)
    {
        int s = _stallStage[rule];
        if (_x[rule] is null)
        {
            // Stall: X = entering the stage; Y = any event in another (known) stage.
            isX = s >= 0 && stage == s && lastStage != s;
            isY = stage >= 0 && stage != s;
            return;
        }

        int at = touchpoint * 4 * Words;
        int w = rule >> 6;
        ulong bit = 1UL << (rule & 63);
        isX = (_masks[at + w] & bit) != 0 &&
              ((_masks[at + Words + w] & bit) != 0 || _x[rule]!.Matches(touchpoint, channel, stage, outcome, value, feedback));
        isY = (_masks[at + (2 * Words) + w] & bit) != 0 &&
              ((_masks[at + (3 * Words) + w] & bit) != 0 || _y[rule]!.Matches(touchpoint, channel, stage, outcome, value, feedback));
    }
}
