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
/// <para>Lines are read into one reusable character buffer (no string per line); a line longer than
/// <c>maxRecordLength</c> is skipped to its end without being held whole.</para>
/// </remarks>
internal sealed class CsvRecordReader
{
    private const int InitialBuffer = 1 << 16;

    private readonly TextReader _reader;
    private readonly int _maxLines;
    private readonly int _maxLength;
    private char[] _buffer = new char[InitialBuffer];
    private int _length;   // valid characters in _buffer
    private int _position; // start of the next unread line
    private bool _eof;
    private long _lineNumber; // lines consumed so far
    private char[] _text = new char[256];
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool[] _quoted = new bool[16];
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

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool Read()
    {
        while (true)
        {
            int start = _position;
            var line = NextLine(start, out int next, out bool tooLong);
            if (line is null)
            {
                return false;
            }

            var (from, to) = line.Value;
            _lineNumber++;
            if (_first)
            {
                _first = false;
                if (to > from && _buffer[from] == '\uFEFF')
                {
                    from++;
                }

                if (Separator == '\0')
                {
                    Separator = Detect(_buffer.AsSpan(from, to - from));
                }
            }

            _position = next;
            if (tooLong)
            {
                LineFrom = LineTo = _lineNumber;
                Fail(string.Create(CultureInfo.InvariantCulture, $"The line is longer than {_maxLength:N0} characters (IngestOptions.MaxRecordLength)."), next, _lineNumber);
                return true;
            }

            if (_buffer.AsSpan(from, to - from).IsWhiteSpace())
            {
                BlankLines++;
                continue;
            }

            Parse(from, to, next);
            return true;
        }
    }

    // Finds the line starting at 'start': its content [from, to) and the start of the line after it. Null at the end of
    // the input. Refills the buffer as needed, keeping everything from _position on (a record being parsed may span
    // several lines). A line longer than the record limit is consumed to its end without being kept.
    private (int From, int To)? NextLine(int start, out int next, out bool tooLong)
    {
        tooLong = false;
        int scanFrom = start;
        while (true)
        {
            int i = _buffer.AsSpan(scanFrom, _length - scanFrom).IndexOfAny('\r', '\n');
            if (i >= 0)
            {
                int end = scanFrom + i;
                if (_buffer[end] == '\r')
                {
                    if (end + 1 == _length && !_eof)
                    {
                        // A CR at the end of the buffer may be the first half of CRLF: read on.
                        int shift = Refill();
                        start -= shift;
                        scanFrom = end - shift;
                        continue;
                    }

                    next = end + 1 < _length && _buffer[end + 1] == '\n' ? end + 2 : end + 1;
                }
                else
                {
                    next = end + 1;
                }

                if (end - start > _maxLength)
                {
                    tooLong = true;
                }

                return (start, end);
            }

            if (_eof)
            {
                next = _length;
                if (start == _length)
                {
                    return null;
                }

                tooLong = _length - start > _maxLength;
                return (start, _length);
            }

            if (_length - start > _maxLength + 1 && start == _position)
            {
                // Too long already: drop what is buffered of this line and skip to its end.
                SkipRestOfLine();
                next = _position;
                tooLong = true;
                return (_position, _position);
            }

            int moved = Refill();
            start -= moved;
            scanFrom = start;
        }
    }

    private void SkipRestOfLine()
    {
        _length = 0;
        _position = 0;
        while (true)
        {
            int read = _reader.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                _length = 0;
                return;
            }

            int i = _buffer.AsSpan(0, read).IndexOfAny('\r', '\n');
            if (i >= 0)
            {
                _length = read;
                int next = i + 1;
                if (_buffer[i] == '\r')
                {
                    if (next == read)
                    {
                        int more = _reader.Read(_buffer, read, 1);
                        _length += more;
                        if (more == 0)
                        {
                            _eof = true;
                        }
                    }

                    if (next < _length && _buffer[next] == '\n')
                    {
                        next++;
                    }
                }

                _position = next;
                return;
            }
        }
    }

    // Moves the unread part (from _position) to the front, grows the buffer when it is full, reads more. Returns how far
    // the content moved left.
    private int Refill()
    {
        int moved = _position;
        if (moved > 0)
        {
            Array.Copy(_buffer, moved, _buffer, 0, _length - moved);
            _length -= moved;
            _position = 0;
        }

        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _reader.Read(_buffer, _length, _buffer.Length - _length);
        if (read == 0)
        {
            _eof = true;
        }

        _length += read;
        return moved;
    }

    private void Parse(int lineFrom, int lineTo, int next)
    {
        long number = _lineNumber;
        LineFrom = LineTo = number;
        Error = null;
        FieldCount = 0;
        int recordStart = lineFrom; // buffer index; kept valid across refills by Refill's shift (see below)
        int firstNext = next;
        int used = 0;
        int lines = 1;
        int pos = lineFrom;
        int end = lineTo;
        long totalLength = lineTo - lineFrom;
        while (true)
        {
            int start = used;
            bool quoted = pos < end && _buffer[pos] == '"';
            if (!quoted)
            {
                if (UnquotedField(ref pos, end, ref used, next))
                {
                    return;
                }

                continue;
            }

            pos++;
            while (true)
            {
                int q = _buffer.AsSpan(pos, end - pos).IndexOf('"');
                if (q < 0)
                {
                    Append(ref used, _buffer.AsSpan(pos, end - pos));
                    string? reason = null;
                    if (lines >= _maxLines)
                    {
                        reason = string.Create(CultureInfo.InvariantCulture, $"A quoted field opened on line {number} is not closed within {_maxLines:N0} lines (IngestOptions.MaxLinesPerRecord).");
                    }
                    else
                    {
                        // The record's first line must stay in the buffer while the next ones are read.
                        int keep = _position;
                        _position = recordStart;
                        var line = NextLine(next, out int after, out bool tooLong);
                        int shift = recordStart - _position; // how far Refill moved the content left
                        recordStart = _position;
                        firstNext -= shift;
                        _position = keep - shift;
                        if (line is null)
                        {
                            reason = string.Create(CultureInfo.InvariantCulture, $"A quoted field opened on line {number} is not closed before the end of the input.");
                        }
                        else if (tooLong || (totalLength += line.Value.To - line.Value.From + 1) > _maxLength)
                        {
                            reason = string.Create(CultureInfo.InvariantCulture, $"A quoted field opened on line {number} runs past {_maxLength:N0} characters (IngestOptions.MaxRecordLength).");
                        }
                        else
                        {
                            lines++;
                            _lineNumber++;
                            LineTo = _lineNumber;
                            Append(ref used, "\n");
                            (pos, end) = line.Value;
                            next = after;
                            continue;
                        }
                    }

                    Fail(reason, firstNext, number);
                    return;
                }

                Append(ref used, _buffer.AsSpan(pos, q));
                int quote = pos + q;
                if (quote + 1 < end && _buffer[quote + 1] == '"')
                {
                    Append(ref used, "\"");
                    pos = quote + 2;
                    continue;
                }

                pos = quote + 1;
                break;
            }

            AddField(start, used - start, quoted: true);
            if (pos == end)
            {
                _position = next;
                return;
            }

            if (_buffer[pos] != Separator)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"Field {FieldCount} (quoted, opened on line {number}) has text after its closing quote; write a quote inside a quoted field as \"\"."), firstNext, number);
                return;
            }

            pos++;
        }
    }

    // An unquoted field runs to the next separator (or the line's end, when it is the record's last field: then true).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool UnquotedField(ref int pos, int end, ref int used, int next)
    {
        int start = used;
        int sep = _buffer.AsSpan(pos, end - pos).IndexOf(Separator);
        int stop = sep < 0 ? end : pos + sep;
        Append(ref used, _buffer.AsSpan(pos, stop - pos));
        AddField(start, used - start, quoted: false);
        if (sep < 0)
        {
            _position = next;
            return true;
        }

        pos = stop + 1;
        return false;
    }

    // Rejects the record's first line only; reading resumes on the line after it (lines read ahead for a multi-line field
    // are read again as records of their own).
    private void Fail(string reason, int resumeAt, long firstLine)
    {
        Error = reason;
        FieldCount = 0;
        LineFrom = LineTo = firstLine;
        _lineNumber = firstLine;
        _position = resumeAt;
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
    private static char Detect(ReadOnlySpan<char> header)
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
