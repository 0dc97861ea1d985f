using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Events;

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

    /// <summary>
    /// Gets how to read dates written as numbers with separators and the year last (<c>03/01/2026 14:05 +01:00</c>,
    /// <c>01.03.2026</c>): such a date is day/month-ambiguous, so without this order it is rejected (naming this option)
    /// instead of being read month first. ISO 8601 dates (<c>2026-03-01</c>) never need it. Two-digit years are always
    /// rejected (the century is a guess).
    /// </summary>
    /// <value>Default: <see langword="null"/> (numeric day/month dates are rejected).</value>
    public DateOrder? DateOrder { get; init; }

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

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(nameof(IngestOptions)).NotNull(Columns, nameof(Columns));
        if (Columns is not null)
        {
            foreach (var (name, value) in new[]
                     {
                         (nameof(EventColumns.CustomerId), Columns.CustomerId), (nameof(EventColumns.Timestamp), Columns.Timestamp),
                         (nameof(EventColumns.Touchpoint), Columns.Touchpoint), (nameof(EventColumns.Channel), Columns.Channel),
                         (nameof(EventColumns.Stage), Columns.Stage), (nameof(EventColumns.Outcome), Columns.Outcome),
                         (nameof(EventColumns.Value), Columns.Value), (nameof(EventColumns.SessionId), Columns.SessionId),
                         (nameof(EventColumns.Feedback), Columns.Feedback), (nameof(EventColumns.Actor), Columns.Actor),
                     })
            {
                check.NotBlank(value, $"{nameof(Columns)}.{name}");
            }
        }

        check.Defined(Policy, nameof(Policy))
            .AtLeast(MaxErrorDetails, 0, nameof(MaxErrorDetails))
            .Require(DateOrder is not { } order || Enum.IsDefined(order), nameof(DateOrder), $"{DateOrder} is not a defined DateOrder.", "Defined")
            .Require(double.IsFinite(FeedbackMinimum) && double.IsFinite(FeedbackMaximum) && FeedbackMaximum >= FeedbackMinimum, nameof(FeedbackMaximum),
                string.Create(CultureInfo.InvariantCulture, $"the feedback range [{FeedbackMinimum}, {FeedbackMaximum}] must be finite and not empty."))
            .Require(TimestampFormats is null || !TimestampFormats.Any(string.IsNullOrEmpty), nameof(TimestampFormats), "must not contain empty formats.", "Required")
            .Require(CustomerAliases is null || !CustomerAliases.Any(kv => string.IsNullOrWhiteSpace(kv.Key) || string.IsNullOrWhiteSpace(kv.Value)),
                nameof(CustomerAliases), "must map non-blank ids to non-blank ids.", "Required");
        foreach (var (name, map) in new[] { (nameof(OutcomeByTouchpoint), OutcomeByTouchpoint), (nameof(OutcomeValues), OutcomeValues) })
        {
            check.Require(map is null || !map.Any(kv => string.IsNullOrWhiteSpace(kv.Key) || !Enum.IsDefined(kv.Value)), name, "must map non-blank values to defined outcomes.", "Required");
        }

        check.AtLeast(MaxLinesPerRecord, 1, nameof(MaxLinesPerRecord))
            .AtLeast(MaxRecordLength, 1, nameof(MaxRecordLength))
            .Require(Separator is not ('"' or '\r' or '\n'), nameof(Separator), "cannot be a quote or a line break.")
            .ThrowIfAny();
    }
}
