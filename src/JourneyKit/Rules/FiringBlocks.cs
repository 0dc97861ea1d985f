namespace JourneyKit.Rules;

/// <summary>
/// An append-only sequence of <see cref="RawFiring"/> in fixed blocks: growing never copies, so millions of firings cost
/// their own memory once and no more.
/// </summary>
internal sealed class FiringBlocks
{
    public const int BlockShift = 14;
    public const int BlockSize = 1 << BlockShift;

    public List<RawFiring[]> Blocks { get; } = [];

    public int Count { get; private set; }

    public void Add(in RawFiring item)
    {
        int inBlock = Count & (BlockSize - 1);
        if (inBlock == 0)
        {
            Blocks.Add(GC.AllocateUninitializedArray<RawFiring>(BlockSize));
        }

        Blocks[^1][inBlock] = item;
        Count++;
    }

    public void AddRange(ReadOnlySpan<RawFiring> items)
    {
        foreach (ref readonly RawFiring item in items)
        {
            Add(item);
        }
    }

    public ref RawFiring this[int index] => ref Blocks[index >> BlockShift][index & (BlockSize - 1)];
}
