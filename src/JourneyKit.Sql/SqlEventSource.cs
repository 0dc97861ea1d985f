using System.Data.Common;
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Sql;

/// <summary>
/// Journey statistics computed inside the database that holds the events: each analysis is one generated SQL query
/// whose grouped partials (counts, sums, duration histograms) are finished here into the same result types as the
/// in-memory analyses — <see cref="DirectlyFollowsGraph"/>, <see cref="PathVariant"/>, <see cref="Markov.TransitionCounts"/>,
/// <see cref="FunnelResult"/>, <see cref="Metrics.NpsResult"/>, survival observations, RFM summaries and attribution
/// paths — so that a caller changes one line. Identifiers are quoted, every caller-supplied value is a parameter.
/// </summary>
/// <remarks>
/// <para>The source neither opens nor closes the connection and runs one command at a time; it is not thread-safe
/// (neither are ADO.NET connections).</para>
/// <para>Semantics match <see cref="PathAnalyzer"/> with the options given: journeys are ordered as
/// <see cref="SqlEventTable"/> states; a missing stage or channel is the step "(unknown)"; journey filters
/// (<see cref="PathAnalyzerOptions.Filter"/>) are not translated to SQL (a <see cref="NotSupportedException"/>) —
/// filter in the table's query instead. Durations are measured in microseconds (the databases' resolution), so they
/// are exact for timestamps whole to the microsecond.</para>
/// </remarks>
public sealed partial class SqlEventSource
{
    private const string Unknown = LevelColumns.Unknown;

    /// <summary>Initializes a source over a table of events.</summary>
    /// <param name="connection">An open connection (DuckDB.NET, Npgsql or any ADO.NET provider). The source does not dispose it.</param>
    /// <param name="dialect">The SQL the database speaks.</param>
    /// <param name="table">Where the events are and which columns hold what.</param>
    /// <param name="options">Level, repeat collapsing and limits, as for <see cref="PathAnalyzer"/>. Default: touchpoint level, no collapsing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/>, <paramref name="dialect"/> or <paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">A column of <paramref name="table"/> is blank, or the options are invalid.</exception>
    /// <exception cref="NotSupportedException">The options filter journeys, or the table reads files in place with a dialect other than DuckDB.</exception>
    public SqlEventSource(DbConnection connection, SqlDialect dialect, SqlEventTable table, PathAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(table);
        table.Validate();
        options ??= new PathAnalyzerOptions();
        options.Validate();
        if (!ReferenceEquals(options.Filter, JourneyFilter.All))
        {
            throw new NotSupportedException("Journey filters are .NET predicates and are not translated to SQL; select the journeys in the table's query (SqlEventTable.FromQuery) instead.");
        }

        _ = table.From(dialect);
        Connection = connection;
        Dialect = dialect;
        Table = table;
        Options = options;
    }

    /// <summary>Gets the connection the queries run on.</summary>
    public DbConnection Connection { get; }

    /// <summary>Gets the dialect of the generated SQL.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Gets the mapping of the event table.</summary>
    public SqlEventTable Table { get; }

    /// <summary>Gets the path options (level, collapsing, variant length and node limits).</summary>
    public PathAnalyzerOptions Options { get; }

    /// <summary>Gets the command timeout in seconds applied to every query; 0 waits without limit. <value>Default 0.</value></summary>
    public int CommandTimeoutSeconds { get; init; }

    /// <summary>
    /// Gets the rules a row must pass to be an event — the same as <see cref="ReadEventLogAsync(EventLogBuilder, IngestOptions?, IProgress{IngestProgress}?, CancellationToken)"/>
    /// applies with these options, so that every statistic computed in the database counts exactly the events the reader
    /// accepts: a timestamp in years 1–9999 (not null, not infinite), an outcome the vocabulary knows
    /// (<see cref="IngestOptions.OutcomeValues"/>, <see cref="IngestOptions.OutcomeByTouchpoint"/>), finite numbers, feedback
    /// within [<see cref="IngestOptions.FeedbackMinimum"/>, <see cref="IngestOptions.FeedbackMaximum"/>], a customer and a
    /// touchpoint that are not blank once trimmed, no reserved label. Ids and labels are trimmed of white space as the
    /// readers trim them. <see cref="ProfileAsync"/> counts the rows each rule leaves out.
    /// </summary>
    /// <value>Default: <c>new IngestOptions()</c>. <see cref="IngestOptions.Deduplicate"/> and <see cref="IngestOptions.CustomerAliases"/> are not translated to SQL (a <see cref="NotSupportedException"/> from the statistics).</value>
    public IngestOptions Ingest { get; init; } = new();

    /// <summary>Gets a source over the same table at another level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>A new source; this one is unchanged.</returns>
    public SqlEventSource AtLevel(PathLevel level) =>
        new(Connection, Dialect, Table, Options with { Level = level }) { CommandTimeoutSeconds = CommandTimeoutSeconds, Ingest = Ingest };

    /// <summary>
    /// Counts the table's rows, the events and customers every statistic counts, and the rows left out — by the reason the
    /// reader gives for each (<see cref="Ingest"/>'s rules, checked in the reader's order).
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="DbException">The database refused the query (a column missing, for instance).</exception>
    /// <exception cref="NotSupportedException"><see cref="Ingest"/> asks for deduplication or aliases.</exception>
    public async Task<SqlTableProfile> ProfileAsync(CancellationToken cancellationToken = default)
    {
        string micros = Dialect.EpochMicros("ts", Table.TimestampKind);
        string sql = $"""
            WITH r AS (SELECT {RejectionReason()} AS reason, c, ts FROM ({Cleaned()}) x)
            SELECT reason, COUNT(*), COUNT(DISTINCT CASE WHEN reason IS NULL THEN c END),
                   MIN(CASE WHEN reason IS NULL THEN {micros} END), MAX(CASE WHEN reason IS NULL THEN {micros} END)
            FROM r GROUP BY reason
            """;
        long rows = 0, events = 0, customers = 0;
        DateTimeOffset? first = null, last = null;
        var leftOut = new SortedDictionary<RejectReason, long>();
        foreach (var row in await QueryAsync(sql, [], cancellationToken).ConfigureAwait(false))
        {
            long count = Long(row[1]);
            rows += count;
            if (row[0] is null)
            {
                events = count;
                customers = Long(row[2]);
                first = row[3] is null ? null : FromMicros(Long(row[3]));
                last = row[4] is null ? null : FromMicros(Long(row[4]));
            }
            else
            {
                leftOut[(RejectReason)Long(row[0])] = count;
            }
        }

        return new SqlTableProfile(rows, events, customers, new System.Collections.ObjectModel.ReadOnlyDictionary<RejectReason, long>(new Dictionary<RejectReason, long>(leftOut)), first, last);
    }

    // ---- shared SQL pieces -------------------------------------------------------------------------------------------

    internal readonly record struct QuotedColumns(string Customer, string Timestamp, string Touchpoint, string? Channel, string? Stage, string? Outcome,
        string? Value, string? Feedback, string? Session, string? Actor, string? Order);

    private QuotedColumns Quoted()
    {
        string? Q(string? column) => column is null ? null : Dialect.QuoteIdentifier(column);
        return new QuotedColumns(Q(Table.CustomerColumn)!, Q(Table.TimestampColumn)!, Q(Table.TouchpointColumn)!, Q(Table.ChannelColumn), Q(Table.StageColumn),
            Q(Table.OutcomeColumn), Q(Table.ValueColumn), Q(Table.FeedbackColumn), Q(Table.SessionColumn), Q(Table.ActorColumn), Q(Table.OrderColumn));
    }

    [Flags]
    private enum Need
    {
        None = 0,
        Channel = 1,
        Stage = 2,
        Conversion = 4,
        Churn = 8,
        Value = 16,
        Feedback = 32,
    }

    private static Need LevelNeed(PathLevel level) => level switch
    {
        PathLevel.Channel => Need.Channel,
        PathLevel.Stage => Need.Stage,
        _ => Need.None,
    };

    // The events CTE body: c (customer), t (epoch µs), tp, ch, st (trimmed text or NULL), conv and churn (1 when that
    // outcome), val and fb (DOUBLE or NULL), o (the tiebreak, when mapped) — of the rows the reader accepts (Ingest).
    // The inner select cleans each column once (trims, casts); the outer one tests and shapes them. Columns a query does
    // not need are constants, which engines carry for free: an unused CASE over every row costs as much as the sort it feeds.
    private string EventsSelect(Need need, (string Expression, string Alias)? extra = null)
    {
        var q = Quoted();
        bool tiebreakLabels = q.Order is null;
        string Label(string column, bool needed) => needed || tiebreakLabels ? column : Dialect.TextOrNull(null);
        string Number(string column, bool needed) => needed ? column : SqlDialect.NumberOrNull(null);
        string code = OutcomeCode();
        string Outcome(int value, bool needed) => needed && code != "0" ? $"CASE WHEN {code} = {value.ToString(CultureInfo.InvariantCulture)} THEN 1 ELSE 0 END" : "0";
        string accepted = string.Join(" AND ", RejectionTests().Select(test => $"NOT {test.Fails}"));
        return $"""
            SELECT c, {Dialect.EpochMicros("ts", Table.TimestampKind)} AS t, tp, {Label("ch", need.HasFlag(Need.Channel))} AS ch, {Label("st", need.HasFlag(Need.Stage))} AS st,
                   {Outcome(1, need.HasFlag(Need.Conversion))} AS conv, {Outcome(2, need.HasFlag(Need.Churn))} AS churn,
                   {Number("val", need.HasFlag(Need.Value))} AS val, {Number("fb", need.HasFlag(Need.Feedback))} AS fb{(q.Order is null ? "" : ", o")}{(extra is { } e ? ", " + e.Alias : "")}
            FROM ({Cleaned(extra)}) r
            WHERE {accepted}
            """;
    }

    // Every column once, cleaned as the reader cleans it: c, tp (trimmed text, NULL when null), ts (as stored), ch and st
    // (trimmed, blank as NULL), ow (the outcome word, trimmed and lower case), val and fb (DOUBLE), o.
    private string Cleaned((string Expression, string Alias)? extra = null)
    {
        var q = Quoted();
        string Trimmed(string column) => Dialect.Trim(Dialect.Text(column));
        string Label(string? column) => column is null ? Dialect.TextOrNull(null) : $"NULLIF({Trimmed(column)}, '')";
        return $"""
            SELECT {Trimmed(q.Customer)} AS c, {q.Timestamp} AS ts, {Trimmed(q.Touchpoint)} AS tp, {Label(q.Channel)} AS ch, {Label(q.Stage)} AS st,
                   {(q.Outcome is null ? Dialect.TextOrNull(null) : $"LOWER({Trimmed(q.Outcome)})")} AS ow,
                   {SqlDialect.NumberOrNull(q.Value)} AS val, {SqlDialect.NumberOrNull(q.Feedback)} AS fb{(q.Order is null ? "" : $", {q.Order} AS o")}{(extra is { } e ? $", {e.Expression} AS {e.Alias}" : "")}
            FROM {Table.From(Dialect)}
            """;
    }

    // A label column trimmed, blank as NULL, or a typed NULL when the table has none.
    private string TrimmedLabel(string column) => $"NULLIF({Dialect.Trim(Dialect.Text(column))}, '')";

    // The outcome of a cleaned row as a number — 0 none, 1 conversion, 2 churn, −1 a word the vocabulary lacks — as
    // IngestContext reads it: the built-in words and IngestOptions.OutcomeValues (ignoring case, trimmed), then, for no
    // outcome, IngestOptions.OutcomeByTouchpoint (exact, trimmed).
    private string OutcomeCode()
    {
        IReadOnlyDictionary<string, EventOutcome> words = Ingest.OutcomeValues ?? new Dictionary<string, EventOutcome>();
        IReadOnlyDictionary<string, EventOutcome> byTouchpoint = Ingest.OutcomeByTouchpoint ?? new Dictionary<string, EventOutcome>();
        string Words(EventOutcome outcome, params string[] builtIn) =>
            string.Join(", ", builtIn.Concat(words.Where(w => w.Value == outcome).Select(w => w.Key.Trim().ToLowerInvariant())).Select(SqlDialect.Literal));
        string Touchpoints(EventOutcome outcome) => string.Join(", ", byTouchpoint.Where(t => t.Value == outcome).Select(t => SqlDialect.Literal(t.Key.Trim())));
        string none = byTouchpoint.Count == 0
            ? "0"
            : $"CASE {(Touchpoints(EventOutcome.Conversion) is { Length: > 0 } c ? $"WHEN tp IN ({c}) THEN 1 " : "")}{(Touchpoints(EventOutcome.Churn) is { Length: > 0 } h ? $"WHEN tp IN ({h}) THEN 2 " : "")}ELSE 0 END";
        return Table.OutcomeColumn is null
            ? none
            : $"(CASE WHEN ow IS NULL OR ow IN ({Words(EventOutcome.None, "", "none")}) THEN {none} WHEN ow IN ({Words(EventOutcome.Conversion, "conversion")}) THEN 1 WHEN ow IN ({Words(EventOutcome.Churn, "churn")}) THEN 2 ELSE -1 END)";
    }

    // Why the reader rejects a row, in the reader's order, on the columns of Cleaned(): each test is TRUE when the row
    // fails it (never NULL).
    private List<(RejectReason Reason, string Fails)> RejectionTests()
    {
        if (Ingest.Deduplicate || Ingest.CustomerAliases is { Count: > 0 })
        {
            throw new NotSupportedException("SqlEventSource.Ingest: deduplication and customer aliases are not translated to SQL; deduplicate and re-key in the table's query instead.");
        }

        var tests = new List<(RejectReason, string)>
        {
            (RejectReason.BadTimestamp, "ts IS NULL"),
            (RejectReason.BadTimestamp, Dialect.TimestampOutOfRange("ts", Table.TimestampKind)),
        };
        if (Table.OutcomeColumn is not null)
        {
            tests.Add((RejectReason.UnknownOutcome, $"{OutcomeCode()} < 0"));
        }

        if (Table.ValueColumn is not null)
        {
            tests.Add((RejectReason.NonFiniteValue, Dialect.NotFinite("val")));
        }

        if (Table.FeedbackColumn is not null)
        {
            tests.Add((RejectReason.NonFiniteValue, Dialect.NotFinite("fb")));
        }

        static string Reserved(string label) => $"({label} LIKE '(%)' OR {label} LIKE '% > %')";
        tests.Add((RejectReason.MissingCustomerId, "c IS NULL OR c = ''"));
        tests.Add((RejectReason.MissingTouchpoint, "tp IS NULL OR tp = ''"));
        tests.Add((RejectReason.ReservedLabel, Reserved("tp")));
        if (Table.ChannelColumn is not null)
        {
            tests.Add((RejectReason.ReservedLabel, Reserved("ch")));
        }

        if (Table.StageColumn is not null)
        {
            tests.Add((RejectReason.ReservedLabel, Reserved("st")));
        }

        if (Table.FeedbackColumn is not null)
        {
            tests.Add((RejectReason.FeedbackOutOfRange, string.Create(CultureInfo.InvariantCulture, $"(fb < {Ingest.FeedbackMinimum:R} OR fb > {Ingest.FeedbackMaximum:R})")));
        }

        // Null-safe: a test on a NULL column is FALSE (a null value or label is no problem; null ids were tested first).
        return [.. tests.Select(t => ((RejectReason)t.Item1, $"COALESCE({t.Item2}, FALSE)"))];
    }

    // The reason code (RejectReason) of the first test a row fails, or NULL for an event.
    private string RejectionReason() =>
        "CASE " + string.Join(" ", RejectionTests().Select(t => $"WHEN {t.Fails} THEN {((int)t.Reason).ToString(CultureInfo.InvariantCulture)}")) + " END";

    // Time, then the order column when mapped (the documented stable tiebreak), else the labels in binary order.
    private string JourneyOrder(string prefix = "", bool descending = false)
    {
        string d = descending ? " DESC" : "";
        return Table.OrderColumn is not null
            ? $"{prefix}t{d}, {prefix}o{d}"
            : $"{prefix}t{d}, {Dialect.Binary(prefix + "tp")}{d}" +
              (Table.ChannelColumn is null ? "" : $", {Dialect.Binary(prefix + "ch")}{d}") + (Table.StageColumn is null ? "" : $", {Dialect.Binary(prefix + "st")}{d}");
    }

    private string Window(string prefix = "") => $"PARTITION BY {prefix}c ORDER BY {JourneyOrder(prefix)}";

    // The step of an event at a level, as text.
    private static string Node(PathLevel level) => level switch
    {
        PathLevel.Touchpoint => "tp",
        PathLevel.Channel => $"COALESCE(ch, '{Unknown}')",
        PathLevel.Stage => $"COALESCE(st, '{Unknown}')",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level."),
    };

    private async Task<List<object?[]>> QueryAsync(string sql, IReadOnlyList<object> parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = CreateCommand(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private DbCommand CreateCommand(string sql, IReadOnlyList<object> parameters)
    {
        var command = Connection.CreateCommand();
        // The SQL is generated here from quoted identifiers; every caller-supplied value travels as a parameter.
#pragma warning disable CA2100 // Review SQL queries for security vulnerabilities
        command.CommandText = sql;
#pragma warning restore CA2100
        command.CommandTimeout = CommandTimeoutSeconds;
        foreach (object value in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    // Engines widen sums: DuckDB's SUM(BIGINT) is a HUGEINT (BigInteger), PostgreSQL's a NUMERIC (decimal).
    private static long Long(object? value) => value switch
    {
        null or DBNull => 0,
        System.Numerics.BigInteger big => (long)big,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static double Double(object? value) => value switch
    {
        null or DBNull => double.NaN,
        System.Numerics.BigInteger big => (double)big,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static string Str(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static DateTimeOffset FromMicros(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * 10), TimeSpan.Zero);

    private void CheckNodes(int count)
    {
        if (count > Options.MaxNodes)
        {
            throw new InvalidOperationException(
                $"The table has {count:N0} distinct {Options.Level.ToString().ToLowerInvariant()}s; PathAnalyzerOptions.MaxNodes allows {Options.MaxNodes:N0}. Raise the limit or analyse at a coarser level.");
        }
    }
}
