namespace JourneyKit.Identity;

/// <summary>The links that joined profiles (one per merge, a spanning forest of the link graph): 20 bytes each, kept for explanations.</summary>
internal sealed class ForestEdges
{
    private int[] _a;
    private int[] _b;
    private long[] _ticks;
    private int[] _source;

    public ForestEdges(int capacity)
    {
        _a = new int[capacity];
        _b = new int[capacity];
        _ticks = new long[capacity];
        _source = new int[capacity];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<int> A => _a.AsSpan(0, Count);

    public ReadOnlySpan<int> B => _b.AsSpan(0, Count);

    public ReadOnlySpan<long> Ticks => _ticks.AsSpan(0, Count);

    public ReadOnlySpan<int> Source => _source.AsSpan(0, Count);

    public long Bytes => (_a.LongLength * 4) + (_b.LongLength * 4) + (_ticks.LongLength * 8) + (_source.LongLength * 4);

    public void Add(int a, int b, long ticks, int source)
    {
        if (Count == _a.Length)
        {
            int capacity = (int)Math.Min(Array.MaxLength, Math.Max(1024L, _a.Length * 2L));
            Array.Resize(ref _a, capacity);
            Array.Resize(ref _b, capacity);
            Array.Resize(ref _ticks, capacity);
            Array.Resize(ref _source, capacity);
        }

        _a[Count] = a;
        _b[Count] = b;
        _ticks[Count] = ticks;
        _source[Count] = source;
        Count++;
    }

    public void EnsureCapacity(int capacity)
    {
        if (capacity > _a.Length)
        {
            Array.Resize(ref _a, capacity);
            Array.Resize(ref _b, capacity);
            Array.Resize(ref _ticks, capacity);
            Array.Resize(ref _source, capacity);
        }
    }

    /// <summary>
    /// An immutable view for a graph: the same arrays when they are nearly full (later additions land beyond the view's
    /// count, where it never reads), a trimmed copy otherwise.
    /// </summary>
    public ForestEdges Snapshot() =>
        (long)Count * 8 >= (long)_a.Length * 7
            ? new ForestEdges(0) { _a = _a, _b = _b, _ticks = _ticks, _source = _source, Count = Count }
            : Copy(Count);

    public ForestEdges Copy() => Copy(_a.Length);

    private ForestEdges Copy(int capacity)
    {
        var copy = new ForestEdges(capacity) { Count = Count };
        A.CopyTo(copy._a);
        B.CopyTo(copy._b);
        Ticks.CopyTo(copy._ticks);
        Source.CopyTo(copy._source);
        return copy;
    }
}
