using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>
/// What a rule set's conditions say about an event before any label space is known — compiled once per rule set and
/// bound to a log's (or a monitor's) label ids by <see cref="Bind"/>, which costs a lookup per mentioned label.
/// </summary>
/// <remarks>
/// <para>An event is described by its touchpoint and one of 12 kinds (outcome × has a value × has feedback). For each
/// rule, a condition's three-valued verdict (surely met, surely not, depends on the channel, stage or numbers) is kept for
/// all 12 kinds at once as two 12-bit masks, evaluated in one walk of the condition. A touchpoint no condition of the
/// rule names gets the rule's <i>base</i> verdicts; each touchpoint the rule names gets its own. So the plan holds one
/// entry per rule and per (rule, named touchpoint) — its size and its cost are linear in the rule set's (each entry
/// costs one walk of the rule's conditions, at most <see cref="EventCondition.MaxNodes"/> parts) — where the dense
/// tables before it were sized touchpoints × kinds × rules.</para>
/// <para>Per rule and kind, four bits: X maybe, X surely, Y maybe, Y surely (48 bits in all, one <see cref="ulong"/>).</para>
/// </remarks>
internal sealed class RuleSetPlan
{
    public const int Kinds = 12; // outcome (3) × has value (2) × has feedback (2)
    private const ushort AllKinds = (1 << Kinds) - 1;
    private static readonly ushort NoValue = KindsWhere(k => (k & 2) == 0);
    private static readonly ushort NoFeedback = KindsWhere(k => (k & 1) == 0);

    public RuleSetPlan(IReadOnlyList<JourneyRule> rules)
    {
        Rules = [.. rules];
        BaseBits = new ulong[Rules.Length];
        var named = new List<(string Label, int Rule, ulong Bits)>();
        for (int r = 0; r < Rules.Length; r++)
        {
            JourneyRule rule = Rules[r];
            if (rule.Kind == RuleKind.Stall)
            {
                continue;
            }

            Parts += rule.Trigger.NodeCount + (rule.Follow?.NodeCount ?? 0);
            BaseBits[r] = Bits(rule, null);
            var labels = new List<string>(rule.Trigger.Mentioned(ConditionKind.Touchpoint));
            if (rule.Follow is { } follow)
            {
                foreach (string label in follow.Mentioned(ConditionKind.Touchpoint))
                {
                    if (!labels.Contains(label, StringComparer.Ordinal))
                    {
                        labels.Add(label);
                    }
                }
            }

            foreach (string label in labels)
            {
                named.Add((label, r, Bits(rule, label)));
            }
        }

        Named = [.. named];
    }

    /// <summary>Gets the rules.</summary>
    public JourneyRule[] Rules { get; }

    /// <summary>Gets the condition parts of the rule set (X and Y of every rule): what <see cref="RuleEngineOptions.MaxConditionParts"/> bounds.</summary>
    public long Parts { get; }

    /// <summary>Gets each rule's verdict bits for a touchpoint none of its conditions names.</summary>
    public ulong[] BaseBits { get; }

    /// <summary>Gets the verdict bits of each (named touchpoint, rule), in rule order.</summary>
    public (string Label, int Rule, ulong Bits)[] Named { get; }

    /// <summary>Refuses rules with more condition parts in all than <paramref name="maxParts"/>, before anything is compiled.</summary>
    /// <exception cref="RuleValidationException">The rules have more parts; the message names <paramref name="optionName"/>.</exception>
    public static void CheckBudget(IEnumerable<JourneyRule> rules, int maxParts, string optionName)
    {
        long parts = rules.Sum(r => r is null || r.Kind == RuleKind.Stall ? 0L : r.Trigger.NodeCount + (r.Follow?.NodeCount ?? 0));
        if (parts > maxParts)
        {
            throw new RuleValidationException([
                new ValidationProblem("rules", "Range", $"The rules have {parts:N0} condition parts in all; at most {maxParts:N0} are compiled ({optionName}). Split the rule set, simplify its conditions, or raise the limit."),
            ]);
        }
    }

    /// <summary>Resolves the plan's labels in one label space.</summary>
    /// <param name="resolve">Maps (kind, label) to a dense id of the label space, or −1 when it has no such label.</param>
    public RuleMatcher Bind(Func<ConditionKind, string, int> resolve) => new(this, resolve);

    /// <summary>The kind of an event: outcome, has a value, has feedback.</summary>
    public static int KindOf(EventOutcome outcome, double value, double feedback) =>
        ((int)outcome << 2) | (double.IsNaN(value) ? 0 : 2) | (double.IsNaN(feedback) ? 0 : 1);

    private static ulong Bits(JourneyRule rule, string? touchpoint)
    {
        (ushort xTrue, ushort xFalse) = Verdicts(rule.Trigger, touchpoint);
        (ushort yTrue, ushort yFalse) = rule.Follow is { } follow ? Verdicts(follow, touchpoint) : ((ushort)0, AllKinds);
        ulong bits = 0;
        for (int k = 0; k < Kinds; k++)
        {
            int b = 1 << k;
            ulong nibble = ((xFalse & b) == 0 ? 1UL : 0) | ((xTrue & b) != 0 ? 2UL : 0) | ((yFalse & b) == 0 ? 4UL : 0) | ((yTrue & b) != 0 ? 8UL : 0);
            bits |= nibble << (4 * k);
        }

        return bits;
    }

    /// <summary>
    /// Three-valued (Kleene) verdicts for all 12 kinds in one walk, knowing the touchpoint (<see langword="null"/>: one no
    /// condition names): the kinds where the condition surely holds, and those where it surely does not; the rest depend
    /// on the channel, the stage or the numbers.
    /// </summary>
    private static (ushort True, ushort False) Verdicts(EventCondition c, string? touchpoint)
    {
        switch (c.Kind)
        {
            case ConditionKind.Touchpoint:
                return string.Equals(c.Id, touchpoint, StringComparison.Ordinal) ? (AllKinds, (ushort)0) : ((ushort)0, AllKinds);
            case ConditionKind.Outcome:
                ushort met = (ushort)(0xF << (4 * (int)c.ExpectedOutcome)); // kinds 4o … 4o + 3 (no closure: it would be allocated on every call)
                return (met, (ushort)(AllKinds & ~met));
            case ConditionKind.Value:
                return (0, NoValue);
            case ConditionKind.Feedback:
                return (0, NoFeedback);
            case ConditionKind.Stage or ConditionKind.Channel:
                return (0, 0);
            case ConditionKind.Not:
                (ushort t, ushort f) = Verdicts(c.Operands[0], touchpoint);
                return (f, t);
            case ConditionKind.All:
                ushort allTrue = AllKinds, allFalse = 0;
                for (int i = 0; i < c.Operands.Count; i++)
                {
                    (ushort ot, ushort of) = Verdicts(c.Operands[i], touchpoint);
                    allTrue &= ot;
                    allFalse |= of;
                }

                return (allTrue, allFalse);
            default:
                ushort anyTrue = 0, anyFalse = AllKinds;
                for (int i = 0; i < c.Operands.Count; i++)
                {
                    (ushort ot, ushort of) = Verdicts(c.Operands[i], touchpoint);
                    anyTrue |= ot;
                    anyFalse &= of;
                }

                return (anyTrue, anyFalse);
        }
    }

    private static ushort KindsWhere(Func<int, bool> test)
    {
        int mask = 0;
        for (int k = 0; k < Kinds; k++)
        {
            mask |= test(k) ? 1 << k : 0;
        }

        return (ushort)mask;
    }
}
