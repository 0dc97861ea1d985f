using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using JourneyKit.Events;

namespace JourneyKit.Sql;

// The columnar read behind ReadEventLogAsync(CancellationToken) on DuckDB: the database numbers ids and labels and
// checks every row; only dense integer columns cross into .NET, straight into the finished log's arrays.
public sealed partial class SqlEventSource
{
    // Ids per label kind must fit the 20 bits each has in the packed column of the event query.
    private const int MaxColumnarLabels = (1 << 20) - 1;

    // Kinds with at most this many distinct raw values are looked up in a list literal instead of joined.
    private const int SmallDictionary = 256;

    private enum LabelKind
    {
        Customer = 0,
        Touchpoint = 1,
        Channel = 2,
        Stage = 3,
        Outcome = 4,
    }

    // Whether the columnar read may apply: DuckDB, and no session or actor column (those take the row path, which gives the same log).
    private bool ColumnarReadable => ReferenceEquals(Dialect, SqlDialect.DuckDb) && Table.SessionColumn is null && Table.ActorColumn is null;

    // Returns null when a row would be rejected (the row path then names it) or a column is of a kind this path does not read.
    private async Task<EventLog?> TryReadColumnarAsync(CancellationToken cancellationToken)
    {
        string suffix = Guid.NewGuid().ToString("N");
        string groups = "jk_import_g_" + suffix, customers = "jk_import_c_" + suffix, labels = "jk_import_l_" + suffix;
        string customerMap = "jk_import_cm_" + suffix, labelMap = "jk_import_lm_" + suffix;
        try
        {
            var q = Quoted();
            bool integralOrder = q.Order is null || await IsIntegralAsync(q.Order, cancellationToken).ConfigureAwait(false);
            if (!integralOrder)
            {
                return null;
            }

            await ExecuteAsync(GroupsSql(groups), cancellationToken).ConfigureAwait(false);
            var (rejected, customersTrimmed) = await CheckRowsAsync(groups, cancellationToken).ConfigureAwait(false);
            if (rejected)
            {
                return null;
            }

            if (customersTrimmed)
            {
                await BuildDictionaryAsync(groups, customers, customerMap, 0, 0, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Every raw id is its own label: the dictionary is its own map (no second table, no join).
                await ExecuteAsync($"""
                    CREATE TEMP TABLE {customers} AS
                    SELECT raw, raw AS label, CAST(row_number() OVER (ORDER BY ft, {Dialect.Binary("raw")}) - 1 AS INTEGER) AS id, n FROM {groups} WHERE k = 0
                    """, cancellationToken).ConfigureAwait(false);
                customerMap = customers;
            }

            await BuildDictionaryAsync(groups, labels, labelMap, 1, 3, cancellationToken).ConfigureAwait(false);
            // Outcome words join as labels too (their "id" is the outcome's code): one small join instead of cleaning every row's word.
            await ExecuteAsync($"INSERT INTO {labelMap} SELECT 4, raw, {OutcomeCode()} FROM (SELECT raw, LOWER({Dialect.TrimDistinct("raw")}) AS ow FROM {groups} WHERE k = 4 AND raw IS NOT NULL) w", cancellationToken).ConfigureAwait(false);
            var import = new ColumnarImport();
            await ReadLabelsAsync(labels, import, cancellationToken).ConfigureAwait(false);
            if (import.Touchpoints.Length > MaxColumnarLabels || import.Channels.Length > MaxColumnarLabels || import.Stages.Length > MaxColumnarLabels)
            {
                return null;
            }

            var orderRange = await OrderRangeAsync(cancellationToken).ConfigureAwait(false);
            await ReadCustomersAsync(customers, import, orderRange, cancellationToken).ConfigureAwait(false);
            await ReadEventsAsync(customerMap, labelMap, import, cancellationToken).ConfigureAwait(false);
            return import.Finish(cancellationToken);
        }
        finally
        {
            foreach (string table in new[] { groups, customers, labels, customerMap, labelMap })
            {
                await ExecuteAsync($"DROP TABLE IF EXISTS {table}", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    // The raw columns (text as stored, not yet trimmed: trimming 100M values costs more than trimming the distinct ones)
    // and the timestamp in µs — with checks: NULL when the row fails one of the reader's tests of its own numbers (the
    // rejection tests of a timestamp, a value or a feedback score; the label tests run on the distinct values).
    private string RawRows(bool checks)
    {
        var q = Quoted();
        string micros = Dialect.EpochMicros("ts", Table.TimestampKind);
        string t = micros;
        if (checks)
        {
            var ownNumbers = RejectionTests().Where(test => test.Reason is RejectReason.BadTimestamp or RejectReason.NonFiniteValue or RejectReason.FeedbackOutOfRange);
            t = $"CASE WHEN {string.Join(" OR ", ownNumbers.Select(test => test.Fails))} THEN NULL ELSE {micros} END";
        }

        return $"""
            SELECT c, tp, ch, st, ow, {t} AS t{(q.Value is null ? "" : ", val")}{(q.Feedback is null ? "" : ", fb")}{(q.Order is null ? "" : ", o")}
            FROM (SELECT {Dialect.Text(q.Customer)} AS c, {Dialect.Text(q.Touchpoint)} AS tp, {Dialect.TextOrNull(q.Channel)} AS ch, {Dialect.TextOrNull(q.Stage)} AS st,
                         {Dialect.TextOrNull(q.Outcome)} AS ow, {q.Timestamp} AS ts, {SqlDialect.NumberOrNull(q.Value)} AS val, {SqlDialect.NumberOrNull(q.Feedback)} AS fb{(q.Order is null ? "" : $", CAST({q.Order} AS BIGINT) AS o")}
                  FROM {Table.From(Dialect)}) source
            """;
    }

    // One scan: every distinct raw customer, touchpoint, channel, stage and outcome word with its first time and counts.
    private string GroupsSql(string groups)
    {
        var sets = new List<(string Column, LabelKind Kind)> { ("c", LabelKind.Customer), ("tp", LabelKind.Touchpoint) };
        if (Table.ChannelColumn is not null)
        {
            sets.Add(("ch", LabelKind.Channel));
        }

        if (Table.StageColumn is not null)
        {
            sets.Add(("st", LabelKind.Stage));
        }

        if (Table.OutcomeColumn is not null)
        {
            sets.Add(("ow", LabelKind.Outcome));
        }

        string kind = "CASE " + string.Concat(sets.Select(s => string.Create(CultureInfo.InvariantCulture, $"WHEN GROUPING({s.Column}) = 0 THEN {(int)s.Kind} "))) + "END";
        string raw = "COALESCE(" + string.Join(", ", sets.Select(s => s.Column)) + ")";
        return $"""
            CREATE TEMP TABLE {groups} AS
            SELECT {kind} AS k, {raw} AS raw, MIN(t) AS ft, COUNT(*) AS n, COUNT(*) - COUNT(t) AS bad
            FROM ({RawRows(checks: true)}) x
            GROUP BY GROUPING SETS ({string.Join(", ", sets.Select(s => $"({s.Column})"))})
            """;
    }

    // The label a raw value becomes, as the reader cleans it (ids and touchpoints trimmed; channels and stages blank as none).
    private string CleanLabel(string raw, string kind) =>
        $"CASE WHEN {kind} <= 1 THEN {Dialect.TrimDistinct(raw)} ELSE NULLIF({Dialect.TrimDistinct(raw)}, '') END";

    // Whether any row would be rejected: its own numbers (counted per row), or a label the reader refuses (tested once
    // per distinct value), or an outcome word the vocabulary lacks.
    private async Task<(bool Rejected, bool CustomersTrimmed)> CheckRowsAsync(string groups, CancellationToken cancellationToken)
    {
        static string Reserved(string label) => $"({label} LIKE '(%)' OR {label} LIKE '% > %')";
        string sql = $"""
            SELECT COUNT(*) FILTER (WHERE (k = 0 AND bad > 0)
                   OR (k <= 1 AND (raw IS NULL OR label = ''))
                   OR (k BETWEEN 1 AND 3 AND COALESCE({Reserved("label")}, FALSE))
                   OR (k = 4 AND {OutcomeCode()} < 0)),
                   COUNT(*) FILTER (WHERE k = 0 AND label <> raw)
            FROM (SELECT k, raw, bad, {CleanLabel("raw", "k")} AS label, LOWER({Dialect.TrimDistinct("raw")}) AS ow FROM {groups}) g
            """;
        var rows = await QueryAsync(sql, [], cancellationToken).ConfigureAwait(false);
        return (Long(rows[0][0]) > 0, Long(rows[0][1]) > 0);
    }

    // Dense ids per kind in order of first appearance (first time, then the label in binary order), and the map from
    // each raw value to its id; kinds from..to.
    private async Task BuildDictionaryAsync(string groups, string dictionary, string map, int from, int to, CancellationToken cancellationToken)
    {
        string kinds = string.Create(CultureInfo.InvariantCulture, $"k BETWEEN {from} AND {to}");
        await ExecuteAsync($"""
            CREATE TEMP TABLE {dictionary} AS
            SELECT k, label, CAST(row_number() OVER (PARTITION BY k ORDER BY ft, {Dialect.Binary("label")}) - 1 AS INTEGER) AS id, n
            FROM (SELECT k, {CleanLabel("raw", "k")} AS label, MIN(ft) AS ft, SUM(n) AS n FROM {groups} WHERE {kinds} GROUP BY 1, 2) d
            WHERE label IS NOT NULL
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync($"""
            CREATE TEMP TABLE {map} AS
            SELECT g.k, g.raw, d.id FROM {groups} g JOIN {dictionary} d ON d.k = g.k AND d.label = {CleanLabel("g.raw", "g.k")}
            WHERE g.{kinds}
            """, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadLabelsAsync(string labels, ColumnarImport import, CancellationToken cancellationToken)
    {
        var byKind = new List<string>[] { [], [], [], [] };
        foreach (var row in await QueryAsync($"SELECT k, label FROM {labels} ORDER BY k, id", [], cancellationToken).ConfigureAwait(false))
        {
            byKind[(int)Long(row[0])].Add((string)row[1]!);
        }

        import.Touchpoints = [.. byKind[(int)LabelKind.Touchpoint]];
        import.Channels = [.. byKind[(int)LabelKind.Channel]];
        import.Stages = [.. byKind[(int)LabelKind.Stage]];
    }

    // Every customer's label and event count, placed by its dense id (read unsorted: a sort of 10M labels by id cost
    // more than placing them).
    private async Task ReadCustomersAsync(string customers, ColumnarImport import, (long Min, long Max)? orderRange, CancellationToken cancellationToken)
    {
        var total = await QueryAsync($"SELECT COUNT(*) FROM {customers}", [], cancellationToken).ConfigureAwait(false);
        int count = checked((int)Long(total[0][0]));
        var ids = new string[count];
        var counts = new long[count];
        await using var command = CreateCommand($"SELECT id, label, n FROM {customers}", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int rows = 0;
        while (reader.Read()) // in-process: nothing to wait for between rows
        {
            if ((++rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int id = reader.GetInt32(0);
            ids[id] = reader.GetString(1);
            counts[id] = reader.GetInt64(2);
        }

        import.Allocate(ids, counts, Table.OutcomeColumn is not null, Table.ValueColumn is not null, Table.FeedbackColumn is not null, Table.OrderColumn is not null, orderRange);
    }

    // The events as dense integer columns: customer id, µs, and the touchpoint, channel, stage and outcome packed in one
    // BIGINT (20 bits per id, the outcome in the top bits), then the optional numbers and the order column.
    private async Task ReadEventsAsync(string customerMap, string labelMap, ColumnarImport import, CancellationToken cancellationToken)
    {
        bool value = Table.ValueColumn is not null, feedback = Table.FeedbackColumn is not null, order = Table.OrderColumn is not null;
        // A kind with few distinct raw values is looked up in a list literal (vectorized, no join: each join of a
        // streamed result cost 3–5 s at 100M rows); a larger one is joined.
        var small = new Dictionary<int, List<(string Raw, int Id)>>();
        foreach (var row in await QueryAsync($"SELECT k, raw, id FROM {labelMap} WHERE k IN (SELECT k FROM {labelMap} GROUP BY k HAVING COUNT(*) <= {SmallDictionary.ToString(CultureInfo.InvariantCulture)}) ", [], cancellationToken).ConfigureAwait(false))
        {
            int k = (int)Long(row[0]);
            (small.TryGetValue(k, out var list) ? list : small[k] = []).Add(((string)row[1]!, (int)Long(row[2])));
        }

        // A literal cannot hold NUL: such a kind is joined.
        foreach (int k in small.Where(kv => kv.Value.Exists(l => l.Raw.Contains('\0', StringComparison.Ordinal))).Select(kv => kv.Key).ToList())
        {
            small.Remove(k);
        }

        string Join(LabelKind kind, string alias, string column) => small.ContainsKey((int)kind)
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"LEFT JOIN {labelMap} {alias} ON {alias}.k = {(int)kind} AND {alias}.raw = e.{column}");
        string Id(LabelKind kind, string alias, string column) => small.TryGetValue((int)kind, out var list)
            ? $"([{string.Join(", ", list.Select(l => l.Id.ToString(CultureInfo.InvariantCulture)))}][list_position([{string.Join(", ", list.Select(l => SqlDialect.Literal(l.Raw)))}], e.{column})])"
            : $"{alias}.id";
        string sql = $"""
            SELECT cm.id, e.t,
                   CAST({Id(LabelKind.Touchpoint, "tm", "tp")} AS BIGINT){(Table.ChannelColumn is null ? "" : $" | (CAST(COALESCE({Id(LabelKind.Channel, "chm", "ch")} + 1, 0) AS BIGINT) << 20)")}{(Table.StageColumn is null ? "" : $" | (CAST(COALESCE({Id(LabelKind.Stage, "stm", "st")} + 1, 0) AS BIGINT) << 40)")}{(Table.OutcomeColumn is null ? "" : $" | (CAST(COALESCE({Id(LabelKind.Outcome, "om", "ow")}, 0) AS BIGINT) << 60)")}
                   {(value ? ", e.val" : "")}{(feedback ? ", e.fb" : "")}{(order ? ", e.o" : "")}
            FROM ({RawRows(checks: false)}) e
            JOIN {customerMap} cm ON cm.raw = e.c
            {(small.ContainsKey((int)LabelKind.Touchpoint) ? "" : $"JOIN {labelMap} tm ON tm.k = 1 AND tm.raw = e.tp")}
            {(Table.ChannelColumn is null ? "" : Join(LabelKind.Channel, "chm", "ch"))}
            {(Table.StageColumn is null ? "" : Join(LabelKind.Stage, "stm", "st"))}
            {(Table.OutcomeColumn is null ? "" : Join(LabelKind.Outcome, "om", "ow"))}
            """;
        await using var command = CreateCommand(sql, []);
        StreamResults(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await ColumnarBatch.ReadAndPlaceAsync(reader, import, value, feedback, order, cancellationToken).ConfigureAwait(false);
    }

    // The order column's least and greatest value (so the tiebreak may take 4 bytes an event), or null.
    private async Task<(long Min, long Max)?> OrderRangeAsync(CancellationToken cancellationToken)
    {
        if (Quoted().Order is not { } order)
        {
            return null;
        }

        var rows = await QueryAsync($"SELECT MIN(CAST({order} AS BIGINT)), MAX(CAST({order} AS BIGINT)) FROM {Table.From(Dialect)}", [], cancellationToken).ConfigureAwait(false);
        return rows[0][0] is null ? null : (Long(rows[0][0]), Long(rows[0][1]));
    }

    private async Task<bool> IsIntegralAsync(string column, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand($"SELECT {column} FROM {Table.From(Dialect)} LIMIT 0", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        Type type = reader.GetFieldType(0);
        return type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, []);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // DuckDB.NET materializes a result unless asked to stream it; 100M rows would then sit in memory twice. The provider
    // is not referenced (this package speaks ADO.NET), so the switch is set by name when the command has it.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Streaming is an optimisation: when trimming removed the property, the result is read materialized, with the same rows.")]
    private static void StreamResults(DbCommand command) =>
        command.GetType().GetProperty("UseStreamingMode", typeof(bool))?.SetValue(command, true);
}
