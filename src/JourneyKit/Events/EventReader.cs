using System.Runtime.CompilerServices;
using System.Text.Json;
using nietras.SeparatedValues;

namespace JourneyKit.Events;

/// <summary>
/// Reads journey events from CSV, JSON Lines or an <see cref="IAsyncEnumerable{T}"/> stream into an
/// <see cref="EventLogBuilder"/>, accounting for every row: each is accepted or rejected with its line, column and
/// reason (<see cref="IngestReport"/>). Under <see cref="IngestPolicy.Strict"/> the first bad row throws instead.
/// </summary>
public static class EventReader
{
    /// <summary>Reads CSV text (a header row, then one event per row; RFC 4180 quoting) into a builder.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="builder">The builder that receives accepted events.</param>
    /// <param name="options">Column names, policies and parsing; default <see cref="IngestOptions"/>.</param>
    /// <param name="progress">Receives progress every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read (checked every 65,536 rows).</param>
    /// <returns>The accounting of the rows read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="InvalidDataException">The header lacks a required column (customer id, timestamp, touchpoint); the message lists the columns found.</exception>
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
        var context = new IngestContext(builder, options, progress, cancellationToken);
        var sepOptions = new SepReaderOptions(context.Options.Separator is { } c ? Sep.New(c) : null)
        {
            HasHeader = true,
            Unescape = true,
            DisableColCountCheck = true,
        };
        using SepReader csv = sepOptions.From(reader);
        var columns = context.Columns;
        int customerCol = RequiredColumn(csv, columns.CustomerId, nameof(EventColumns.CustomerId));
        int timestampCol = RequiredColumn(csv, columns.Timestamp, nameof(EventColumns.Timestamp));
        int touchpointCol = RequiredColumn(csv, columns.Touchpoint, nameof(EventColumns.Touchpoint));
        int channelCol = OptionalColumn(csv, columns.Channel);
        int stageCol = OptionalColumn(csv, columns.Stage);
        int outcomeCol = OptionalColumn(csv, columns.Outcome);
        int valueCol = OptionalColumn(csv, columns.Value);
        int sessionCol = OptionalColumn(csv, columns.SessionId);
        int feedbackCol = OptionalColumn(csv, columns.Feedback);
        int headerCount = csv.Header.ColNames.Count;

        foreach (SepReader.Row row in csv)
        {
            context.RowRead();
            long line = row.LineNumberFrom;
            if (row.ColCount != headerCount)
            {
                context.Reject(line, null, RejectReason.MalformedRow, $"The row has {row.ColCount} columns; the header has {headerCount}.");
                continue;
            }

            if (!context.TryParseTimestamp(line, row[timestampCol].Span, out long ticks) ||
                !TryOutcome(context, line, row, outcomeCol, out EventOutcome outcome) ||
                !TryNumber(context, line, row, valueCol, columns.Value, out double value) ||
                !TryNumber(context, line, row, feedbackCol, columns.Feedback, out double feedback))
            {
                continue;
            }

            context.TryAccept(
                line,
                row[customerCol].Span,
                ticks,
                row[touchpointCol].Span,
                channelCol < 0 ? default : row[channelCol].Span,
                stageCol < 0 ? default : row[stageCol].Span,
                outcome,
                value,
                sessionCol < 0 ? default : row[sessionCol].Span,
                feedback);
        }

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
    /// Reads JSON Lines (one JSON object per line; blank lines are skipped and not counted) into a builder. Property
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
        var context = new IngestContext(builder, options, progress, cancellationToken);
        var columns = context.Columns;
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
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
                context.Reject(line, null, RejectReason.MalformedRow, $"Invalid JSON: {ex.Message}");
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

                if (!context.TryParseTimestamp(line, Text(root, columns.Timestamp), out long ticks) ||
                    !context.TryParseOutcome(line, Text(root, columns.Outcome), out EventOutcome outcome) ||
                    !context.TryParseNumber(line, columns.Value, Text(root, columns.Value), out double value) ||
                    !context.TryParseNumber(line, columns.Feedback, Text(root, columns.Feedback), out double feedback))
                {
                    continue;
                }

                context.TryAccept(
                    line,
                    Text(root, columns.CustomerId),
                    ticks,
                    Text(root, columns.Touchpoint),
                    Text(root, columns.Channel),
                    Text(root, columns.Stage),
                    outcome,
                    value,
                    Text(root, columns.SessionId),
                    feedback);
            }
        }

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
        var context = new IngestContext(builder, options, progress, cancellationToken);
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
            e.Value ?? double.NaN, e.SessionId, e.Feedback ?? double.NaN);
    }

    private static int RequiredColumn(SepReader csv, string name, string option)
    {
        if (csv.Header.TryIndexOf(name, out int index))
        {
            return index;
        }

        throw new InvalidDataException(
            $"The CSV header has no column '{name}' (IngestOptions.Columns.{option}); it has: {string.Join(", ", csv.Header.ColNames.Select(n => $"'{n}'"))}.");
    }

    private static int OptionalColumn(SepReader csv, string name) => csv.Header.TryIndexOf(name, out int index) ? index : -1;

    private static bool TryOutcome(IngestContext context, long line, SepReader.Row row, int column, out EventOutcome outcome)
    {
        outcome = EventOutcome.None;
        return column < 0 || context.TryParseOutcome(line, row[column].Span, out outcome);
    }

    private static bool TryNumber(IngestContext context, long line, SepReader.Row row, int column, string name, out double value)
    {
        value = double.NaN;
        return column < 0 || context.TryParseNumber(line, name, row[column].Span, out value);
    }

    // A property as text: strings unescaped, numbers and literals raw; absent or null is empty.
    private static ReadOnlySpan<char> Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => default,
                _ => value.GetRawText(),
            }
            : default;
}
