using System.Globalization;
using JourneyKit.Events;
using nietras.SeparatedValues;

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
    /// nulls. Every row is accounted for in the report: empty paths, negative, NaN or unparsable numbers are rejected with
    /// line, column and reason (or throw under <see cref="IngestPolicy.Strict"/>).
    /// </summary>
    /// <param name="reader">The CSV text with a header row.</param>
    /// <param name="columns">The column names; default <c>path,total_conversions,total_conversion_value,total_null</c>.</param>
    /// <param name="policy">Collect bad rows (default) or throw at the first.</param>
    /// <param name="maxErrorDetails">How many rejected rows keep their details. Range: ≥ 0.</param>
    /// <returns>The data set and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">The header lacks a column; the message lists the columns found.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    public static (PathDataSet Data, IngestReport Report) ReadCsv(TextReader reader, PathDataColumns? columns = null, IngestPolicy policy = IngestPolicy.Collect, int maxErrorDetails = 1000)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(maxErrorDetails);
        columns ??= new PathDataColumns();
        var options = new SepReaderOptions(null) { HasHeader = true, Unescape = true, DisableColCountCheck = true };
        using SepReader csv = options.From(reader);
        int Column(string name) => csv.Header.TryIndexOf(name, out int i)
            ? i
            : throw new InvalidDataException($"The CSV header has no column '{name}'; it has: {string.Join(", ", csv.Header.ColNames.Select(n => $"'{n}'"))}.");
        int pathCol = Column(columns.Path), convCol = Column(columns.Conversions), valueCol = Column(columns.ConversionValue), nullCol = Column(columns.Nulls);
        int headerCount = csv.Header.ColNames.Count;

        var builder = new Builder();
        var byReason = new long[Enum.GetValues<RejectReason>().Length];
        var details = new List<RejectedRow>();
        long read = 0, accepted = 0;
        void Reject(long line, string? column, RejectReason reason, string message)
        {
            var row = new RejectedRow(line, column, reason, message);
            if (policy == IngestPolicy.Strict)
            {
                throw new IngestException(row);
            }

            byReason[(int)reason]++;
            if (details.Count < maxErrorDetails)
            {
                details.Add(row);
            }
        }

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

        foreach (SepReader.Row row in csv)
        {
            read++;
            long line = row.LineNumberFrom;
            if (row.ColCount != headerCount)
            {
                Reject(line, null, RejectReason.MalformedRow, $"The row has {row.ColCount} columns; the header has {headerCount}.");
                continue;
            }

            if (!Number(line, columns.Conversions, row[convCol].Span, out double conversions) ||
                !Number(line, columns.ConversionValue, row[valueCol].Span, out double value) ||
                !Number(line, columns.Nulls, row[nullCol].Span, out double nulls))
            {
                continue;
            }

            if (!builder.AddPath(row[pathCol].Span))
            {
                Reject(line, columns.Path, RejectReason.EmptyPath, "The path has no channel.");
                continue;
            }

            builder.EndRow(conversions, value, nulls);
            accepted++;
        }

        return (builder.Build(null), new IngestReport(read, accepted, byReason, details, 0));
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

        // Splits on '>', trims, ignores empty tokens; false (and nothing added) when no channel is left.
        public bool AddPath(ReadOnlySpan<char> path)
        {
            int before = _steps.Count;
            foreach (Range range in path.Split('>'))
            {
                var token = path[range].Trim();
                if (!token.IsEmpty)
                {
                    _steps.Add(_channels.Intern(token));
                }
            }

            return _steps.Count > before;
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
}

/// <summary>The column names of aggregated path data (defaults follow the ChannelAttribution package).</summary>
public sealed record PathDataColumns
{
    /// <summary>Gets the path column. Default <c>path</c>.</summary>
    public string Path { get; init; } = "path";

    /// <summary>Gets the conversions column. Default <c>total_conversions</c>.</summary>
    public string Conversions { get; init; } = "total_conversions";

    /// <summary>Gets the conversion value column. Default <c>total_conversion_value</c>.</summary>
    public string ConversionValue { get; init; } = "total_conversion_value";

    /// <summary>Gets the non-conversions column. Default <c>total_null</c>.</summary>
    public string Nulls { get; init; } = "total_null";
}
