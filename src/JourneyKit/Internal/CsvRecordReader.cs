using System.Globalization;

namespace JourneyKit.Internal;

/// <summary>
/// Splits CSV text into records, strictly after RFC 4180 and with every physical line accounted for.
/// </summary>
/// <remarks>
/// <para>A quote opens a quoted field only as the first character of a field; anywhere else it is data
/// (<c>12" pizza</c> is a 12-inch pizza). Inside a quoted field <c>""</c> is one quote, and the closing quote must be
/// followed by the separator or the end of the line; anything else makes the record malformed.</para>
/// <para>A quoted field may run across line breaks (read as <c>\n</c>); such a record counts once and is reported with
/// the line where it starts. When the field is not closed within <c>maxLinesPerRecord</c> lines, before the end of the
/// input, or within <c>maxRecordLength</c> characters, or when text follows a closing quote, only the first line is
/// rejected and reading resumes on the next line, so one stray quote never swallows the rest of the file.</para>
/// <para>Blank lines (empty or white space only) are skipped and counted in <see cref="BlankLines"/>.</para>
/// </remarks>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly int _maxLines;
    private readonly int _maxLength;
    private readonly Queue<(string Text, long Number)> _pushedBack = new();
    private readonly List<(string Text, long Number)> _continuation = [];
    private char[] _text = new char[256];
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool[] _quoted = new bool[16];
    private long _lineNumber;
    private bool _first = true;

    public CsvRecordReader(TextReader reader, char? separator, int maxLinesPerRecord, int maxRecordLength)
    {
        _reader = reader;
        Separator = separator ?? '\0';
        _maxLines = maxLinesPerRecord;
        _maxLength = maxRecordLength;
    }

    /// <summary>Gets the separator (detected from the header when none was given).</summary>
    public char Separator { get; private set; }

    /// <summary>Gets the number of blank lines skipped so far.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Gets the line on which the current record starts (1-based).</summary>
    public long LineFrom { get; private set; }

    /// <summary>Gets the line on which the current record ends.</summary>
    public long LineTo { get; private set; }

    /// <summary>Gets why the current record is malformed, or null when it is well formed.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the number of fields of the current record (0 when malformed).</summary>
    public int FieldCount { get; private set; }

    /// <summary>Gets a field of the current record: quoted fields unescaped and as written, unquoted ones trimmed.</summary>
    public ReadOnlySpan<char> this[int index] => _quoted[index]
        ? _text.AsSpan(_starts[index], _lengths[index])
        : _text.AsSpan(_starts[index], _lengths[index]).Trim();

    /// <summary>Gets whether a field of the current record was quoted.</summary>
    public bool IsQuoted(int index) => _quoted[index];

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool Read()
    {
        while (NextLine() is { } line)
        {
            string text = line.Text;
            if (_first)
            {
                _first = false;
                if (text.Length > 0 && text[0] == '\uFEFF')
                {
                    text = text[1..];
                }

                if (Separator == '\0')
                {
                    Separator = Detect(text);
                }
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                BlankLines++;
                continue;
            }

            Parse(text, line.Number);
            return true;
        }

        return false;
    }

    /// <summary>Reads the header record: the first non-blank line.</summary>
    /// <exception cref="InvalidDataException">The input is empty, the header is malformed, or a column name repeats.</exception>
    public CsvHeader ReadHeader()
    {
        if (!Read())
        {
            throw new InvalidDataException("The CSV input is empty: it has no header row.");
        }

        if (Error is not null)
        {
            throw new InvalidDataException($"The CSV header (line {LineFrom}) is malformed: {Error}");
        }

        var names = new string[FieldCount];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < FieldCount; i++)
        {
            names[i] = this[i].ToString();
            if (!seen.TryAdd(names[i], i))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The CSV header (line {LineFrom}) names column '{Guard.Clip(names[i])}' twice (columns {seen[names[i]] + 1} and {i + 1}); column names must be unique."));
            }
        }

        return new CsvHeader(names, seen);
    }

    private (string Text, long Number)? NextLine()
    {
        if (_pushedBack.Count > 0)
        {
            return _pushedBack.Dequeue();
        }

        string? text = _reader.ReadLine();
        return text is null ? null : (text, ++_lineNumber);
    }

    private void Parse(string first, long number)
    {
        LineFrom = LineTo = number;
        Error = null;
        FieldCount = 0;
        _continuation.Clear();
        int used = 0;
        string line = first;
        int pos = 0;
        int totalLength = first.Length;
        if (totalLength > _maxLength)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"The line is {totalLength:N0} characters long; the limit is {_maxLength:N0} (IngestOptions.MaxRecordLength)."));
            return;
        }

        while (true)
        {
            int start = used;
            bool quoted = pos < line.Length && line[pos] == '"';
            if (!quoted)
            {
                int end = line.IndexOf(Separator, pos);
                int stop = end < 0 ? line.Length : end;
                Append(ref used, line.AsSpan(pos, stop - pos));
                AddField(start, used - start, quoted: false);
                if (end < 0)
                {
                    return;
                }

                pos = end + 1;
                continue;
            }

            pos++;
            while (true)
            {
                int q = line.IndexOf('"', pos);
                if (q < 0)
                {
                    Append(ref used, line.AsSpan(pos));
                    string? reason = null;
                    (string Text, long Number)? next = null;
                    if (_continuation.Count + 1 >= _maxLines)
                    {
                        reason = string.Create(CultureInfo.InvariantCulture, $"A quoted field opened on line {number} is not closed within {_maxLines:N0} lines (IngestOptions.MaxLinesPerRecord).");
                    }
                    else if ((next = NextLine()) is null)
                    {
                        reason = string.Create(CultureInfo.InvariantCulture, $"A quoted field opened on line {number} is not closed before the end of the input.");
                    }
                    else if ((totalLength += next.Value.Text.Length + 1) > _maxLength)
                    {
                        _continuation.Add(next.Value);
                        reason = string.Create(CultureInfo.InvariantCulture, $"A quoted field opened on line {number} runs past {_maxLength:N0} characters (IngestOptions.MaxRecordLength).");
                    }

                    if (reason is not null)
                    {
                        Fail(reason);
                        return;
                    }

                    _continuation.Add(next!.Value);
                    Append(ref used, "\n");
                    line = next.Value.Text;
                    LineTo = next.Value.Number;
                    pos = 0;
                    continue;
                }

                Append(ref used, line.AsSpan(pos, q - pos));
                if (q + 1 < line.Length && line[q + 1] == '"')
                {
                    Append(ref used, "\"");
                    pos = q + 2;
                    continue;
                }

                pos = q + 1;
                break;
            }

            AddField(start, used - start, quoted: true);
            if (pos == line.Length)
            {
                return;
            }

            if (line[pos] != Separator)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"Field {FieldCount} (quoted, opened on line {number}) has text after its closing quote; write a quote inside a quoted field as \"\"."));
                return;
            }

            pos++;
        }
    }

    // Rejects the first line only; lines read ahead for a multi-line field are read again as records of their own.
    private void Fail(string reason)
    {
        Error = reason;
        FieldCount = 0;
        LineTo = LineFrom;
        if (_continuation.Count > 0)
        {
            var rest = _pushedBack.ToArray();
            _pushedBack.Clear();
            foreach (var line in _continuation)
            {
                _pushedBack.Enqueue(line);
            }

            foreach (var line in rest)
            {
                _pushedBack.Enqueue(line);
            }

            _continuation.Clear();
        }
    }

    private void Append(ref int used, ReadOnlySpan<char> chars)
    {
        if (used + chars.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, used + chars.Length));
        }

        chars.CopyTo(_text.AsSpan(used));
        used += chars.Length;
    }

    private void AddField(int start, int length, bool quoted)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, FieldCount * 2);
            Array.Resize(ref _lengths, FieldCount * 2);
            Array.Resize(ref _quoted, FieldCount * 2);
        }

        _starts[FieldCount] = start;
        _lengths[FieldCount] = length;
        _quoted[FieldCount] = quoted;
        FieldCount++;
    }

    // The most frequent of , ; tab | outside quotes in the header; a comma when none occurs.
    private static char Detect(string header)
    {
        ReadOnlySpan<char> candidates = [',', ';', '\t', '|'];
        Span<int> counts = stackalloc int[candidates.Length];
        bool inQuotes = false;
        foreach (char c in header)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && candidates.IndexOf(c) is var i and >= 0)
            {
                counts[i]++;
            }
        }

        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return candidates[best];
    }
}
