namespace JourneyKit.Rules;

/// <summary>A firing (or an open episode) by dense ids and ticks in 24 bytes; names are attached only when it is read.</summary>
internal struct RawFiring(int customer, int rule, long start, long firedAt, int ordinal = 0)
{
    public readonly int Customer = customer;
    public readonly short Rule = (short)rule; // ResolvedRules.MaxRules keeps rule indexes well inside a short
    public byte Ordinal = (byte)ordinal; // the episode's number among same-instant starts (RuleFiring.Ordinal)
    private byte _flags; // 1: recovered, 2: held out — with Ordinal in what was padding: still 24 bytes
    public readonly long Start = start;
    public readonly long FiredAt = firedAt;

    public bool Recovered
    {
        readonly get => (_flags & 1) != 0;
        set => _flags = (byte)(value ? _flags | 1 : _flags & ~1);
    }

    public bool Holdout
    {
        readonly get => (_flags & 2) != 0;
        set => _flags = (byte)(value ? _flags | 2 : _flags & ~2);
    }

    /// <summary>Sorts one customer's firings by <see cref="Compare"/> unless they already are (the usual case).</summary>
    public static void SortIfNeeded(Span<RawFiring> items)
    {
        for (int i = 1; i < items.Length; i++)
        {
            if (Compare(items[i - 1], items[i]) > 0)
            {
                items.Sort(Compare);
                return;
            }
        }
    }

    /// <summary>Orders one customer's firings: firing time, rule, start, ordinal.</summary>
    public static int Compare(RawFiring x, RawFiring y)
    {
        int c = x.FiredAt.CompareTo(y.FiredAt);
        c = c != 0 ? c : x.Rule.CompareTo(y.Rule);
        c = c != 0 ? c : x.Start.CompareTo(y.Start);
        return c != 0 ? c : x.Ordinal.CompareTo(y.Ordinal);
    }
}
