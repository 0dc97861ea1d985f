namespace JourneyKit.Identity;

/// <summary>
/// Interns (kind, value) identifiers to dense ids 0, 1, 2… in an open-addressing table (linear probing) that stores only
/// the entry number per slot: 8 bytes per identifier for the value reference, 1 for the kind, about 5 for the slots.
/// Hashes are the runtime's randomized string hash, so hostile identifier values cannot force collisions.
/// </summary>
internal sealed class IdentifierTable
{
    private int[] _slots;
    private string[] _values;
    private byte[] _kinds;
    private int _count;
    private int _mask;

    public IdentifierTable(int capacity = 16)
    {
        int slots = SlotsFor(Math.Max(capacity, 16));
        _slots = new int[slots];
        _mask = slots - 1;
        _values = new string[Math.Max(capacity, 16)];
        _kinds = new byte[_values.Length];
    }

    public int Count => _count;

    public string ValueOf(int id) => _values[id];

    public int KindOf(int id) => _kinds[id];

    public int Find(int kind, string value)
    {
        int slot = Hash(kind, value) & _mask;
        while (true)
        {
            int entry = _slots[slot] - 1;
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
        int slot = Hash(kind, value) & _mask;
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_kinds[entry] == kind && string.Equals(_values[entry], value, StringComparison.Ordinal))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
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
        _slots[slot] = id + 1;
        if ((long)_count * 4 > (long)_slots.Length * 3)
        {
            Rehash(_slots.Length * 2);
        }

        return id;
    }

    /// <summary>A copy that can grow (a builder continuing a graph).</summary>
    public IdentifierTable Copy()
    {
        var copy = new IdentifierTable(0)
        {
            _values = [.. _values.AsSpan(0, _count), .. new string[Math.Max(16, _count)]],
            _kinds = [.. _kinds.AsSpan(0, _count), .. new byte[Math.Max(16, _count)]],
            _count = _count,
        };
        copy.Rehash(SlotsFor(_count * 2));
        return copy;
    }

    /// <summary>A copy with exactly-sized arrays (the graph's immutable table).</summary>
    public IdentifierTable Trimmed()
    {
        var copy = new IdentifierTable(0)
        {
            _values = _values[.._count],
            _kinds = _kinds[.._count],
            _count = _count,
        };
        copy.Rehash(SlotsFor(_count));
        return copy;
    }

    public long Bytes => (_slots.LongLength * 4) + (_values.LongLength * 8) + _kinds.LongLength;

    private static int SlotsFor(int count)
    {
        long needed = Math.Max(16, ((long)count * 4 / 3) + 1);
        return (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)needed));
    }

    private void Rehash(int size)
    {
        var slots = new int[size];
        int mask = size - 1;
        for (int id = 0; id < _count; id++)
        {
            int slot = Hash(_kinds[id], _values[id]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = id + 1;
        }

        _slots = slots;
        _mask = mask;
    }

    private static int Hash(int kind, string value)
    {
        // Mix so that consecutive hashes do not fill neighbouring slots (linear probing clusters otherwise).
        uint h = (uint)value.GetHashCode() ^ ((uint)kind * 0x9E3779B9u);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        return (int)h;
    }
}
