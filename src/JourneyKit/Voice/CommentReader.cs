using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>
/// Reads customer comments from CSV and JSON Lines with the readers' full accounting: every row is accepted or rejected
/// with its line and reason (read = accepted + rejected), never silently dropped.
/// </summary>
public static class CommentReader
{
    /// <summary>Reads a CSV of comments: a header, one comment per record (quoted fields may span lines).</summary>
    /// <param name="reader">The CSV text (RFC 4180; the separator is detected from the header).</param>
    /// <param name="options">Column names, policy and limits.</param>
    /// <param name="cancellationToken">Cancels the read (checked every 65,536 rows).</param>
    /// <returns>The comments in file order and the accounting; deconstructs as <c>var (comments, report) = …</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="InvalidDataException">The header lacks the customer id, timestamp or text column, or repeats a name.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Ingested<IReadOnlyList<CustomerComment>> ReadCsv(TextReader reader, CommentReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CommentReadOptions();
        options.Validate();
        var csv = new CsvRecordReader(reader, null, options.MaxLinesPerRecord, options.MaxRecordLength);
        CsvHeader header = csv.ReadHeader();
        int id = header.Required(options.CustomerIdColumn, "CommentReadOptions.CustomerIdColumn");
        int time = header.Required(options.TimestampColumn, "CommentReadOptions.TimestampColumn");
        int text = header.Required(options.TextColumn, "CommentReadOptions.TextColumn");
        int[] optional = [header.IndexOf(options.TouchpointColumn), header.IndexOf(options.ChannelColumn), header.IndexOf(options.SourceColumn), header.IndexOf(options.RatingColumn)];
        var rows = new Rows(options);
        while (csv.Read())
        {
            rows.Next(cancellationToken);
            if (csv.Error is { } error)
            {
                rows.Reject(csv.LineFrom, null, RejectReason.MalformedRow, error);
                continue;
            }

            if (csv.FieldCount != header.Count)
            {
                rows.Reject(csv.LineFrom, null, RejectReason.MalformedRow, $"The row has {csv.FieldCount} columns; the header has {header.Count}.");
                continue;
            }

            string? Field(int column) => column < 0 ? null : csv[column].ToString();
            rows.Accept(csv.LineFrom, csv[id].ToString(), csv[time].ToString(), csv[text].ToString(), Field(optional[0]), Field(optional[1]), Field(optional[2]), Field(optional[3]));
        }

        return rows.Finish(csv.BlankLines);
    }

    /// <summary>Reads JSON Lines of comments: one object per line with the customer id, timestamp and text properties (strings) and optional ones.</summary>
    /// <param name="reader">The JSON Lines text.</param>
    /// <param name="options">Property names, policy and limits.</param>
    /// <param name="cancellationToken">Cancels the read (checked every 65,536 lines).</param>
    /// <returns>The comments in file order and the accounting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Ingested<IReadOnlyList<CustomerComment>> ReadJsonLines(TextReader reader, CommentReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CommentReadOptions();
        options.Validate();
        var rows = new Rows(options);
        long line = 0, blank = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                blank++;
                continue;
            }

            rows.Next(cancellationToken);
            if (text.Length > options.MaxRecordLength)
            {
                rows.Reject(line, null, RejectReason.MalformedRow, string.Create(CultureInfo.InvariantCulture, $"The line has {text.Length:N0} characters, more than MaxRecordLength ({options.MaxRecordLength:N0})."));
                continue;
            }

            var (properties, error) = JsonLine.Read(text);
            if (properties is null)
            {
                rows.Reject(line, null, RejectReason.MalformedRow, error!);
                continue;
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (name, value, _) in properties)
            {
                values[name] = value;
            }

            string? Value(string name) => values.GetValueOrDefault(name);
            rows.Accept(line, Value(options.CustomerIdColumn), Value(options.TimestampColumn), Value(options.TextColumn),
                Value(options.TouchpointColumn), Value(options.ChannelColumn), Value(options.SourceColumn), Value(options.RatingColumn));
        }

        return rows.Finish(blank);
    }

    /// <summary>The checks every comment row passes, and the accounting.</summary>
    private sealed class Rows(CommentReadOptions options)
    {
        private readonly RowAccounting _rows = new(options.Policy, options.MaxErrorDetails);
        private readonly List<CustomerComment> _comments = [];

        public void Next(CancellationToken cancellationToken)
        {
            if ((++_rows.Read & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        public void Reject(long line, string? column, RejectReason reason, string message) => _rows.Reject(line, column, reason, message);

        public void Accept(long line, string? id, string? time, string? text, string? touchpoint, string? channel, string? source, string? rating)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                Reject(line, options.CustomerIdColumn, RejectReason.MissingCustomerId, "The customer id is empty.");
                return;
            }

            if (text is null)
            {
                Reject(line, options.TextColumn, RejectReason.MalformedRow, "The comment has no text property.");
                return;
            }

            foreach (var (value, column) in new[] { (id, options.CustomerIdColumn), (text, options.TextColumn), (touchpoint, options.TouchpointColumn), (channel, options.ChannelColumn), (source, options.SourceColumn) })
            {
                if (value is not null && !Guard.IsValidUnicode(value))
                {
                    Reject(line, column, RejectReason.InvalidText, "The value is not valid Unicode (a lone surrogate); it could not be stored and shown exactly.");
                    return;
                }
            }

            if (!TryTimestamp(line, time, out DateTimeOffset timestamp))
            {
                return;
            }

            double? score = null;
            if (!string.IsNullOrWhiteSpace(rating))
            {
                if (!double.TryParse(rating, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || !double.IsFinite(parsed))
                {
                    Reject(line, options.RatingColumn, RejectReason.BadNumber, $"The rating '{Guard.Clip(rating)}' is not a finite number.");
                    return;
                }

                score = parsed;
            }

            _comments.Add(new CustomerComment(id.Trim(), timestamp, text, touchpoint?.Trim(), channel?.Trim(), source?.Trim(), score));
            _rows.Accepted++;
        }

        public Ingested<IReadOnlyList<CustomerComment>> Finish(long blankLines) => new(_comments.AsReadOnly(), _rows.Report(blankLines: blankLines));

        private bool TryTimestamp(long line, string? text, out DateTimeOffset timestamp)
        {
            timestamp = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                Reject(line, options.TimestampColumn, RejectReason.BadTimestamp, "The timestamp is empty.");
                return false;
            }

            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTime parsed))
            {
                Reject(line, options.TimestampColumn, RejectReason.BadTimestamp, $"'{Guard.Clip(text)}' is not a timestamp; write ISO 8601 with an offset (2026-03-01T14:05:00+01:00).");
                return false;
            }

            if (parsed.Kind != DateTimeKind.Utc)
            {
                Reject(line, options.TimestampColumn, RejectReason.NaiveTimestamp, $"'{Guard.Clip(text)}' has no offset; a comment's time is never read in the host's time zone. Add Z or +hh:mm.");
                return false;
            }

            timestamp = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }
    }
}
