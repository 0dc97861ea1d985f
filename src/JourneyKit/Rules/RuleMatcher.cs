using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>
/// Which rules an event concerns. Touchpoints fall into classes — one per touchpoint a rule mentions, one shared by all
/// others (no condition can tell those apart) — so the tables stay small however many touchpoints a log has. Per class,
/// outcome and presence of a value and a feedback score (12 kinds of event), bit masks of the rules whose X (or Y) the
/// event surely meets and of those it may meet (decided by its channel, stage or numbers): most events concern no rule
/// and cost one lookup. Stall rules are apart: they only act when the customer's stage changes.
/// </summary>
internal sealed class RuleMatcher
{
    private const int Kinds = 12; // outcome (3) × has value (2) × has feedback (2)
    private readonly CompiledCondition?[] _x;
    private readonly CompiledCondition?[] _y;
    private readonly int[] _stallStage;
    private readonly Dictionary<int, int> _classOf = []; // mentioned touchpoint id → class (1…); others are class 0
    private readonly int[] _classByTouchpoint; // the same, dense up to the largest mentioned id
    private readonly ulong[] _masks; // per class and kind: xMaybe, xSure, yMaybe, ySure, each Words long

    /// <param name="rules">The rules.</param>
    /// <param name="resolve">Maps (kind, label) to a dense id of the label space, or −1 when it has no such label.</param>
    public RuleMatcher(IReadOnlyList<JourneyRule> rules, Func<ConditionKind, string, int> resolve)
    {
        RuleCount = rules.Count;
        Words = (RuleCount + 63) / 64;
        _x = new CompiledCondition?[RuleCount];
        _y = new CompiledCondition?[RuleCount];
        _stallStage = new int[RuleCount];
        var stall = new List<int>();
        var mentioned = new List<int>();
        int Resolve(ConditionKind kind, string label)
        {
            int id = resolve(kind, label);
            if (kind == ConditionKind.Touchpoint && id >= 0 && !_classOf.ContainsKey(id))
            {
                _classOf[id] = mentioned.Count + 1;
                mentioned.Add(id);
            }

            return id;
        }

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
                _x[r] = new CompiledCondition(rule.Trigger, Resolve);
                _y[r] = rule.Follow is { } follow ? new CompiledCondition(follow, Resolve) : null;
            }
        }

        StallRules = [.. stall];
        _classByTouchpoint = new int[mentioned.Count == 0 ? 0 : mentioned.Max() + 1];
        foreach ((int touchpointId, int touchpointClass) in _classOf)
        {
            _classByTouchpoint[touchpointId] = touchpointClass;
        }

        int stride = 4 * Words;
        _masks = new ulong[(mentioned.Count + 1) * Kinds * stride];
        for (int c = 0; c <= mentioned.Count; c++)
        {
            int touchpoint = c == 0 ? int.MinValue : mentioned[c - 1]; // class 0: a touchpoint no condition names
            for (int kind = 0; kind < Kinds; kind++)
            {
                var outcome = (EventOutcome)(kind >> 2);
                bool hasValue = (kind & 2) != 0;
                bool hasFeedback = (kind & 1) != 0;
                Span<ulong> m = _masks.AsSpan(((c * Kinds) + kind) * stride, stride);
                for (int r = 0; r < RuleCount; r++)
                {
                    if (_x[r] is { } x)
                    {
                        Mark(m, r, x.Verdict(touchpoint, outcome, hasValue, hasFeedback), 0);
                        if (_y[r] is { } y)
                        {
                            Mark(m, r, y.Verdict(touchpoint, outcome, hasValue, hasFeedback), 2 * Words);
                        }
                    }
                }
            }
        }

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

    public int RuleCount { get; }

    /// <summary>Gets the number of 64-bit words per mask.</summary>
    public int Words { get; }

    /// <summary>Gets the indexes of the stall rules.</summary>
    public int[] StallRules { get; }

    /// <summary>The masks of an event: [xMaybe, xSure, yMaybe, ySure] × <see cref="Words"/>.</summary>
    public ReadOnlySpan<ulong> Masks(int touchpoint, EventOutcome outcome, double value, double feedback)
    {
        int c = (uint)touchpoint < (uint)_classByTouchpoint.Length ? _classByTouchpoint[touchpoint] : 0;
        int kind = ((int)outcome << 2) | (double.IsNaN(value) ? 0 : 2) | (double.IsNaN(feedback) ? 0 : 1);
        int stride = 4 * Words;
        return new(_masks, ((c * Kinds) + kind) * stride, stride);
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
