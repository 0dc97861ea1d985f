namespace JourneyKit.Sql;

/// <summary>
/// Where the events live in a database and which column holds what: a table (or view), a query, or — through DuckDB —
/// Parquet or CSV files read in place. Column names are quoted identifiers (spelled as the database stores them); the
/// only required ones are the customer, the timestamp and the touchpoint.
/// </summary>
/// <remarks>
/// <para>A journey is a customer's events in time order; events with the same timestamp are ordered by
/// <see cref="OrderColumn"/> when one is mapped (an event id or sequence number — the stable tiebreak), otherwise by
/// touchpoint, channel and stage in binary (code-point) order. Read back with
/// <see cref="SqlEventSource.ReadEventLogAsync(CancellationToken)"/>, a log keeps that order.</para>
/// <para>Rows with a null customer, timestamp or touchpoint belong to no journey: the statistics leave them out, and
/// <see cref="SqlEventSource.ProfileAsync(CancellationToken)"/> counts them so that nothing is left out unseen.</para>
/// </remarks>
public sealed record SqlEventTable
{
    private SqlEventTable(string? table, string? query, string? files, string? fileFunction)
    {
        TableName = table;
        Query = query;
        FilePattern = files;
        FileFunction = fileFunction;
    }

    /// <summary>Initializes a mapping of a table or view.</summary>
    /// <param name="table">The table's name (quoted as one identifier; put a schema in <see cref="Schema"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="table"/> is null or blank.</exception>
    public SqlEventTable(string table)
        : this(Required(table, nameof(table)), null, null, null)
    {
    }

    /// <summary>Gets the table's name, or <see langword="null"/> for a query or files.</summary>
    public string? TableName { get; }

    /// <summary>Gets the query the events come from, or <see langword="null"/>.</summary>
    public string? Query { get; }

    /// <summary>Gets the path or glob of the files DuckDB reads, or <see langword="null"/>.</summary>
    public string? FilePattern { get; }

    internal string? FileFunction { get; }

    /// <summary>Gets the schema of <see cref="TableName"/>, or <see langword="null"/> for the connection's search path.</summary>
    public string? Schema { get; init; }

    /// <summary>Gets the customer column (any type; its text is the customer id).</summary>
    /// <value>Default <c>customer_id</c>.</value>
    public string CustomerColumn { get; init; } = "customer_id";

    /// <summary>Gets the timestamp column.</summary>
    /// <value>Default <c>timestamp</c>.</value>
    public string TimestampColumn { get; init; } = "timestamp";

    /// <summary>Gets how <see cref="TimestampColumn"/> stores time.</summary>
    /// <value>Default <see cref="SqlTimestampKind.TimestampWithTimeZone"/>.</value>
    public SqlTimestampKind TimestampKind { get; init; } = SqlTimestampKind.TimestampWithTimeZone;

    /// <summary>Gets the touchpoint column.</summary>
    /// <value>Default <c>touchpoint</c>.</value>
    public string TouchpointColumn { get; init; } = "touchpoint";

    /// <summary>Gets the channel column, or <see langword="null"/> when the table has none (every channel is then "(unknown)").</summary>
    public string? ChannelColumn { get; init; }

    /// <summary>Gets the stage column, or <see langword="null"/> when the table has none (every stage is then "(unknown)").</summary>
    public string? StageColumn { get; init; }

    /// <summary>
    /// Gets the outcome column, or <see langword="null"/>: text <c>conversion</c> or <c>churn</c> (any case, surrounding
    /// spaces ignored); anything else, empty or null is no outcome.
    /// </summary>
    public string? OutcomeColumn { get; init; }

    /// <summary>Gets the numeric value column (conversion value), or <see langword="null"/>.</summary>
    public string? ValueColumn { get; init; }

    /// <summary>Gets the numeric feedback column (an NPS rating 0–10, or a CSAT score), or <see langword="null"/>.</summary>
    public string? FeedbackColumn { get; init; }

    /// <summary>Gets the session column, or <see langword="null"/>.</summary>
    public string? SessionColumn { get; init; }

    /// <summary>Gets the actor column (who did the event, for account journeys), or <see langword="null"/>.</summary>
    public string? ActorColumn { get; init; }

    /// <summary>
    /// Gets the column that orders events with equal timestamps (an event id or sequence number, unique within a
    /// customer's events), or <see langword="null"/> to order them by touchpoint, channel and stage. With it, ties are
    /// broken by this column alone, which is also cheaper to sort.
    /// </summary>
    public string? OrderColumn { get; init; }

    /// <summary>Maps the result of a query (a <c>SELECT</c> the caller wrote; it runs as a subquery).</summary>
    /// <param name="query">The query. It is trusted SQL: never build it from untrusted text.</param>
    /// <returns>The mapping, with the default column names.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> is null or blank.</exception>
    public static SqlEventTable FromQuery(string query) => new(null, Required(query, nameof(query)), null, null);

    /// <summary>Maps Parquet files read in place by DuckDB (<c>read_parquet</c>): one file, a glob such as <c>events/*.parquet</c>, or a folder's files.</summary>
    /// <param name="path">A file path, a glob, or a folder (its <c>*.parquet</c> files); passed as an escaped string literal.</param>
    /// <returns>The mapping, with the default column names. Only <see cref="SqlDialect.DuckDb"/> reads it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static SqlEventTable Parquet(string path) => new(null, null, FilesOf(Required(path, nameof(path)), "*.parquet"), "read_parquet");

    /// <summary>Maps CSV files read in place by DuckDB (<c>read_csv</c>, header row, types detected).</summary>
    /// <param name="path">A file path, a glob, or a folder (its <c>*.csv</c> files).</param>
    /// <returns>The mapping, with the default column names. Only <see cref="SqlDialect.DuckDb"/> reads it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static SqlEventTable Csv(string path) => new(null, null, FilesOf(Required(path, nameof(path)), "*.csv"), "read_csv");

    /// <inheritdoc/>
    public override string ToString() =>
        TableName is not null ? (Schema is null ? TableName : Schema + "." + TableName)
        : Query is not null ? "(query)"
        : $"{FileFunction}({FilePattern})";

    // The FROM clause, in a dialect.
    internal string From(SqlDialect dialect)
    {
        if (TableName is not null)
        {
            return Schema is null ? dialect.QuoteIdentifier(TableName) : dialect.QuoteIdentifier(Schema) + "." + dialect.QuoteIdentifier(TableName);
        }

        if (Query is not null)
        {
            return "(" + Query + ") AS jk_query";
        }

        if (dialect != SqlDialect.DuckDb)
        {
            throw new NotSupportedException($"Reading files in place ({FileFunction}) needs DuckDB; {dialect.Name} reads tables and queries.");
        }

        return $"{FileFunction}({SqlDialect.Literal(FilePattern!)})";
    }

    internal void Validate()
    {
        foreach (var (value, name) in new[]
                 {
                     (CustomerColumn, nameof(CustomerColumn)), (TimestampColumn, nameof(TimestampColumn)), (TouchpointColumn, nameof(TouchpointColumn)),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"SqlEventTable.{name} must name a column.", nameof(SqlEventTable));
            }
        }

        foreach (var (value, name) in new[]
                 {
                     (ChannelColumn, nameof(ChannelColumn)), (StageColumn, nameof(StageColumn)), (OutcomeColumn, nameof(OutcomeColumn)),
                     (ValueColumn, nameof(ValueColumn)), (FeedbackColumn, nameof(FeedbackColumn)), (SessionColumn, nameof(SessionColumn)),
                     (ActorColumn, nameof(ActorColumn)), (OrderColumn, nameof(OrderColumn)), (Schema, nameof(Schema)),
                 })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"SqlEventTable.{name} is blank; leave it null when the table has no such column.", nameof(SqlEventTable));
            }
        }

        if (!Enum.IsDefined(TimestampKind))
        {
            throw new ArgumentOutOfRangeException(nameof(SqlEventTable), TimestampKind, "SqlEventTable.TimestampKind is not a defined kind.");
        }
    }

    private static string FilesOf(string path, string pattern) => Directory.Exists(path) ? Path.Combine(path, pattern) : path;

    private static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("The value must not be blank.", name) : value;
}
