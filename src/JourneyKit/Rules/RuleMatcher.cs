using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>
/// A <see cref="RuleSetPlan"/> bound to one label space: which rules an event concerns. Per kind of event, base masks
/// (4 × <see cref="Words"/>: X maybe, X surely, Y maybe, Y surely) of the rules that a touchpoint no condition names may
/// concern — for most rule sets all zero — and per named touchpoint its own entries (rule, verdict bits), in rule order,
/// which replace the base ones for those rules. Most events concern no rule and cost two lookups. Stall rules are apart:
/// they only act when the customer's stage changes.
/// </summary>
internal sealed class RuleMatcher
{
    private readonly CompiledCondition?[] _x;
    private readonly CompiledCondition?[] _y;
    private readonly int[] _stallStage;
    private readonly ulong[] _base; // per kind: xMaybe, xSure, yMaybe, ySure, each Words long
    private readonly int[] _namedStart; // by touchpoint id (dense up to the largest named id): first entry in _named
    private readonly NamedEntry[] _named;

    public RuleMatcher(RuleSetPlan plan, Func<ConditionKind, string, int> resolve)
    {
        JourneyRule[] rules = plan.Rules;
        RuleCount = rules.Length;
        Words = (RuleCount + 63) / 64;
        _x = new CompiledCondition?[RuleCount];
        _y = new CompiledCondition?[RuleCount];
        _stallStage = new int[RuleCount];
        _base = new ulong[RuleSetPlan.Kinds * 4 * Words];
        var stall = new List<int>();
        for (int r = 0; r < RuleCount; r++)
        {
            JourneyRule rule = rules[r];
            if (rule.Kind == RuleKind.Stall)
            {
                _stallStage[r] = resolve(ConditionKind.Stage, rule.Trigger.Id!);
                stall.Add(r);
                continue;
            }

            _stallStage[r] = -1;
            _x[r] = new CompiledCondition(rule.Trigger, resolve);
            _y[r] = rule.Follow is { } follow ? new CompiledCondition(follow, resolve) : null;
            ulong bits = plan.BaseBits[r];
            for (int kind = 0; kind < RuleSetPlan.Kinds; kind++)
            {
                int nibble = (int)(bits >> (4 * kind)) & 15;
                for (int part = 0; part < 4; part++)
                {
                    if ((nibble & (1 << part)) != 0)
                    {
                        _base[(((kind * 4) + part) * Words) + (r >> 6)] |= 1UL << (r & 63);
                    }
                }
            }
        }

        StallRules = [.. stall];

        // Named entries by touchpoint id, kept in rule order within each (the plan lists them in rule order).
        var resolved = new List<(int Touchpoint, NamedEntry Entry)>(plan.Named.Length);
        int largest = -1;
        foreach ((string label, int rule, ulong bits) in plan.Named)
        {
            int id = resolve(ConditionKind.Touchpoint, label);
            if (id >= 0)
            {
                resolved.Add((id, new NamedEntry(rule, bits)));
                largest = Math.Max(largest, id);
            }
        }

        _namedStart = new int[largest + 2];
        foreach ((int touchpoint, _) in resolved)
        {
            _namedStart[touchpoint + 1]++;
        }

        for (int i = 1; i < _namedStart.Length; i++)
        {
            _namedStart[i] += _namedStart[i - 1];
        }

        _named = new NamedEntry[resolved.Count];
        int[] next = _namedStart[..^1];
        foreach ((int touchpoint, NamedEntry entry) in resolved)
        {
            _named[next[touchpoint]++] = entry;
        }
    }

    public int RuleCount { get; }

    /// <summary>Gets the number of 64-bit words per mask.</summary>
    public int Words { get; }

    /// <summary>Gets the indexes of the stall rules.</summary>
    public int[] StallRules { get; }

    /// <summary>The base masks of a kind of event: [xMaybe, xSure, yMaybe, ySure] × <see cref="Words"/>.</summary>
    public ReadOnlySpan<ulong> Base(int kind) => new(_base, kind * 4 * Words, 4 * Words);

    /// <summary>The entries of the rules that name a touchpoint, in rule order; empty for a touchpoint none names.</summary>
    public ReadOnlySpan<NamedEntry> Named(int touchpoint) =>
        (uint)touchpoint < (uint)(_namedStart.Length - 1)
            ? new ReadOnlySpan<NamedEntry>(_named, _namedStart[touchpoint], _namedStart[touchpoint + 1] - _namedStart[touchpoint])
            : [];

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

    /// <summary>A rule that names a touchpoint, with its verdict bits for that touchpoint (4 per kind).</summary>
    internal readonly record struct NamedEntry(int Rule, ulong Bits);
}
