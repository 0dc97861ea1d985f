using System.Runtime.InteropServices;

namespace JourneyKit.Internal;

/// <summary>Equality of int sequences by content, with span lookups that do not allocate (for interning paths and states).</summary>
internal sealed class IntSequenceComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
{
    public static IntSequenceComparer Instance { get; } = new();

    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);

    public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<int> values)
    {
        var hash = default(HashCode);
        hash.AddBytes(MemoryMarshal.AsBytes(values));
        return hash.ToHashCode();
    }
}
