using System.Globalization;

namespace JourneyKit.Events;

/// <summary>Checks candidate rows, feeds good ones to the builder and accounts for every row.</summary>
internal sealed class IngestContext
{
    private const int ProgressInterval = 1 << 16;

    private readonly EventLogBuilder _builder;
    private readonly IngestOptions _options;
    private readonly IProgress<IngestProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _refuseUnknown;
    private readonly long[] _byReason = new long[Enum.GetValues<RejectReason>().Length];
    private readonly List<RejectedRow> _details = [];
    private readonly HashSet<(int Customer, long Ticks, int Touchpoint)>? _seen;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _aliases;
    private readonly bool _hasAliases;
    private readonly (string Format, bool HasOffset)[]? _formats;
    private long _read;
    private long _accepted;
    private long _rejected;
    private long _aliased;

    public IngestContext(EventLogBuilder builder, IngestOptions? options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = builder;
        _options = options ?? new IngestOptions();
        _options.Validate();
        _progress = progress;
        _cancellationToken = cancellationToken;
        _refuseUnknown = builder.Map is not null && !builder.AllowsUnknownTouchpoints;
        _seen = _options.Deduplicate ? [] : null;
        var aliases = new Dictionary<string, string>(_options.CustomerAliases ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _hasAliases = aliases.Count > 0;
        _aliases = aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        _formats = _options.TimestampFormats?.Select(f => (f, f.Contains('z', StringComparison.Ordinal) || f.Contains('K', StringComparison.Ordinal))).ToArray();
    }

    public IngestOptions Options => _options;

    public EventColumns Columns => _options.Columns;

    /// <summary>Counts a row about to be checked; every 65,536 finished rows it checks cancellation and reports progress.</summary>
    public void RowRead()
    {
        if (_read > 0 && (_read & (ProgressInterval - 1)) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _progress?.Report(Progress);
        }

        _read++;
    }

    public IngestProgress Progress => new(_read, _accepted, _rejected);

    public void Reject(long line, string? column, RejectReason reason, string message)
    {
        var row = new RejectedRow(line, column, reason, message);
        if (_options.Policy == IngestPolicy.Strict)
        {
            throw new IngestException(row);
        }

        _byReason[(int)reason]++;
        _rejected++;
        if (_details.Count < _options.MaxErrorDetails)
        {
            _details.Add(row);
        }
    }

    public IngestReport Finish()
    {
        _progress?.Report(Progress);
        return new IngestReport(_read, _accepted, _byReason, _details, _aliased);
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

        if (_formats is not null)
        {
            foreach (var (format, hasOffset) in _formats)
            {
                if (hasOffset)
                {
                    if (DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
                    {
                        utcTicks = exact.UtcTicks;
                        return true;
                    }
                }
                else if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
                {
                    return TryFromNaive(line, text, naive, out utcTicks);
                }
            }

            Reject(line, column, RejectReason.BadTimestamp, $"'{Clip(text)}' matches none of the configured timestamp formats.");
            return false;
        }

        if (HasOffset(text))
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            {
                utcTicks = withOffset.UtcTicks;
                return true;
            }
        }
        else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
        {
            return TryFromNaive(line, text, naive, out utcTicks);
        }

        Reject(line, column, RejectReason.BadTimestamp, $"'{Clip(text)}' is not a timestamp (expected ISO 8601, e.g. 2026-03-01T14:05:00+01:00).");
        return false;
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

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            Reject(line, column, RejectReason.BadNumber, $"'{Clip(text)}' is not a number.");
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

        outcome = EventOutcome.None;
        Reject(line, Columns.Outcome, RejectReason.UnknownOutcome, $"'{Clip(text)}' is not an outcome; use none, conversion or churn.");
        return false;
    }

    /// <summary>Checks the identifying fields and ranges, then adds the event. Returns false when rejected.</summary>
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
        double feedback)
    {
        customerId = customerId.Trim();
        if (customerId.IsEmpty)
        {
            Reject(line, Columns.CustomerId, RejectReason.MissingCustomerId, "The customer id is empty.");
            return false;
        }

        touchpoint = touchpoint.Trim();
        if (touchpoint.IsEmpty)
        {
            Reject(line, Columns.Touchpoint, RejectReason.MissingTouchpoint, "The touchpoint is empty.");
            return false;
        }

        int tp = Resolve(_builder.Touchpoints, touchpoint);
        if (tp < 0)
        {
            Reject(line, Columns.Touchpoint, RejectReason.UnknownTouchpoint, $"Touchpoint '{Clip(touchpoint)}' is not in journey map '{_builder.Map!.Id}'.");
            return false;
        }

        int ch = -1;
        channel = channel.Trim();
        if (!channel.IsEmpty && (ch = Resolve(_builder.Channels, channel)) < 0)
        {
            Reject(line, Columns.Channel, RejectReason.UnknownChannel, $"Channel '{Clip(channel)}' is not in journey map '{_builder.Map!.Id}'.");
            return false;
        }

        int st = -1;
        stage = stage.Trim();
        if (!stage.IsEmpty && (st = Resolve(_builder.Stages, stage)) < 0)
        {
            Reject(line, Columns.Stage, RejectReason.UnknownStage, $"Stage '{Clip(stage)}' is not in journey map '{_builder.Map!.Id}'.");
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

        if (_hasAliases && _aliases.TryGetValue(customerId, out string? stitched))
        {
            customerId = stitched;
            _aliased++;
        }

        int customer = _builder.Customers.Intern(customerId);
        if (_seen is not null && !_seen.Add((customer, utcTicks, tp)))
        {
            Reject(line, null, RejectReason.Duplicate, $"Customer '{Clip(customerId)}' already has touchpoint '{Clip(touchpoint)}' at this instant.");
            return false;
        }

        sessionId = sessionId.Trim();
        int session = sessionId.IsEmpty ? -1 : _builder.Sessions.Intern(sessionId);
        _builder.Append(customer, utcTicks, tp, ch, st, outcome, value, session, feedback);
        _accepted++;
        return true;
    }

    private int Resolve(StringTable table, ReadOnlySpan<char> label) =>
        _refuseUnknown ? table.Find(label) : table.Intern(label);

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

    // An offset is present when the part after the date carries 'Z' or a sign (2026-03-01T10:00:00+01:00).
    private static bool HasOffset(ReadOnlySpan<char> text)
    {
        int timeStart = text.IndexOfAny('T', ' ');
        if (timeStart < 0)
        {
            return false;
        }

        var time = text[(timeStart + 1)..];
        return time.IndexOfAny("Zz+-") >= 0;
    }

    internal static string Clip(ReadOnlySpan<char> text) => text.Length <= 80 ? text.ToString() : string.Concat(text[..77], "…");
}
