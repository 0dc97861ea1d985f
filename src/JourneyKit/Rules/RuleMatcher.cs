using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>
/// Which rules an event concerns. Per touchpoint id, outcome and presence of a value and a feedback score (12 kinds of
/// event per touchpoint), bit masks of the rules whose X (or Y) the event surely meets and of those it may meet (decided
/// by its channel, stage or numbers): most events concern no rule and cost one lookup. Stall rules are apart: they only
/// act when the customer's stage changes.
/// </summary>
internal sealed class RuleMatcher
{
    private readonly CompiledCondition?[] _x;
    private readonly CompiledCondition?[] _y;
    private readonly int[] _stallStage;
    private const int Kinds = 12; // outcome (3) × has value (2) × has feedback (2)
    private ulong[] _masks = []; // per touchpoint and kind: xMaybe, xSure, yMaybe, ySure, each Words long

    public RuleMatcher(IReadOnlyList<JourneyRule> rules, Func<ConditionKind, string, int> resolve, int touchpointCount)
    {
        RuleCount = rules.Count;
        Words = (RuleCount + 63) / 64;
        _x = new CompiledCondition?[RuleCount];
        _y = new CompiledCondition?[RuleCount];
        _stallStage = new int[RuleCount];
        var stall = new List<int>();
        for (int r = 0; r < RuleCount; r++)
        {
            JourneyRule rule = rules[r];
            if (rule.Kind == RuleKind.Stall)
            {
                _stallStage[r] = resolve(ConditionKind.Stage, rule.Trigger.Id!);
                stall.Add(r);
            }
            else
            {
                _stallStage[r] = -1;
                _x[r] = new CompiledCondition(rule.Trigger, resolve);
                _y[r] = rule.Follow is { } follow ? new CompiledCondition(follow, resolve) : null;
            }
        }

        StallRules = [.. stall];
        EnsureTouchpoints(touchpointCount);
    }

    public int RuleCount { get; }

    /// <summary>Gets the number of 64-bit words per mask.</summary>
    public int Words { get; }

    /// <summary>Gets the indexes of the stall rules.</summary>
    public int[] StallRules { get; }

    public int TouchpointCount { get; private set; }

    /// <summary>Computes the masks of touchpoint ids up to <paramref name="count"/> (a live monitor meets new touchpoints as it goes).</summary>
    public void EnsureTouchpoints(int count)
    {
        if (count <= TouchpointCount)
        {
            return;
        }

        int stride = 4 * Words;
        if (_masks.Length < count * Kinds * stride)
        {
            Array.Resize(ref _masks, Math.Max(count, TouchpointCount * 2) * Kinds * stride);
        }

        for (int tp = TouchpointCount; tp < count; tp++)
        {
            for (int kind = 0; kind < Kinds; kind++)
            {
                var outcome = (EventOutcome)(kind >> 2);
                bool hasValue = (kind & 2) != 0;
                bool hasFeedback = (kind & 1) != 0;
                Span<ulong> m = _masks.AsSpan(((tp * Kinds) + kind) * stride, stride);
                for (int r = 0; r < RuleCount; r++)
                {
                    if (_x[r] is { } x)
                    {
                        Mark(m, r, x.Verdict(tp, outcome, hasValue, hasFeedback), 0);
                        if (_y[r] is { } y)
                        {
                            Mark(m, r, y.Verdict(tp, outcome, hasValue, hasFeedback), 2 * Words);
                        }
                    }
                }
            }
        }

        TouchpointCount = count;

        void Mark(Span<ulong> m, int rule, int verdict, int offset)
        {
            ulong bit = 1UL << (rule & 63);
            int w = rule >> 6;
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

    /// <summary>The masks of an event: [xMaybe, xSure, yMaybe, ySure] × <see cref="Words"/>.</summary>
    public ReadOnlySpan<ulong> Masks(int touchpoint, EventOutcome outcome, double value, double feedback)
    {
        int kind = ((int)outcome << 2) | (double.IsNaN(value) ? 0 : 2) | (double.IsNaN(feedback) ? 0 : 1);
        int stride = 4 * Words;
        return new(_masks, ((touchpoint * Kinds) + kind) * stride, stride);
    }

    public bool MatchesX(int rule, int touchpoint, int channel, int stage, EventOutcome outcome, double value, double feedback) =>
        _x[rule]!.Matches(touchpoint, channel, stage, outcome, value, feedback);

    public bool MatchesY(int rule, int touchpoint, int channel, int stage, EventOutcome outcome, double value, double feedback) =>
        _y[rule]!.Matches(touchpoint, channel, stage, outcome, value, feedback);

    /// <summary>
    /// X and Y of a stall rule for an event whose (known) stage differs from the customer's last known stage: entering
    /// the rule's stage is X, any other stage is Y. Events in the same stage as before (or without one) neither enter nor
    /// leave, and are skipped.
    /// </summary>
    public void Stall(int rule, int stage, out bool isX, out bool isY)
    {
        int s = _stallStage[rule];
        isX = s >= 0 && stage == s;
        isY = !isX;
    }
}
