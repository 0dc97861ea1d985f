using System.Collections;

namespace JourneyKit.Internal;

/// <summary>
/// A read-only list of names: <paramref name="head"/>'s, then <paramref name="count"/> more, each made from the data it
/// derives from on its first read and kept. A re-keyed log's actor names (the kind, a colon and the raw id, one per raw
/// customer) are such names: work that never reads them never builds a million strings. Reads from several threads are
/// safe: two threads may make one name twice, equal, and either is kept.
/// </summary>
/// <param name="head">The names that come first, as they are.</param>
/// <param name="count">How many names follow them.</param>
/// <param name="make">Makes the name at an index after the head (0 for the first of them).</param>
internal sealed class DerivedNames(IReadOnlyList<string> head, int count, Func<int, string> make) : IReadOnlyList<string>
{
    private readonly string?[] _made = new string?[count];

    /// <inheritdoc/>
    public int Count => head.Count + _made.Length;

    /// <inheritdoc/>
    public string this[int index]
    {
        get
        {
            if (index < head.Count)
            {
                return head[index];
            }

            int i = index - head.Count;
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)_made.Length, nameof(index));
            return _made[i] ??= make(i);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
