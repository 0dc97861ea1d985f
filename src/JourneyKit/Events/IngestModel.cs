using System.Collections.ObjectModel;
using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>What a reader does with a bad row.</summary>
public enum IngestPolicy
{
    /// <summary>Skip the row, count it and keep its details (up to <see cref="IngestOptions.MaxErrorDetails"/>).</summary>
    Collect = 0,

    /// <summary>Throw an <see cref="IngestException"/> at the first bad row.</summary>
    Strict,
}

/// <summary>Why a row was rejected.</summary>
public enum RejectReason
{
    /// <summary>The row could not be read at all: wrong number of columns, invalid JSON, not an object.</summary>
    MalformedRow = 0,

    /// <summary>The customer id is missing or blank.</summary>
    MissingCustomerId,

    /// <summary>The touchpoint is missing or blank.</summary>
    MissingTouchpoint,

    /// <summary>The timestamp is missing, cannot be parsed, or does not exist in the configured time zone.</summary>
    BadTimestamp,

    /// <summary>The timestamp has no UTC offset and no time zone for such timestamps is configured.</summary>
    NaiveTimestamp,

    /// <summary>The touchpoint is not in the builder's map (and the builder refuses unknown touchpoints).</summary>
    UnknownTouchpoint,

    /// <summary>The channel is not in the builder's map (and the builder refuses unknown labels).</summary>
    UnknownChannel,

    /// <summary>The stage is not in the builder's map (and the builder refuses unknown labels).</summary>
    UnknownStage,

    /// <summary>The outcome is not one of <c>none</c>, <c>conversion</c>, <c>churn</c>.</summary>
    UnknownOutcome,

    /// <summary>A number (value or feedback) cannot be parsed.</summary>
    BadNumber,

    /// <summary>A number is NaN or infinite.</summary>
    NonFiniteValue,

    /// <summary>The feedback score lies outside the configured range.</summary>
    FeedbackOutOfRange,

    /// <summary>The same (customer, timestamp, touchpoint) was already read and de-duplication is on.</summary>
    Duplicate,

    /// <summary>A count or value that must not be negative is negative.</summary>
    NegativeValue,

    /// <summary>A path has no channel (after trimming and dropping empty tokens).</summary>
    EmptyPath,

    /// <summary>
    /// A touchpoint, channel or stage uses a label JourneyKit reserves for its own: a name in parentheses such as
    /// <c>(unknown)</c> or <c>(start)</c>, or one containing <c> &gt; </c>.
    /// </summary>
    ReservedLabel,

    /// <summary>An id or label is not valid Unicode (a lone surrogate), so it could not be stored and written back exactly.</summary>
    InvalidText,
}

/// <summary>The names of the input columns (CSV header names or JSON Lines property names).</summary>
/// <remarks>Optional columns are read when present and ignored when absent; names are matched exactly (ordinal).</remarks>
public sealed record EventColumns
{
    /// <summary>Gets the customer id column (required). Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>Gets the timestamp column (required). Default <c>timestamp</c>.</summary>
    public string Timestamp { get; init; } = "timestamp";

    /// <summary>Gets the touchpoint column (required). Default <c>touchpoint</c>.</summary>
    public string Touchpoint { get; init; } = "touchpoint";

    /// <summary>Gets the channel column (optional override). Default <c>channel</c>.</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Gets the stage column (optional override). Default <c>stage</c>.</summary>
    public string Stage { get; init; } = "stage";

    /// <summary>Gets the outcome column (optional: <c>none</c>, <c>conversion</c> or <c>churn</c>, any case). Default <c>outcome</c>.</summary>
    public string Outcome { get; init; } = "outcome";

    /// <summary>Gets the value column (optional number). Default <c>value</c>.</summary>
    public string Value { get; init; } = "value";

    /// <summary>Gets the session id column (optional). Default <c>session_id</c>.</summary>
    public string SessionId { get; init; } = "session_id";

    /// <summary>Gets the feedback score column (optional number). Default <c>feedback</c>.</summary>
    public string Feedback { get; init; } = "feedback";
}

/// <summary>How readers parse and check input.</summary>
public sealed record IngestOptions
{
    /// <summary>Gets the column names.</summary>
    public EventColumns Columns { get; init; } = new();

    /// <summary>Gets what happens to bad rows. Default <see cref="IngestPolicy.Collect"/>.</summary>
    public IngestPolicy Policy { get; init; } = IngestPolicy.Collect;

    /// <summary>Gets how many rejected rows keep their details under <see cref="IngestPolicy.Collect"/>; all are counted regardless. Default 1,000. Range: ≥ 0.</summary>
    public int MaxErrorDetails { get; init; } = 1000;

    /// <summary>
    /// Gets exact timestamp formats (.NET custom format strings, tried in order). A timestamp is UTC-anchored when its text
    /// states an offset (through <c>z</c> or <c>K</c>) or the format has a literal <c>'Z'</c>; otherwise it is naive and
    /// read in <see cref="NaiveTimestampZone"/>. <see langword="null"/> (the default) reads ISO 8601 and similar invariant
    /// forms (<c>2026-03-01T10:00:00+01:00</c>, <c>…Z</c>, RFC 1123 <c>Sun, 01 Mar 2026 10:00:00 GMT</c>). No parse ever
    /// consults the host's time zone.
    /// </summary>
    public IReadOnlyList<string>? TimestampFormats { get; init; }

    /// <summary>
    /// Gets the time zone of timestamps without a UTC offset. <see langword="null"/> (the default) rejects such
    /// timestamps: guessing a zone silently shifts every duration across daylight-saving changes. Local times that do
    /// not exist in the zone (spring-forward gaps) are rejected; ambiguous ones (fall-back) are read as standard time.
    /// </summary>
    public TimeZoneInfo? NaiveTimestampZone { get; init; }

    /// <summary>Gets whether a repeated (customer, timestamp, touchpoint) is rejected as a duplicate. Default <see langword="false"/>.</summary>
    public bool Deduplicate { get; init; }

    /// <summary>Gets the lowest accepted feedback score. Default 0 (NPS scale).</summary>
    public double FeedbackMinimum { get; init; }

    /// <summary>Gets the highest accepted feedback score. Default 10 (NPS scale).</summary>
    public double FeedbackMaximum { get; init; } = 10;

    /// <summary>Gets an identity-stitching table, applied at ingest: events of an alias (such as an anonymous cookie id) are filed under the mapped customer id.</summary>
    public IReadOnlyDictionary<string, string>? CustomerAliases { get; init; }

    /// <summary>
    /// Gets outcomes by touchpoint (or action) value, such as <c>purchase</c> → <see cref="EventOutcome.Conversion"/> and
    /// <c>cancel_subscription</c> → <see cref="EventOutcome.Churn"/>: an event whose outcome column is absent or empty takes
    /// the outcome of its touchpoint. Matched exactly (ordinal) after trimming. <see langword="null"/> (the default): none.
    /// </summary>
    public IReadOnlyDictionary<string, EventOutcome>? OutcomeByTouchpoint { get; init; }

    /// <summary>
    /// Gets extra words of the outcome column and what they mean, such as <c>bought</c> → conversion or <c>lost</c> → churn,
    /// besides the built-in <c>none</c>, <c>conversion</c> and <c>churn</c>. Matched ignoring case. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, EventOutcome>? OutcomeValues { get; init; }

    /// <summary>
    /// Gets the culture of numbers (value and feedback), for example <c>CultureInfo.GetCultureInfo("de-DE")</c> for a
    /// decimal comma (<c>12,50</c>; in CSV such fields must be quoted or the separator must be <c>;</c>).
    /// <see langword="null"/> (the default) is the invariant culture: a decimal point and no group separators.
    /// </summary>
    public CultureInfo? NumberCulture { get; init; }

    /// <summary>Gets the CSV separator; <see langword="null"/> (the default) detects it from the header (the most frequent of <c>,</c> <c>;</c> tab <c>|</c>).</summary>
    public char? Separator { get; init; }

    /// <summary>
    /// Gets how many physical lines one CSV record may span (through quoted fields with line breaks). A quoted field not
    /// closed within this many lines rejects the line where it opened, and reading resumes on the next line. Default 64.
    /// Range: ≥ 1 (1 allows no line breaks inside fields).
    /// </summary>
    public int MaxLinesPerRecord { get; init; } = 64;

    /// <summary>
    /// Gets the longest CSV record, in characters; a longer one is rejected with its line. Default 1,048,576.
    /// Range: ≥ 1.
    /// </summary>
    public int MaxRecordLength { get; init; } = 1 << 20;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">A column name or alias is blank, or a format is empty.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Columns, nameof(Columns));
        foreach (var (name, value) in new[]
                 {
                     (nameof(EventColumns.CustomerId), Columns.CustomerId), (nameof(EventColumns.Timestamp), Columns.Timestamp),
                     (nameof(EventColumns.Touchpoint), Columns.Touchpoint), (nameof(EventColumns.Channel), Columns.Channel),
                     (nameof(EventColumns.Stage), Columns.Stage), (nameof(EventColumns.Outcome), Columns.Outcome),
                     (nameof(EventColumns.Value), Columns.Value), (nameof(EventColumns.SessionId), Columns.SessionId),
                     (nameof(EventColumns.Feedback), Columns.Feedback),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"Column name Columns.{name} must not be empty.", nameof(Columns));
            }
        }

        if (!Enum.IsDefined(Policy))
        {
            throw new ArgumentOutOfRangeException(nameof(Policy), Policy, "Policy is not a defined ingest policy.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxErrorDetails, nameof(MaxErrorDetails));
        if (!double.IsFinite(FeedbackMinimum) || !double.IsFinite(FeedbackMaximum) || FeedbackMaximum < FeedbackMinimum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(FeedbackMaximum),
                string.Create(CultureInfo.InvariantCulture, $"The feedback range [{FeedbackMinimum}, {FeedbackMaximum}] must be finite and not empty."));
        }

        if (TimestampFormats is not null && TimestampFormats.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("TimestampFormats must not contain empty formats.", nameof(TimestampFormats));
        }

        if (CustomerAliases is not null && CustomerAliases.Any(kv => string.IsNullOrWhiteSpace(kv.Key) || string.IsNullOrWhiteSpace(kv.Value)))
        {
            throw new ArgumentException("CustomerAliases must map non-blank ids to non-blank ids.", nameof(CustomerAliases));
        }

        foreach (var (name, map) in new[] { (nameof(OutcomeByTouchpoint), OutcomeByTouchpoint), (nameof(OutcomeValues), OutcomeValues) })
        {
            if (map is not null && map.Any(kv => string.IsNullOrWhiteSpace(kv.Key) || !Enum.IsDefined(kv.Value)))
            {
                throw new ArgumentException($"{name} must map non-blank values to defined outcomes.", name);
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLinesPerRecord, 1, nameof(MaxLinesPerRecord));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordLength, 1, nameof(MaxRecordLength));
        if (Separator is '"' or '\r' or '\n')
        {
            throw new ArgumentOutOfRangeException(nameof(Separator), Separator, "The separator cannot be a quote or a line break.");
        }
    }
}

/// <summary>One rejected input row.</summary>
/// <param name="LineNumber">The 1-based line in the input (for CSV the header is line 1; for streams the 1-based item index).</param>
/// <param name="Column">The column at fault, or <see langword="null"/> when the row as a whole is bad.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Message">A readable explanation naming the value.</param>
public sealed record RejectedRow(long LineNumber, string? Column, RejectReason Reason, string Message)
{
    /// <summary>Formats the rejection as <c>line N, column: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Column is null ? $"line {LineNumber}: {Message}" : $"line {LineNumber}, {Column}: {Message}";
}

/// <summary>Progress of a long ingest, reported every 65,536 rows and at the end.</summary>
/// <param name="RowsRead">Rows read so far.</param>
/// <param name="RowsAccepted">Rows accepted so far.</param>
/// <param name="RowsRejected">Rows rejected so far.</param>
public readonly record struct IngestProgress(long RowsRead, long RowsAccepted, long RowsRejected)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Count(RowsRead)} rows read, {Show.Count(RowsAccepted)} accepted, {Show.Count(RowsRejected)} rejected";
}

/// <summary>The accounting of one ingest: every row read is either accepted or rejected with a reason.</summary>
public sealed class IngestReport
{
    internal IngestReport(long read, long accepted, long[] byReason, List<RejectedRow> details, long aliased, long blankLines = 0, IReadOnlyList<string>? unusedColumns = null)
    {
        BlankLines = blankLines;
        UnusedColumns = unusedColumns ?? [];
        RowsRead = read;
        RowsAccepted = accepted;
        RowsRejected = byReason.Sum();
        AliasedRows = aliased;
        Rejections = details.AsReadOnly();
        var counts = new SortedDictionary<RejectReason, long>();
        for (int r = 0; r < byReason.Length; r++)
        {
            if (byReason[r] > 0)
            {
                counts[(RejectReason)r] = byReason[r];
            }
        }

        RejectionCounts = new ReadOnlyDictionary<RejectReason, long>(counts);
    }

    /// <summary>
    /// Gets the CSV header columns that no mapping in <see cref="IngestOptions.Columns"/> reads, in header order: data
    /// that this ingest leaves behind (a typo in a mapping shows up here).
    /// </summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>Gets the number of blank lines (empty or white space only) that were skipped; they are not rows.</summary>
    public long BlankLines { get; }

    /// <summary>
    /// Gets the number of data rows read: CSV records (a quoted field with line breaks makes one record of several lines)
    /// or JSON lines; the CSV header and blank lines are not rows.
    /// </summary>
    public long RowsRead { get; }

    /// <summary>Gets the number of rows added to the builder.</summary>
    public long RowsAccepted { get; }

    /// <summary>Gets the number of rows rejected; always <see cref="RowsRead"/> − <see cref="RowsAccepted"/>.</summary>
    public long RowsRejected { get; }

    /// <summary>Gets the number of accepted rows whose customer id was replaced through <see cref="IngestOptions.CustomerAliases"/>.</summary>
    public long AliasedRows { get; }

    /// <summary>Gets the details of rejected rows, in input order, up to <see cref="IngestOptions.MaxErrorDetails"/>.</summary>
    public IReadOnlyList<RejectedRow> Rejections { get; }

    /// <summary>Gets a value indicating whether more rows were rejected than details were kept.</summary>
    public bool DetailsTruncated => RowsRejected > Rejections.Count;

    /// <summary>Gets the number of rejected rows per reason (reasons with none are absent).</summary>
    public IReadOnlyDictionary<RejectReason, long> RejectionCounts { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RowsRead:N0} rows read, {RowsAccepted:N0} accepted, {RowsRejected:N0} rejected") +
        (BlankLines == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {BlankLines:N0} blank lines skipped")) +
        (UnusedColumns.Count == 0 ? "" : $"; columns not read: {string.Join(", ", UnusedColumns.Take(10))}{(UnusedColumns.Count > 10 ? ", …" : "")}") +
        (RejectionCounts.Count == 0 ? "" : " (" + string.Join(", ", RejectionCounts.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value:N0}"))) + ")");
}

/// <summary>Thrown under <see cref="IngestPolicy.Strict"/> at the first bad row.</summary>
public sealed class IngestException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public IngestException()
        : this("An input row was rejected.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IngestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IngestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a rejected row.</summary>
    /// <param name="row">The rejected row.</param>
    public IngestException(RejectedRow row)
        : base($"Rejected input {row?.ToString() ?? "row"}")
    {
        Row = row;
    }

    /// <summary>Gets the rejected row, when the exception concerns one.</summary>
    public RejectedRow? Row { get; }
}
