namespace JourneyKit.Identity;

/// <summary>
/// Interns (kind, value) identifiers to dense ids 0, 1, 2… in an open-addressing table (linear probing, load ≤ 3/4).
/// While building, a slot holds the identifier's 32-bit hash beside its entry number, so probes and growth never touch
/// the strings of other identifiers; the graph's immutable copy keeps only the entry numbers in the same slots (8 bytes
/// per identifier for the value reference, 1 for the kind, about 5 for the slots). Hashes are the runtime's randomized
/// string hash, so hostile identifier values cannot force collisions; they are never saved.
/// </summary>
internal sealed class IdentifierTable
{
    private long[]? _wide;   // building: (hash << 32) | (entry + 1); 0 = empty
    private int[]? _narrow;  // immutable: entry + 1; 0 = empty
    private string[] _values;
    private byte[] _kinds;
    private int _count;
    private int _mask;

    public IdentifierTable(int capacity = 16)
    {
        int slots = SlotsFor(Math.Max(capacity, 16));
        _wide = new long[slots];
        _mask = slots - 1;
        _values = new string[Math.Max(capacity, 16)];
        _kinds = new byte[_values.Length];
    }

    private IdentifierTable(string[] values, byte[] kinds, int count)
    {
        _values = values;
        _kinds = kinds;
        _count = count;
    }

    public int Count => _count;

    public string ValueOf(int id) => _values[id];

    public int KindOf(int id) => _kinds[id];

    /// <summary>The order that names profiles: kind priority (kind ids are priorities, 0 highest), then value, ordinal.</summary>
    public int Compare(int x, int y)
    {
        if (x == y)
        {
            return 0;
        }

        int c = _kinds[x].CompareTo(_kinds[y]);
        return c != 0 ? c : string.CompareOrdinal(_values[x], _values[y]);
    }

    public int Find(int kind, string value)
    {
        uint hash = Hash(kind, value);
        int slot = (int)hash & _mask;
        if (_wide is { } wide)
        {
            while (true)
            {
                long s = wide[slot];
                if (s == 0)
                {
                    return -1;
                }

                int entry = (int)s - 1;
                if ((uint)(s >> 32) == hash && _kinds[entry] == kind && string.Equals(_values[entry], value, StringComparison.Ordinal))
                {
                    return entry;
                }

                slot = (slot + 1) & _mask;
            }
        }

        int[] narrow = _narrow!;
        while (true)
        {
            int entry = narrow[slot] - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (_kinds[entry] == kind && string.Equals(_values[entry], value, StringComparison.Ordinal))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }
    }

    public int Intern(int kind, string value)
    {
        long[] wide = _wide ?? throw new InvalidOperationException("The table is immutable.");
        uint hash = Hash(kind, value);
        int slot = (int)hash & _mask;
        while (true)
        {
            long s = wide[slot];
            if (s == 0)
            {
                break;
            }

            int entry = (int)s - 1;
            if ((uint)(s >> 32) == hash && _kinds[entry] == kind && string.Equals(_values[entry], value, StringComparison.Ordinal))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }

        if ((long)(_count + 1) * 4 > (long)wide.Length * 3 && wide.Length >= 1 << 30)
        {
            // The slot array is at its largest; filling it further would make probes endless. Checked before anything is added.
            throw new InvalidOperationException($"An identity graph holds at most {(1L << 30) * 3 / 4:N0} identifiers.");
        }

        if (_count == _values.Length)
        {
            int capacity = (int)Math.Min(Array.MaxLength, _values.Length * 2L);
            if (capacity == _count)
            {
                throw new InvalidOperationException($"An identity graph holds at most {Array.MaxLength:N0} identifiers.");
            }

            Array.Resize(ref _values, capacity);
            Array.Resize(ref _kinds, capacity);
        }

        int id = _count++;
        _values[id] = value;
        _kinds[id] = (byte)kind;
        wide[slot] = ((long)hash << 32) | (uint)(id + 1);
        if ((long)_count * 4 > (long)wide.Length * 3)
        {
            Grow(wide.Length * 2);
        }

        return id;
    }

    /// <summary>An immutable copy with exactly-sized arrays and the entry numbers in the same slots (no rehash).</summary>
    public IdentifierTable Trimmed()
    {
        long[] wide = _wide ?? throw new InvalidOperationException("The table is immutable already.");
        var narrow = new int[wide.Length];
        for (int i = 0; i < wide.Length; i++)
        {
            narrow[i] = (int)wide[i];
        }

        return new IdentifierTable(_values[.._count], _kinds[.._count], _count) { _narrow = narrow, _mask = _mask };
    }

    /// <summary>A copy that can grow (a builder continuing a graph); hashes are computed again, once.</summary>
    public IdentifierTable Copy()
    {
        int capacity = Math.Max(16, _count * 2);
        var copy = new IdentifierTable(new string[capacity], new byte[capacity], _count);
        _values.AsSpan(0, _count).CopyTo(copy._values);
        _kinds.AsSpan(0, _count).CopyTo(copy._kinds);
        int size = SlotsFor(capacity);
        copy._wide = new long[size];
        copy._mask = size - 1;
        for (int id = 0; id < _count; id++)
        {
            uint hash = Hash(_kinds[id], _values[id]);
            int slot = (int)hash & copy._mask;
            while (copy._wide[slot] != 0)
            {
                slot = (slot + 1) & copy._mask;
            }

            copy._wide[slot] = ((long)hash << 32) | (uint)(id + 1);
        }

        return copy;
    }

    /// <summary>Gets the bytes the table holds (slots, value references, kinds), excluding the strings.</summary>
    public long Bytes => ((_wide?.LongLength ?? 0) * 8) + ((_narrow?.LongLength ?? 0) * 4) + (_values.LongLength * 8) + _kinds.LongLength;

    private static int SlotsFor(int count)
    {
        long needed = Math.Max(16, ((long)count * 4 / 3) + 1);
        return (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)needed));
    }

    // Growth re-places stored hashes: one sequential read and one write per identifier, no string touched.
    private void Grow(int size)
    {
        long[] old = _wide!;
        var wide = new long[size];
        int mask = size - 1;
        foreach (long s in old)
        {
            if (s != 0)
            {
                int slot = (int)(uint)(s >> 32) & mask;
                while (wide[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                wide[slot] = s;
            }
        }

        _wide = wide;
        _mask = mask;
    }

    private static uint Hash(int kind, string value)
    {
        // Mix so that consecutive hashes do not fill neighbouring slots (linear probing clusters otherwise).
        uint h = (uint)value.GetHashCode() ^ ((uint)kind * 0x9E3779B9u);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        return h;
    }
}
