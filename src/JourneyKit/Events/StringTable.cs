namespace JourneyKit.Events;

/// <summary>
/// Interns strings to dense integer ids (0, 1, 2… in order of first appearance). Lookups by span do not
/// allocate, so readers can intern repeated ids straight from their input buffers.
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIds;
    private readonly List<string> _names;

    public StringTable(int capacity = 0)
    {
        _ids = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _spanIds = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = new List<string>(capacity);
    }

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    public string this[int id] => _names[id];

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out int id))
        {
            id = _names.Count;
            _ids.Add(value, id);
            _names.Add(value);
        }

        return id;
    }

    public int Intern(ReadOnlySpan<char> value)
    {
        if (!_spanIds.TryGetValue(value, out int id))
        {
            string text = value.ToString();
            id = _names.Count;
            _ids.Add(text, id);
            _names.Add(text);
        }

        return id;
    }

    /// <summary>Forgets the names registered after the first <paramref name="count"/> (undoing a rejected row).</summary>
    public void TruncateTo(int count)
    {
        for (int i = _names.Count - 1; i >= count; i--)
        {
            _ids.Remove(_names[i]);
            _names.RemoveAt(i);
        }
    }

    public int Find(string value) => _ids.TryGetValue(value, out int id) ? id : -1;

    public int Find(ReadOnlySpan<char> value) => _spanIds.TryGetValue(value, out int id) ? id : -1;

    public string[] ToArray() => [.. _names];
}
