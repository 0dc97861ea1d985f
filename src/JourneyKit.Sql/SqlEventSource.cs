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

    /// <summary>Gets a source over the same table at another level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>A new source; this one is unchanged.</returns>
    public SqlEventSource AtLevel(PathLevel level) =>
        new(Connection, Dialect, Table, Options with { Level = level }) { CommandTimeoutSeconds = CommandTimeoutSeconds };

    /// <summary>Counts the table's rows, customers and events, and the rows no journey can hold (a null customer, timestamp or touchpoint).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="DbException">The database refused the query (a column missing, for instance).</exception>
    public async Task<SqlTableProfile> ProfileAsync(CancellationToken cancellationToken = default)
    {
        var q = Quoted();
        string usable = $"{q.Customer} IS NOT NULL AND {q.Timestamp} IS NOT NULL AND {q.Touchpoint} IS NOT NULL";
        string micros = Dialect.EpochMicros(q.Timestamp, Table.TimestampKind);
        string sql = $"""
            SELECT COUNT(*),
                   SUM(CASE WHEN {usable} THEN 1 ELSE 0 END),
                   COUNT(DISTINCT CASE WHEN {usable} THEN {q.Customer} END),
                   SUM(CASE WHEN {q.Customer} IS NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {q.Timestamp} IS NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {q.Touchpoint} IS NULL THEN 1 ELSE 0 END),
                   MIN(CASE WHEN {usable} THEN {micros} END),
                   MAX(CASE WHEN {usable} THEN {micros} END)
            FROM {Table.From(Dialect)}
            """;
        var row = (await QueryAsync(sql, [], cancellationToken).ConfigureAwait(false))[0];
        return new SqlTableProfile(Long(row[0]), Long(row[1]), Long(row[2]), Long(row[3]), Long(row[4]), Long(row[5]),
            row[6] is null ? null : FromMicros(Long(row[6])), row[7] is null ? null : FromMicros(Long(row[7])));
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

    // The events CTE body: c (customer), t (epoch µs), tp, ch, st (text or NULL), conv and churn (1 when that outcome),
    // val and fb (DOUBLE or NULL), o (the tiebreak, when mapped). Columns a query does not need are constants, which
    // engines carry for free: an unused CASE over every row costs as much as the sort it feeds.
    private string EventsSelect(Need need, string? extraColumn = null)
    {
        var q = Quoted();
        bool tiebreakLabels = q.Order is null;
        string Label(string? column, bool needed) => Dialect.TextOrNull(needed || tiebreakLabels ? column : null);
        string Outcome(string word, bool needed) => q.Outcome is not null && needed ? $"CASE WHEN LOWER(TRIM({Dialect.Text(q.Outcome)})) = '{word}' THEN 1 ELSE 0 END" : "0";
        string Number(string? column, bool needed) => SqlDialect.NumberOrNull(needed ? column : null);
        return $"""
            SELECT {q.Customer} AS c, {Dialect.EpochMicros(q.Timestamp, Table.TimestampKind)} AS t, {Dialect.Text(q.Touchpoint)} AS tp,
                   {Label(q.Channel, need.HasFlag(Need.Channel))} AS ch, {Label(q.Stage, need.HasFlag(Need.Stage))} AS st,
                   {Outcome("conversion", need.HasFlag(Need.Conversion))} AS conv, {Outcome("churn", need.HasFlag(Need.Churn))} AS churn,
                   {Number(q.Value, need.HasFlag(Need.Value))} AS val, {Number(q.Feedback, need.HasFlag(Need.Feedback))} AS fb{(q.Order is null ? "" : $", {q.Order} AS o")}{(extraColumn is null ? "" : ", " + extraColumn)}
            FROM {Table.From(Dialect)}
            WHERE {q.Customer} IS NOT NULL AND {q.Timestamp} IS NOT NULL AND {q.Touchpoint} IS NOT NULL
            """;
    }

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
