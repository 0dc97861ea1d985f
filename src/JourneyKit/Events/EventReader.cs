using System.Text.Json;
using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>
/// Reads journey events from CSV, JSON Lines or an <see cref="IAsyncEnumerable{T}"/> stream into an
/// <see cref="EventLogBuilder"/>, accounting for every row: each is accepted or rejected with its line, column and
/// reason (<see cref="IngestReport"/>). Under <see cref="IngestPolicy.Strict"/> the first bad row throws instead.
/// </summary>
public static class EventReader
{
    /// <summary>Reads CSV text (a header row, then one event per record) into a builder.</summary>
    /// <remarks>
    /// <para>Quoting follows RFC 4180 strictly: a quote opens a quoted field only as the first character of the field and
    /// is data anywhere else (<c>12" pizza</c>); inside a quoted field <c>""</c> is a quote, and the closing quote must be
    /// followed by the separator or the end of the line. Unquoted fields are trimmed; quoted ones are kept as written
    /// (the ingest checks then trim ids and labels).</para>
    /// <para>Counting: <see cref="IngestReport.RowsRead"/> counts records. A record normally is one physical line; a quoted
    /// field with line breaks makes one record of several lines, counted once and reported with the line where it starts.
    /// A quoted field not closed within <see cref="IngestOptions.MaxLinesPerRecord"/> lines or
    /// <see cref="IngestOptions.MaxRecordLength"/> characters, or text after a closing quote, rejects only the line where
    /// the field opened, and reading resumes on the next line, so a stray quote never swallows the rows after it. Blank
    /// lines are skipped and counted in <see cref="IngestReport.BlankLines"/>. Hence: header line + blank lines + the
    /// lines of all records = the physical lines of the input.</para>
    /// </remarks>
    /// <param name="reader">The CSV text.</param>
    /// <param name="builder">The builder that receives accepted events.</param>
    /// <param name="options">Column names, policies and parsing; default <see cref="IngestOptions"/>.</param>
    /// <param name="progress">Receives progress every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read (checked every 65,536 rows).</param>
    /// <returns>The accounting of the rows read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The header lacks a required column (customer id, timestamp, touchpoint) or an optional column that
    /// <see cref="IngestOptions.Columns"/> names explicitly (not under its default name); the message lists the columns found.
    /// Header columns that no mapping reads are listed in <see cref="IngestReport.UnusedColumns"/>.
    /// </exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IngestReport ReadCsv(
        TextReader reader,
        EventLogBuilder builder,
        IngestOptions? options = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var context = new IngestContext(builder, options, progress, cancellationToken);
        var csv = new CsvRecordReader(reader, context.Options.Separator, context.Options.MaxLinesPerRecord, context.Options.MaxRecordLength);
        CsvHeader header = csv.ReadHeader();
        var columns = context.Columns;
        int customerCol = header.Required(columns.CustomerId, "IngestOptions.Columns." + nameof(EventColumns.CustomerId));
        int timestampCol = header.Required(columns.Timestamp, "IngestOptions.Columns." + nameof(EventColumns.Timestamp));
        int touchpointCol = header.Required(columns.Touchpoint, "IngestOptions.Columns." + nameof(EventColumns.Touchpoint));
        var defaults = new EventColumns();
        int channelCol = Optional(header, columns.Channel, defaults.Channel, nameof(EventColumns.Channel));
        int stageCol = Optional(header, columns.Stage, defaults.Stage, nameof(EventColumns.Stage));
        int outcomeCol = Optional(header, columns.Outcome, defaults.Outcome, nameof(EventColumns.Outcome));
        int valueCol = Optional(header, columns.Value, defaults.Value, nameof(EventColumns.Value));
        int sessionCol = Optional(header, columns.SessionId, defaults.SessionId, nameof(EventColumns.SessionId));
        int feedbackCol = Optional(header, columns.Feedback, defaults.Feedback, nameof(EventColumns.Feedback));
        int actorCol = Optional(header, columns.Actor, defaults.Actor, nameof(EventColumns.Actor));
        int headerCount = header.Count;
        var used = new HashSet<int> { customerCol, timestampCol, touchpointCol, channelCol, stageCol, outcomeCol, valueCol, sessionCol, feedbackCol, actorCol };
        context.UnusedColumns([.. header.Names.Where((_, i) => !used.Contains(i))]);

        while (csv.Read())
        {
            context.RowRead();
            long line = csv.LineFrom;
            if (csv.Error is { } error)
            {
                context.Reject(line, null, RejectReason.MalformedRow, error);
                continue;
            }

            if (csv.FieldCount != headerCount)
            {
                context.Reject(line, null, RejectReason.MalformedRow, $"The row has {csv.FieldCount} columns; the header has {headerCount}.");
                continue;
            }

            if (!context.TryParseTimestamp(line, csv[timestampCol], out long ticks) ||
                !context.TryParseOutcome(line, Field(csv, outcomeCol), out EventOutcome outcome) ||
                !context.TryParseNumber(line, columns.Value, Field(csv, valueCol), out double value) ||
                !context.TryParseNumber(line, columns.Feedback, Field(csv, feedbackCol), out double feedback))
            {
                continue;
            }

            context.TryAccept(
                line,
                csv[customerCol],
                ticks,
                csv[touchpointCol],
                Field(csv, channelCol),
                Field(csv, stageCol),
                outcome,
                value,
                Field(csv, sessionCol),
                feedback,
                Field(csv, actorCol));
        }

        context.BlankLines(csv.BlankLines);
        return context.Finish();
    }

    /// <summary>Reads a CSV file into a builder; see <see cref="ReadCsv"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="builder">The builder that receives accepted events.</param>
    /// <param name="options">Column names, policies and parsing.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The accounting of the rows read.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header lacks a required column.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IngestReport ReadCsvFile(
        string path,
        EventLogBuilder builder,
        IngestOptions? options = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return ReadCsv(reader, builder, options, progress, cancellationToken);
    }

    /// <summary>
    /// Reads JSON Lines (one JSON object per line; blank lines are skipped and counted in <see cref="IngestReport.BlankLines"/>; a line that is not valid JSON, not an object, or has a property that is not a string or number or not valid Unicode is rejected as <see cref="RejectReason.MalformedRow"/> and the ingest goes on) into a builder. Property
    /// names come from <see cref="IngestOptions.Columns"/>; ids may be strings or numbers, value and feedback numbers or
    /// numeric strings.
    /// </summary>
    /// <param name="reader">The JSON Lines text.</param>
    /// <param name="builder">The builder that receives accepted events.</param>
    /// <param name="options">Property names, policies and parsing.</param>
    /// <param name="progress">Receives progress every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The accounting of the rows read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IngestReport ReadJsonLines(
        TextReader reader,
        EventLogBuilder builder,
        IngestOptions? options = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var context = new IngestContext(builder, options, progress, cancellationToken);
        var columns = context.Columns;
        long line = 0;
        long blank = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                blank++;
                continue;
            }

            context.RowRead();
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException ex)
            {
                context.Reject(line, null, RejectReason.MalformedRow, $"Invalid JSON: {Guard.Clip(ex.Message)}");
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    context.Reject(line, null, RejectReason.MalformedRow, $"Expected a JSON object, found {root.ValueKind}.");
                    continue;
                }

                string? customer, timestamp, touchpoint, channel, stage, outcomeText, valueText, session, feedbackText, actor;
                string? badField = null;
                try
                {
                    customer = Text(root, badField = columns.CustomerId);
                    timestamp = Text(root, badField = columns.Timestamp);
                    touchpoint = Text(root, badField = columns.Touchpoint);
                    channel = Text(root, badField = columns.Channel);
                    stage = Text(root, badField = columns.Stage);
                    outcomeText = Text(root, badField = columns.Outcome);
                    valueText = Text(root, badField = columns.Value);
                    session = Text(root, badField = columns.SessionId);
                    feedbackText = Text(root, badField = columns.Feedback);
                    actor = Text(root, badField = columns.Actor);
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException)
                {
                    // Not a string or number (an object, array or boolean), or a string that is not valid Unicode
                    // (a lone surrogate escape such as "\ud800"): the row is malformed, the ingest goes on.
                    context.Reject(line, badField, RejectReason.MalformedRow, $"Property '{Guard.Clip(badField)}': {Guard.Clip(ex.Message)}");
                    continue;
                }

                if (!context.TryParseTimestamp(line, timestamp, out long ticks) ||
                    !context.TryParseOutcome(line, outcomeText, out EventOutcome outcome) ||
                    !context.TryParseNumber(line, columns.Value, valueText, out double value) ||
                    !context.TryParseNumber(line, columns.Feedback, feedbackText, out double feedback))
                {
                    continue;
                }

                context.TryAccept(line, customer, ticks, touchpoint, channel, stage, outcome, value, session, feedback, actor);
            }
        }

        context.BlankLines(blank);
        return context.Finish();
    }

    /// <summary>
    /// Adds a stream of events to a builder with the same checks as the file readers (blank ids, labels unknown to the
    /// map, non-finite values, feedback range, duplicates, aliases). The "line number" of a rejection is the 1-based
    /// position in the stream.
    /// </summary>
    /// <param name="events">The events.</param>
    /// <param name="builder">The builder that receives accepted events.</param>
    /// <param name="options">Policies and checks (column names only label rejections).</param>
    /// <param name="progress">Receives progress every 65,536 events and at the end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The accounting of the events read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="IngestException">An event is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<IngestReport> ReadAsync(
        IAsyncEnumerable<JourneyEvent> events,
        EventLogBuilder builder,
        IngestOptions? options = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var context = new IngestContext(builder, options, progress, cancellationToken);
        long line = 0;
        await foreach (JourneyEvent e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            line++;
            context.RowRead();
            Accept(context, line, e);
        }

        return context.Finish();
    }

    private static void Accept(IngestContext context, long line, in JourneyEvent e)
    {
        if (!Enum.IsDefined(e.Outcome))
        {
            context.Reject(line, context.Columns.Outcome, RejectReason.UnknownOutcome, $"Outcome {(int)e.Outcome} is not defined.");
            return;
        }

        if (e.Value is { } v && !double.IsFinite(v))
        {
            context.Reject(line, context.Columns.Value, RejectReason.NonFiniteValue, "The value is not a finite number.");
            return;
        }

        if (e.Feedback is { } f && !double.IsFinite(f))
        {
            context.Reject(line, context.Columns.Feedback, RejectReason.NonFiniteValue, "The feedback is not a finite number.");
            return;
        }

        context.TryAccept(line, e.CustomerId, e.Timestamp.UtcTicks, e.Touchpoint, e.Channel, e.Stage, e.Outcome,
            e.Value ?? double.NaN, e.SessionId, e.Feedback ?? double.NaN, e.Actor);
    }

    // An optional column: absent is fine under its default name; a name the caller mapped explicitly must be there, or
    // its data would be lost without a word (a mapping typo such as "feedbak").
    private static int Optional(CsvHeader header, string name, string defaultName, string option)
    {
        int index = header.IndexOf(name);
        return index >= 0 || name == defaultName ? index : header.Required(name, "IngestOptions.Columns." + option + ", mapped explicitly");
    }

    private static ReadOnlySpan<char> Field(CsvRecordReader csv, int column) => column < 0 ? default : csv[column];

    // A property as text: strings unescaped (a lone surrogate throws InvalidOperationException), numbers raw; absent or
    // null is empty. Objects, arrays and booleans are not values of an event property.
    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => throw new InvalidOperationException($"expected a string or a number, found {value.ValueKind}."),
            }
            : null;
}
