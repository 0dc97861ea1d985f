using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Attribution;

/// <summary>
/// Aggregated paths in columnar form: channel ids interned once, all paths in one array. What the attribution models
/// work on; about 1.5× the size of the CSV text it comes from. Immutable.
/// </summary>
public sealed class PathDataSet
{
    internal PathDataSet(string[] channels, int[] offsets, int[] steps, double[] conversions, double[] values, double[] nulls, double[]? ageDays)
    {
        ChannelNames = channels;
        Offsets = offsets;
        Steps = steps;
        ConversionsColumn = conversions;
        ValuesColumn = values;
        NullsColumn = nulls;
        AgeDays = ageDays;
    }

    /// <summary>Gets the channel names, indexed by channel id.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Gets the number of path rows.</summary>
    public int Count => ConversionsColumn.Length;

    /// <summary>Gets the total conversions.</summary>
    public double TotalConversions => ConversionsColumn.Sum();

    /// <summary>Gets the total conversion value.</summary>
    public double TotalValue => ValuesColumn.Sum();

    /// <summary>Gets the total non-conversions.</summary>
    public double TotalNulls => NullsColumn.Sum();

    internal int[] Offsets { get; }

    internal int[] Steps { get; }

    internal double[] ConversionsColumn { get; }

    internal double[] ValuesColumn { get; }

    internal double[] NullsColumn { get; }

    internal double[]? AgeDays { get; }

    /// <summary>The rows at <paramref name="rows"/> (repeats allowed: a bootstrap resample), sharing the channel ids.</summary>
    internal PathDataSet Rows(int[] rows)
    {
        int touches = 0;
        foreach (int r in rows)
        {
            touches += Offsets[r + 1] - Offsets[r];
        }

        var offsets = new int[rows.Length + 1];
        var steps = new int[touches];
        var ages = AgeDays is null ? null : new double[touches];
        var conversions = new double[rows.Length];
        var values = new double[rows.Length];
        var nulls = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i], from = Offsets[r], length = Offsets[r + 1] - from;
            Array.Copy(Steps, from, steps, offsets[i], length);
            if (ages is not null)
            {
                Array.Copy(AgeDays!, from, ages, offsets[i], length);
            }

            offsets[i + 1] = offsets[i] + length;
            conversions[i] = ConversionsColumn[r];
            values[i] = ValuesColumn[r];
            nulls[i] = NullsColumn[r];
        }

        return new PathDataSet([.. ChannelNames], offsets, steps, conversions, values, nulls, ages);
    }

    /// <summary>Packs path records.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The data set; with touch ages only when every record has them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or a record is null.</exception>
    public static PathDataSet FromRecords(IEnumerable<PathRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new Builder();
        bool allAges = true;
        var ages = new List<double>();
        foreach (PathRecord record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            foreach (string channel in record.Channels)
            {
                builder.AddStep(channel);
            }

            builder.EndRow(record.Conversions, record.ConversionValue, record.Nulls);
            if (record.TouchAges is { } a)
            {
                ages.AddRange(a.Select(t => t.TotalDays));
            }
            else
            {
                allAges = false;
            }
        }

        return builder.Build(allAges && ages.Count > 0 ? [.. ages] : null);
    }

    /// <summary>
    /// Builds the data set of an event log — the one way from a log to attribution paths: per customer, the steps up to
    /// and including each conversion within <paramref name="lookback"/> before it, and what follows the last conversion
    /// (or a whole journey without one) as a path with one null. Every row carries its touch ages, so every model (time
    /// decay included) can run on it.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="level">The step level: <see cref="PathLevel.Channel"/> for channel attribution, or touchpoint or stage.</param>
    /// <param name="lookback">Only touches this long before the conversion count; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the build (checked between journeys).</param>
    /// <returns>The data set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookback"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static PathDataSet FromEventLog(EventLog log, PathLevel level, TimeSpan? lookback = null, CancellationToken cancellationToken = default) =>
        FromRecords(PathRecord.Build(log, level, lookback, cancellationToken));

    /// <summary>Gets the rows as records (allocates; for inspection).</summary>
    /// <returns>The records.</returns>
    public IEnumerable<PathRecord> Records()
    {
        for (int r = 0; r < Count; r++)
        {
            var channels = Steps[Offsets[r]..Offsets[r + 1]].Select(c => ChannelNames[c]);
            var ages = AgeDays?[Offsets[r]..Offsets[r + 1]].Select(TimeSpan.FromDays);
            yield return new PathRecord(channels, ConversionsColumn[r], ValuesColumn[r], NullsColumn[r], ages);
        }
    }

    /// <summary>
    /// Reads aggregated paths from CSV: a path column (channels separated by <c>&gt;</c>), conversions, conversion value and
    /// nulls. Every row is accounted for in the report: empty paths, reserved channel names (in parentheses), negative, NaN or
    /// unparsable numbers are rejected with line, column and reason (or throw under <see cref="IngestPolicy.Strict"/>).
    /// Quoting and line counting are those of <see cref="EventReader.ReadCsv"/> (strict RFC 4180; a stray quote rejects
    /// one line, never the rows after it).
    /// </summary>
    /// <param name="reader">The CSV text with a header row.</param>
    /// <param name="columns">The column names; default <c>path,total_conversions,total_conversion_value,total_null</c>.</param>
    /// <param name="options">The reading policy as for events: <see cref="IngestOptions.Policy"/> (collect bad rows, the default, or throw at the first), <see cref="IngestOptions.MaxErrorDetails"/>, <see cref="IngestOptions.Separator"/> and the record limits; its event columns do not apply.</param>
    /// <param name="cancellationToken">Cancels the read (checked every 65,536 rows).</param>
    /// <returns>The data set and the report; deconstructs as <c>var (data, report) = …</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="InvalidDataException">The header lacks a column; the message lists the columns found.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Ingested<PathDataSet> ReadCsv(TextReader reader, PathDataColumns? columns = null, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new IngestOptions();
        options.Validate();
        columns ??= new PathDataColumns();
        var csv = new CsvRecordReader(reader, options.Separator, options.MaxLinesPerRecord, options.MaxRecordLength);
        CsvHeader header = csv.ReadHeader();
        int pathCol = header.Required(columns.Path, "PathDataColumns.Path");
        int convCol = header.Required(columns.Conversions, "PathDataColumns.Conversions");
        int valueCol = header.Required(columns.ConversionValue, "PathDataColumns.ConversionValue");
        int nullCol = header.Required(columns.Nulls, "PathDataColumns.Nulls");
        int headerCount = header.Count;

        var builder = new Builder();
        var accounting = new RowAccounting(options.Policy, options.MaxErrorDetails);
        void Reject(long line, string? column, RejectReason reason, string message) => accounting.Reject(line, column, reason, message);

        bool Number(long line, string name, ReadOnlySpan<char> text, out double value)
        {
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                Reject(line, name, RejectReason.BadNumber, $"'{IngestContext.Clip(text)}' is not a number.");
                return false;
            }

            if (!double.IsFinite(value))
            {
                Reject(line, name, RejectReason.NonFiniteValue, $"'{IngestContext.Clip(text)}' is not a finite number.");
                return false;
            }

            if (value < 0)
            {
                Reject(line, name, RejectReason.NegativeValue, $"{name} is {value.ToString(CultureInfo.InvariantCulture)}; it must not be negative.");
                return false;
            }

            return true;
        }

        while (csv.Read())
        {
            if ((++accounting.Read & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            long line = csv.LineFrom;
            if (csv.Error is { } error)
            {
                Reject(line, null, RejectReason.MalformedRow, error);
                continue;
            }

            if (csv.FieldCount != headerCount)
            {
                Reject(line, null, RejectReason.MalformedRow, $"The row has {csv.FieldCount} columns; the header has {headerCount}.");
                continue;
            }

            if (!Number(line, columns.Conversions, csv[convCol], out double conversions) ||
                !Number(line, columns.ConversionValue, csv[valueCol], out double value) ||
                !Number(line, columns.Nulls, csv[nullCol], out double nulls))
            {
                continue;
            }

            if (builder.AddPath(csv[pathCol]) is { } problem)
            {
                Reject(line, columns.Path, problem.Reason, problem.Message);
                continue;
            }

            builder.EndRow(conversions, value, nulls);
            accounting.Accepted++;
        }

        return new Ingested<PathDataSet>(builder.Build(null), accounting.Report(blankLines: csv.BlankLines));
    }

    /// <summary>Accumulates rows, interning channel names straight from spans.</summary>
    internal sealed class Builder
    {
        private readonly StringTable _channels = new();
        private readonly List<int> _offsets = [0];
        private readonly List<int> _steps = [];
        private readonly List<double> _conversions = [];
        private readonly List<double> _values = [];
        private readonly List<double> _nulls = [];

        public void AddStep(string channel) => _steps.Add(_channels.Intern(channel));

        // Splits on '>', trims, ignores empty tokens and adds the channels. A channel seen for the first time is checked
        // (reserved names, invalid Unicode); on a problem, or when no channel is left, the row is undone — its steps and
        // the channels it registered — and the problem returned. Known channels cost one lookup, as before the checks.
        public (RejectReason Reason, string Message)? AddPath(ReadOnlySpan<char> path)
        {
            int before = _steps.Count;
            int channelsBefore = _channels.Count;
            foreach (Range range in path.Split('>'))
            {
                var token = path[range].Trim();
                if (token.IsEmpty)
                {
                    continue;
                }

                int known = _channels.Count;
                int id = _channels.Intern(token);
                if (_channels.Count > known && Problem(token) is { } problem)
                {
                    Undo(before, channelsBefore);
                    return problem;
                }

                _steps.Add(id);
            }

            if (_steps.Count == before)
            {
                return (RejectReason.EmptyPath, "The path has no channel.");
            }

            return null;
        }

        private static (RejectReason Reason, string Message)? Problem(ReadOnlySpan<char> channel) =>
            !channel.SequenceEqual(PathRecord.UnknownChannel) && Guard.ReservedLabel(channel) is { } reserved ? (RejectReason.ReservedLabel, $"Channel '{Guard.Clip(channel)}' {reserved}")
            : !Guard.IsValidUnicode(channel) ? (RejectReason.InvalidText, $"Channel '{Guard.Clip(channel)}' is not valid Unicode (a lone surrogate).")
            : null;

        private void Undo(int steps, int channels)
        {
            _steps.RemoveRange(steps, _steps.Count - steps);
            _channels.TruncateTo(channels);
        }

        public void EndRow(double conversions, double value, double nulls)
        {
            _offsets.Add(_steps.Count);
            _conversions.Add(conversions);
            _values.Add(value);
            _nulls.Add(nulls);
        }

        public PathDataSet Build(double[]? ages) =>
            new(_channels.ToArray(), [.. _offsets], [.. _steps], [.. _conversions], [.. _values], [.. _nulls], ages);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Count(Count)} paths over {Show.Count(ChannelNames.Count)} channels: {Show.Number(TotalConversions)} conversions, {Show.Number(TotalNulls)} nulls";
}
