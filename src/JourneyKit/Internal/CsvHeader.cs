using System.Globalization;

namespace JourneyKit.Internal;

/// <summary>The column names of a CSV header, unique, with lookups and a capped listing for error messages.</summary>
internal sealed class CsvHeader
{
    private const int ListedColumns = 20;
    private readonly Dictionary<string, int> _index;

    public CsvHeader(string[] names, Dictionary<string, int> index)
    {
        Names = names;
        _index = index;
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>The column's index, or an error naming the option and listing (at most 20 of) the columns found.</summary>
    public int Required(string name, string option)
    {
        int i = IndexOf(name);
        return i >= 0
            ? i
            : throw new InvalidDataException($"The CSV header has no column '{Guard.Clip(name)}' ({option}); it has: {Listing()}.");
    }

    public string Listing()
    {
        string listed = string.Join(", ", Names.Take(ListedColumns).Select(n => $"'{Guard.Clip(n)}'"));
        return Names.Count <= ListedColumns
            ? listed
            : listed + string.Create(CultureInfo.InvariantCulture, $" and {Names.Count - ListedColumns:N0} more");
    }
}
