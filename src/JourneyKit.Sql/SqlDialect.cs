using System.Globalization;

namespace JourneyKit.Sql;

/// <summary>
/// The SQL a database understands: how identifiers are quoted, how parameters are written and which functions compute
/// timestamps, medians and ordered string aggregates. <see cref="DuckDb"/> and <see cref="PostgreSql"/> are tested
/// against the real engines; <see cref="Ansi"/> is written to the SQL standard for other warehouses and is untested.
/// </summary>
public sealed class SqlDialect
{
    private enum Engine
    {
        DuckDb,
        PostgreSql,
        Ansi,
    }

    private readonly Engine _engine;

    private SqlDialect(Engine engine, string name, bool isTested)
    {
        _engine = engine;
        Name = name;
        IsTested = isTested;
    }

    /// <summary>Gets DuckDB (1.x), the embedded default: in-process, reads Parquet and CSV files directly, spills to disk under a memory limit.</summary>
    public static SqlDialect DuckDb { get; } = new(Engine.DuckDb, "DuckDB", isTested: true);

    /// <summary>Gets PostgreSQL (12 or later; tested on 15).</summary>
    public static SqlDialect PostgreSql { get; } = new(Engine.PostgreSql, "PostgreSQL", isTested: true);

    /// <summary>
    /// Gets standard SQL (window functions, <c>PERCENTILE_CONT … WITHIN GROUP</c>, <c>LISTAGG … WITHIN GROUP</c>,
    /// <c>?</c> parameters) for warehouses without a dialect of their own. Untested: check its answers against
    /// <see cref="DuckDb"/> on a sample before relying on it.
    /// </summary>
    public static SqlDialect Ansi { get; } = new(Engine.Ansi, "ANSI SQL (untested)", isTested: false);

    /// <summary>Gets the dialect's name, as used in error messages.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether JourneyKit's test suite runs this dialect against a real engine.</summary>
    public bool IsTested { get; }

    /// <summary>Quotes an identifier (a table or column name) so that it is read as a name, whatever characters it holds.</summary>
    /// <param name="identifier">The name, as the database spells it (case matters once quoted).</param>
    /// <returns>The name in double quotes, with embedded double quotes doubled.</returns>
    /// <exception cref="ArgumentException"><paramref name="identifier"/> is null, empty or contains a NUL character.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Quoting belongs to the dialect: all three quote alike today, a future one (backticks) will not.")]
    public string QuoteIdentifier(string identifier)
    {
        if (string.IsNullOrEmpty(identifier) || identifier.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An identifier must be non-empty and must not contain NUL characters.", nameof(identifier));
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    // A string literal (for file paths in DuckDB table functions, which take no parameters there).
    internal static string Literal(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A file path must not contain NUL characters.", nameof(value));
        }

        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    // The placeholder of the index-th (0-based) parameter.
    internal string Parameter(int index) => _engine == Engine.Ansi ? "?" : "$" + (index + 1).ToString(CultureInfo.InvariantCulture);

    // Microseconds since the Unix epoch as BIGINT.
    internal string EpochMicros(string column, SqlTimestampKind kind) => (kind, _engine) switch
    {
        (SqlTimestampKind.EpochMicroseconds, _) => $"CAST({column} AS BIGINT)",
        (_, Engine.DuckDb) => $"epoch_us({column})",
        _ => $"CAST(EXTRACT(EPOCH FROM {column}) * 1000000 AS BIGINT)",
    };

    // The characters .NET's string.Trim removes (char.IsWhiteSpace), so that labels are trimmed in the database as the
    // readers trim them. ANSI SQL's TRIM removes spaces only.
    // One literal holding the characters themselves (a literal, unlike a chain of chr() calls, is folded once).
    private static readonly string WhiteSpaceSet = Literal(new string(
        [.. new[] { 9, 10, 11, 12, 13, 32, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 }.Select(c => (char)c)]));

    // Text with surrounding white space removed, as the readers trim ids and labels.
    internal string Trim(string expression) => _engine switch
    {
        Engine.DuckDb => $"trim({expression}, {WhiteSpaceSet})",
        Engine.PostgreSql => $"btrim({expression}, {WhiteSpaceSet})",
        _ => $"TRIM({expression})",
    };

    // Trim for a column of distinct values (a dictionary): DuckDB's trim with a character set costs ~0.4 µs a value, and
    // text that starts and ends with printable ASCII (nearly every id and label) has nothing to trim — the test costs a
    // tenth of that. Not for per-row use over a scan: there it made directly-follows slower (46 s against 39 s at 100M).
    internal string TrimDistinct(string expression) => _engine == Engine.DuckDb
        ? $"(CASE WHEN ascii({expression}) BETWEEN 33 AND 126 AND ascii(right({expression}, 1)) BETWEEN 33 AND 126 THEN {expression} ELSE {Trim(expression)} END)"
        : Trim(expression);

    // Whether a DOUBLE is NaN or infinite (NULL stays NULL).
    internal string NotFinite(string x) => _engine switch
    {
        Engine.DuckDb => $"(NOT isfinite({x}))",
        Engine.PostgreSql => $"({x} IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))",
        _ => $"({x} <> {x} OR {x} > 1.7976931348623157E308 OR {x} < -1.7976931348623157E308)",
    };

    // Whether a non-null timestamp is infinite or outside years 1–9999 (what a DateTimeOffset holds; the readers refuse the rest).
    internal string TimestampOutOfRange(string column, SqlTimestampKind kind)
    {
        const string MinMicros = "-62135596800000000", MaxMicros = "253402300799999999";
        if (kind == SqlTimestampKind.EpochMicroseconds)
        {
            return $"({column} < {MinMicros} OR {column} > {MaxMicros})";
        }

        // Infinite values first, in a CASE, so that nothing converts them (PostgreSQL cannot cast infinity to a number).
        string type = kind == SqlTimestampKind.Timestamp ? "TIMESTAMP" : "TIMESTAMPTZ";
        string zone = kind == SqlTimestampKind.Timestamp ? "" : "+00";
        return _engine switch
        {
            Engine.DuckDb => $"(CASE WHEN isfinite({column}) THEN epoch_us({column}) < {MinMicros} OR epoch_us({column}) > {MaxMicros} ELSE TRUE END)",
            Engine.PostgreSql => $"(CASE WHEN isfinite({column}) THEN {column} < {type} '0001-01-01 00:00:00{zone}' OR {column} >= {type} '10000-01-01 00:00:00{zone}' ELSE TRUE END)",
            _ => $"({column} < {type} '0001-01-01 00:00:00{zone}' OR {column} >= {type} '10000-01-01 00:00:00{zone}')",
        };
    }

    // Whether a non-null timestamp is infinite ('infinity', '-infinity'); FALSE where the dialect has no such value.
    internal string TimestampInfinite(string column, SqlTimestampKind kind) =>
        kind == SqlTimestampKind.EpochMicroseconds || _engine == Engine.Ansi ? "FALSE" : $"(NOT isfinite({column}))";

    // Text of any value (customer ids may be numbers).
    internal string Text(string expression) => _engine switch
    {
        Engine.DuckDb => $"CAST({expression} AS VARCHAR)",
        Engine.PostgreSql => $"CAST({expression} AS TEXT)",
        _ => $"CAST({expression} AS VARCHAR(4000))",
    };

    // A column as text, or a typed NULL when the table has no such column.
    internal string TextOrNull(string? column) =>
        column is not null ? Text(column) : _engine == Engine.PostgreSql ? "CAST(NULL AS TEXT)" : "CAST(NULL AS VARCHAR)";

    // A column as DOUBLE PRECISION, or a typed NULL.
    internal static string NumberOrNull(string? column) => $"CAST({column ?? "NULL"} AS DOUBLE PRECISION)";

    // Binary ordering of text, so ties and orders do not depend on the database's locale.
    internal string Binary(string expression) => _engine switch
    {
        Engine.PostgreSql => $"{expression} COLLATE \"C\"",
        _ => expression,
    };

    // floor(log2(x)) for a BIGINT x ≥ 1, exact: the floating estimate is corrected by one shift.
    internal string Log2Floor(string x)
    {
        string estimate = _engine switch
        {
            Engine.DuckDb => $"CAST(floor(log2({x})) AS BIGINT)",
            _ => $"CAST(FLOOR(LN(CAST({x} AS DOUBLE PRECISION)) / LN(2)) AS BIGINT)",
        };

        return $"({estimate} + CASE WHEN {ShiftRight(x, estimate)} >= 2 THEN 1 WHEN {ShiftRight(x, estimate)} = 0 THEN -1 ELSE 0 END)";
    }

    internal string ShiftRight(string x, string bits) => _engine switch
    {
        Engine.Ansi => $"CAST(FLOOR({x} / POWER(2, {bits})) AS BIGINT)",
        _ => $"({x} >> CAST({bits} AS INTEGER))",
    };

    internal string Mod64(string x) => _engine switch
    {
        Engine.Ansi => $"MOD({x}, 64)",
        _ => $"({x} & 63)",
    };

    // The interpolated median (mean of the two middle values for an even count), as DOUBLE.
    internal string Median(string x) => _engine switch
    {
        Engine.DuckDb => $"quantile_cont({x}, 0.5)",
        _ => $"PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {x})",
    };

    // Concatenation of integer ids in the given order, separated by commas.
    internal string OrderedIds(string id, string orderBy) => _engine switch
    {
        Engine.DuckDb => $"string_agg(CAST({id} AS VARCHAR), ',' ORDER BY {orderBy})",
        Engine.PostgreSql => $"string_agg(CAST({id} AS TEXT), ',' ORDER BY {orderBy})",
        _ => $"LISTAGG(CAST({id} AS VARCHAR(20)), ',') WITHIN GROUP (ORDER BY {orderBy})",
    };

    internal string Limit(int rows) => _engine == Engine.Ansi
        ? $"FETCH FIRST {rows.ToString(CultureInfo.InvariantCulture)} ROWS ONLY"
        : $"LIMIT {rows.ToString(CultureInfo.InvariantCulture)}";
}
