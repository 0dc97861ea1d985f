using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>Checks candidate rows, feeds good ones to the builder and accounts for every row.</summary>
/// <remarks>Holds the builder for the whole ingest (a second reader or call on it at the same time throws); dispose it.</remarks>
internal sealed class IngestContext : IDisposable
{
    private const int ProgressInterval = 1 << 16;

    private readonly EventLogBuilder _builder;
    private readonly IngestOptions _options;
    private readonly IProgress<IngestProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _refuseUnknown;
    private readonly HashSet<(int Customer, long Ticks, int Touchpoint)>? _seen;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _aliases;
    private readonly bool _hasAliases;
    private readonly (string Format, bool LiteralUtc)[]? _formats;
    private readonly RowAccounting _rows;
    private long _aliased;
    private long _blankLines;
    private readonly CultureInfo _numbers;
    private readonly Dictionary<string, EventOutcome>.AlternateLookup<ReadOnlySpan<char>>? _outcomeValues;
    private readonly Dictionary<string, EventOutcome>.AlternateLookup<ReadOnlySpan<char>>? _outcomeByTouchpoint;
    private IReadOnlyList<string>? _unusedColumns;
    private EventLogBuilder.ReaderScope _scope;

    public IngestContext(EventLogBuilder builder, IngestOptions? options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = builder;
        _options = options ?? new IngestOptions();
        _options.Validate();
        _rows = new RowAccounting(_options.Policy, _options.MaxErrorDetails);
        _progress = progress;
        _cancellationToken = cancellationToken;
        _refuseUnknown = builder.Map is not null && !builder.AllowsUnknownTouchpoints;
        _seen = _options.Deduplicate ? [] : null;
        var aliases = new Dictionary<string, string>(_options.CustomerAliases ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _hasAliases = aliases.Count > 0;
        _aliases = aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        _formats = _options.TimestampFormats?.Select(f => (f, HasLiteralZ(f))).ToArray();
        _numbers = _options.NumberCulture ?? CultureInfo.InvariantCulture;
        if (_options.OutcomeValues is { Count: > 0 } values)
        {
            _outcomeValues = new Dictionary<string, EventOutcome>(values, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        if (_options.OutcomeByTouchpoint is { Count: > 0 } byTouchpoint)
        {
            _outcomeByTouchpoint = new Dictionary<string, EventOutcome>(byTouchpoint, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        _scope = builder.EnterReader();
    }

    public void Dispose()
    {
        _scope.Dispose();
        _scope = default;
    }

    public IngestOptions Options => _options;

    public EventColumns Columns => _options.Columns;

    /// <summary>Counts a row about to be checked; every 65,536 finished rows it checks cancellation and reports progress.</summary>
    public void RowRead()
    {
        if (_rows.Read > 0 && (_rows.Read & (ProgressInterval - 1)) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _progress?.Report(Progress);
        }

        _rows.Read++;
    }

    public IngestProgress Progress => new(_rows.Read, _rows.Accepted, _rows.Rejected);

    public void Reject(long line, string? column, RejectReason reason, string message) => _rows.Reject(line, column, reason, message);

    /// <summary>Records the header columns no mapping reads.</summary>
    public void UnusedColumns(IReadOnlyList<string> columns) => _unusedColumns = columns;

    /// <summary>Records the blank lines a reader skipped.</summary>
    public void BlankLines(long count) => _blankLines += count;

    public IngestReport Finish()
    {
        _progress?.Report(Progress);
        return _rows.Report(_aliased, _blankLines, _unusedColumns);
    }

    /// <summary>Parses a timestamp; on failure records the rejection and returns false.</summary>
    public bool TryParseTimestamp(long line, ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        string column = Columns.Timestamp;
        text = text.Trim();
        if (text.IsEmpty)
        {
            Reject(line, column, RejectReason.BadTimestamp, "The timestamp is empty.");
            return false;
        }

        // AdjustToUniversal converts a stated offset (+01:00, Z, GMT) with that offset and leaves text without one as
        // DateTimeKind.Unspecified; nothing here ever consults the host's time zone.
        const DateTimeStyles Styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (_formats is not null)
        {
            foreach (var (format, literalUtc) in _formats)
            {
                if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, Styles, out var exact))
                {
                    if (exact.Kind == DateTimeKind.Utc || literalUtc)
                    {
                        utcTicks = exact.Ticks;
                        return true;
                    }

                    return TryFromNaive(line, text, exact, out utcTicks);
                }
            }

            Reject(line, column, RejectReason.BadTimestamp, $"'{Clip(text)}' matches none of the configured timestamp formats.");
            return false;
        }

        // A numeric date with the year last (03/01/2026) is day/month-ambiguous: .NET's invariant culture would read it
        // month first. It is read only with IngestOptions.DateOrder, rewritten as an ISO date.
        Span<char> iso = stackalloc char[Math.Min(text.Length + 4, 256)];
        scoped ReadOnlySpan<char> input = text;
        switch (NumericDate(text, _options.DateOrder, iso, out int isoLength))
        {
            case NumericDateKind.Ambiguous:
                Reject(line, column, RejectReason.BadTimestamp,
                    $"'{Clip(text)}' is a day/month-ambiguous date; set IngestOptions.DateOrder (DayMonthYear or MonthDayYear) to say how to read it, or write ISO 8601 (2026-03-01T14:05:00+01:00).");
                return false;
            case NumericDateKind.TwoDigitYear:
                Reject(line, column, RejectReason.BadTimestamp, $"'{Clip(text)}' has a two-digit year; write the year in full (2026).");
                return false;
            case NumericDateKind.Invalid:
                Reject(line, column, RejectReason.BadTimestamp, $"'{Clip(text)}' is not a date in the order {_options.DateOrder} (IngestOptions.DateOrder).");
                return false;
            case NumericDateKind.Rewritten:
                input = iso[..isoLength];
                break;
        }

        if (DateTime.TryParse(input, CultureInfo.InvariantCulture, Styles | DateTimeStyles.NoCurrentDateDefault, out var parsed))
        {
            if (parsed.Date == DateTime.MinValue.Date)
            {
                // A time without a date: .NET would fill in today's date from the machine's clock.
                Reject(line, column, RejectReason.BadTimestamp, $"'{Clip(text)}' has no date.");
                return false;
            }

            if (parsed.Kind == DateTimeKind.Utc)
            {
                utcTicks = parsed.Ticks;
                return true;
            }

            return TryFromNaive(line, text, parsed, out utcTicks);
        }

        Reject(line, column, RejectReason.BadTimestamp, $"'{Clip(text)}' is not a timestamp (expected ISO 8601, e.g. 2026-03-01T14:05:00+01:00).");
        return false;
    }

    private enum NumericDateKind
    {
        NotNumeric,
        Ambiguous,
        TwoDigitYear,
        Invalid,
        Rewritten,
    }

    /// <summary>
    /// Recognises a date of numbers with the year last — d/m/y or m/d/y with <c>/</c>, <c>.</c> or <c>-</c> — at the
    /// start of <paramref name="text"/>; with an order, writes <c>yyyy-MM-dd</c> plus the rest into <paramref name="iso"/>.
    /// </summary>
    private static NumericDateKind NumericDate(ReadOnlySpan<char> text, DateOrder? order, Span<char> iso, out int length)
    {
        length = 0;
        int i = 0;
        int first = Digits(text, ref i, out int a);
        if (first is < 1 or > 2 || i >= text.Length || text[i] is not ('/' or '.' or '-'))
        {
            return NumericDateKind.NotNumeric;
        }

        char separator = text[i++];
        int second = Digits(text, ref i, out int b);
        if (second is < 1 or > 2 || i >= text.Length || text[i] != separator)
        {
            return NumericDateKind.NotNumeric;
        }

        i++;
        int third = Digits(text, ref i, out int year);
        if (third == 0 || (i < text.Length && text[i] is not (' ' or 'T' or 't')))
        {
            return NumericDateKind.NotNumeric;
        }

        if (third <= 2)
        {
            return NumericDateKind.TwoDigitYear;
        }

        if (order is not { } o)
        {
            return NumericDateKind.Ambiguous;
        }

        (int day, int month) = o == DateOrder.DayMonthYear ? (a, b) : (b, a);
        if (third != 4 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || year < 1 || 10 + (text.Length - i) > iso.Length)
        {
            return NumericDateKind.Invalid;
        }

        year.TryFormat(iso, out _, "D4", CultureInfo.InvariantCulture);
        iso[4] = '-';
        month.TryFormat(iso[5..], out _, "D2", CultureInfo.InvariantCulture);
        iso[7] = '-';
        day.TryFormat(iso[8..], out _, "D2", CultureInfo.InvariantCulture);
        text[i..].CopyTo(iso[10..]);
        length = 10 + (text.Length - i);
        return NumericDateKind.Rewritten;

        static int Digits(ReadOnlySpan<char> s, ref int at, out int value)
        {
            int start = at;
            value = 0;
            while (at < s.Length && char.IsAsciiDigit(s[at]) && at - start < 9)
            {
                value = (value * 10) + (s[at++] - '0');
            }

            return at - start;
        }
    }

    /// <summary>Parses an optional number: empty is "none" (NaN).</summary>
    public bool TryParseNumber(long line, string column, ReadOnlySpan<char> text, out double value)
    {
        value = double.NaN;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return true;
        }

        var styles = ReferenceEquals(_numbers, CultureInfo.InvariantCulture) ? NumberStyles.Float : NumberStyles.Float | NumberStyles.AllowThousands;
        if (!double.TryParse(text, styles, _numbers, out value))
        {
            Reject(line, column, RejectReason.BadNumber, ReferenceEquals(_numbers, CultureInfo.InvariantCulture) && text.Contains(',')
                ? $"'{Clip(text)}' is not a number in the invariant culture (a decimal point, no group separators); set IngestOptions.NumberCulture for a decimal comma."
                : $"'{Clip(text)}' is not a number ({(_numbers.Name.Length == 0 ? "invariant culture" : _numbers.Name)}).");
            return false;
        }

        if (!double.IsFinite(value))
        {
            Reject(line, column, RejectReason.NonFiniteValue, $"'{Clip(text)}' is not a finite number.");
            return false;
        }

        return true;
    }

    public bool TryParseOutcome(long line, ReadOnlySpan<char> text, out EventOutcome outcome)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            outcome = EventOutcome.None;
            return true;
        }

        if (text.Equals("conversion", StringComparison.OrdinalIgnoreCase))
        {
            outcome = EventOutcome.Conversion;
            return true;
        }

        if (text.Equals("churn", StringComparison.OrdinalIgnoreCase))
        {
            outcome = EventOutcome.Churn;
            return true;
        }

        if (_outcomeValues is not null && _outcomeValues.Value.TryGetValue(text, out outcome))
        {
            return true;
        }

        outcome = EventOutcome.None;
        Reject(line, Columns.Outcome, RejectReason.UnknownOutcome, $"'{Clip(text)}' is not an outcome; use none, conversion or churn (or map more words with IngestOptions.OutcomeValues).");
        return false;
    }

    // Text must be valid UTF-16 (no lone surrogate) before it is registered anywhere.
    private bool IsValidText(long line, string column, ReadOnlySpan<char> value, string what)
    {
        if (Guard.IsValidUnicode(value))
        {
            return true;
        }

        Reject(line, column, RejectReason.InvalidText, $"{what} '{Clip(value)}' is not valid Unicode (a lone surrogate).");
        return false;
    }

    /// <summary>
    /// Checks the identifying fields and ranges, then adds the event. Returns false when rejected. Nothing is registered
    /// before every check has passed, so a rejected row leaves no customer, touchpoint, channel or stage behind.
    /// </summary>
    public bool TryAccept(
        long line,
        ReadOnlySpan<char> customerId,
        long utcTicks,
        ReadOnlySpan<char> touchpoint,
        ReadOnlySpan<char> channel,
        ReadOnlySpan<char> stage,
        EventOutcome outcome,
        double value,
        ReadOnlySpan<char> sessionId,
        double feedback,
        ReadOnlySpan<char> actor = default)
    {
        customerId = customerId.Trim();
        if (customerId.IsEmpty)
        {
            Reject(line, Columns.CustomerId, RejectReason.MissingCustomerId, "The customer id is empty.");
            return false;
        }

        if (!IsValidText(line, Columns.CustomerId, customerId, "The customer id"))
        {
            return false;
        }

        touchpoint = touchpoint.Trim();
        if (touchpoint.IsEmpty)
        {
            Reject(line, Columns.Touchpoint, RejectReason.MissingTouchpoint, "The touchpoint is empty.");
            return false;
        }

        if (!Check(line, _builder.Touchpoints, touchpoint, Columns.Touchpoint, RejectReason.UnknownTouchpoint, "Touchpoint", out int tp))
        {
            return false;
        }

        int ch = -1;
        channel = channel.Trim();
        if (!channel.IsEmpty && !Check(line, _builder.Channels, channel, Columns.Channel, RejectReason.UnknownChannel, "Channel", out ch))
        {
            return false;
        }

        int st = -1;
        stage = stage.Trim();
        if (!stage.IsEmpty && !Check(line, _builder.Stages, stage, Columns.Stage, RejectReason.UnknownStage, "Stage", out st))
        {
            return false;
        }

        if (!double.IsNaN(feedback) && (feedback < _options.FeedbackMinimum || feedback > _options.FeedbackMaximum))
        {
            Reject(
                line,
                Columns.Feedback,
                RejectReason.FeedbackOutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"Feedback {feedback} lies outside [{_options.FeedbackMinimum}, {_options.FeedbackMaximum}]."));
            return false;
        }

        sessionId = sessionId.Trim();
        actor = actor.Trim();
        if (!IsValidText(line, Columns.SessionId, sessionId, "The session id") || !IsValidText(line, Columns.Actor, actor, "The actor"))
        {
            return false;
        }

        bool aliased = false;
        if (outcome == EventOutcome.None && _outcomeByTouchpoint is { } byTouchpoint && byTouchpoint.TryGetValue(touchpoint, out var mapped))
        {
            outcome = mapped;
        }

        if (_hasAliases && _aliases.TryGetValue(customerId, out string? stitched))
        {
            // The raw id stays on the event as its actor, unless the row names one itself.
            actor = actor.IsEmpty ? customerId : actor;
            customerId = stitched;
            aliased = true;
        }

        if (_seen is not null)
        {
            // A duplicate repeats an accepted row, so its customer and touchpoint are registered already.
            int known = _builder.Customers.Find(customerId);
            if (known >= 0 && tp >= 0 && _seen.Contains((known, utcTicks, tp)))
            {
                Reject(line, null, RejectReason.Duplicate, $"Customer '{Clip(customerId)}' already has touchpoint '{Clip(touchpoint)}' at this instant.");
                return false;
            }
        }

        if (aliased)
        {
            _aliased++;
        }

        int customer = _builder.Customers.Intern(customerId);
        tp = tp >= 0 ? tp : _builder.Touchpoints.Intern(touchpoint);
        ch = ch >= 0 || channel.IsEmpty ? ch : _builder.Channels.Intern(channel);
        st = st >= 0 || stage.IsEmpty ? st : _builder.Stages.Intern(stage);
        _seen?.Add((customer, utcTicks, tp));
        int session = sessionId.IsEmpty ? -1 : _builder.Sessions.Intern(sessionId);
        int actorId = actor.IsEmpty ? -1 : _builder.Actors.Intern(actor);
        _builder.Append(customer, utcTicks, tp, ch, st, outcome, value, session, feedback, actorId);
        _rows.Accepted++;
        return true;
    }

    // The label's id, or -1 when it is new and may be registered; false (rejected) when it may not. Registers nothing.
    private bool Check(long line, StringTable table, ReadOnlySpan<char> label, string column, RejectReason unknown, string kind, out int id)
    {
        id = table.Find(label);
        if (id >= 0)
        {
            return true;
        }

        if (_refuseUnknown)
        {
            Reject(line, column, unknown, $"{kind} '{Clip(label)}' is not in journey map '{_builder.Map!.Id}'.");
            return false;
        }

        if (Guard.ReservedLabel(label) is { } reserved)
        {
            Reject(line, column, RejectReason.ReservedLabel, $"{kind} '{Clip(label)}' {reserved}");
            return false;
        }

        if (!Guard.IsValidUnicode(label))
        {
            Reject(line, column, RejectReason.InvalidText, $"{kind} '{Clip(label)}' is not valid Unicode (a lone surrogate).");
            return false;
        }

        return true;
    }

    private bool TryFromNaive(long line, ReadOnlySpan<char> text, DateTime naive, out long utcTicks)
    {
        utcTicks = 0;
        if (_options.NaiveTimestampZone is not { } zone)
        {
            Reject(line, Columns.Timestamp, RejectReason.NaiveTimestamp,
                $"'{Clip(text)}' has no UTC offset; set IngestOptions.NaiveTimestampZone to say which time zone such timestamps are in.");
            return false;
        }

        if (zone.IsInvalidTime(naive))
        {
            Reject(line, Columns.Timestamp, RejectReason.BadTimestamp, $"'{Clip(text)}' does not exist in time zone '{zone.Id}' (a daylight-saving gap).");
            return false;
        }

        utcTicks = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(naive, DateTimeKind.Unspecified), zone).Ticks;
        return true;
    }

    // A format whose literal text carries the UTC designator ('Z', "Z" or \Z, as in yyyy-MM-dd'T'HH:mm:ss'Z') describes UTC
    // timestamps even though no offset specifier (z, K) parses it.
    private static bool HasLiteralZ(string format) =>
        format.Contains("'Z'", StringComparison.Ordinal) || format.Contains("\"Z\"", StringComparison.Ordinal) || format.Contains("\\Z", StringComparison.Ordinal);

    internal static string Clip(ReadOnlySpan<char> text) => Guard.Clip(text);
}
