using System.Collections;

namespace JourneyKit.Rules;

/// <summary>
/// A read-only list of firings kept compactly (24 bytes each: ids and ticks, in the blocks of each part of the log) and
/// turned into <see cref="RuleFiring"/> values as they are read, so that millions of firings cost neither a copy nor a
/// string each.
/// </summary>
internal sealed class FiringList : IReadOnlyList<RuleFiring>
{
    private readonly FiringBlocks[] _parts;
    private readonly int[] _starts;
    private readonly JourneyRule[] _rules;
    private readonly RuleSpec[] _specs;
    private readonly IReadOnlyList<string> _customers;

    public FiringList(FiringBlocks[] parts, JourneyRule[] rules, RuleSpec[] specs, IReadOnlyList<string> customers)
    {
        _parts = parts;
        _rules = rules;
        _specs = specs;
        _customers = customers;
        _starts = new int[parts.Length + 1];
        for (int i = 0; i < parts.Length; i++)
        {
            _starts[i + 1] = _starts[i] + parts[i].Count;
        }
    }

    public int Count => _starts[^1];

    public RuleFiring this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int part = Array.BinarySearch(_starts, index);
            part = part >= 0 ? part : ~part - 1;
            while (_parts[part].Count == 0 || index >= _starts[part + 1])
            {
                part++; // empty parts share their start with the next
            }

            return Make(_parts[part][index - _starts[part]]);
        }
    }

    public IEnumerator<RuleFiring> GetEnumerator()
    {
        foreach (FiringBlocks part in _parts)
        {
            for (int i = 0; i < part.Count; i++)
            {
                yield return Make(part[i]);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Gets the customer ids the firings' customer numbers index.</summary>
    public IReadOnlyList<string> Customers => _customers;

    /// <summary>Calls <paramref name="visit"/> with the customer number, firing time (ticks) and holdout flag of each firing of one rule, in list order, without making <see cref="RuleFiring"/> values.</summary>
    public void ForEachOf(int rule, Action<int, long, bool> visit)
    {
        foreach (FiringBlocks part in _parts)
        {
            for (int i = 0; i < part.Count; i++)
            {
                RawFiring f = part[i];
                if (f.Rule == rule)
                {
                    visit(f.Customer, f.FiredAt, f.Holdout);
                }
            }
        }
    }

    private RuleFiring Make(in RawFiring f)
    {
        long due = f.Start + _specs[f.Rule].WithinTicks;
        return new RuleFiring(_rules[f.Rule].Name, _customers[f.Customer], RuleTime.Utc(f.Start), RuleTime.Utc(due), RuleTime.Utc(f.FiredAt)) { IsHoldout = f.Holdout, Ordinal = f.Ordinal };
    }
}
