using System.Data.Common;
using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using JourneyKit.Events;
using Npgsql;
using NpgsqlTypes;

namespace JourneyKit.Sql.Tests;

/// <summary>
/// Tables with every kind of row the reader rejects — null, blank and padded ids, blank and reserved labels, unknown
/// outcome words, NaN and infinite numbers, feedback out of range, null, infinite, BC and year-20000 timestamps,
/// nanoseconds in a microsecond column — give, in DuckDB and in PostgreSQL, the statistics of the reader's log: the
/// generated SQL applies the reader's acceptance rules, and the profile counts each rejection reason as the reader does.
/// </summary>
[Collection(EnginesGroup.Name)]
public sealed class HostileTableTests(Engines engines)
{
    public sealed record HostileRow(string? Customer, long? Micros, string? Special, string? Touchpoint, string? Channel, string? Stage, string? Outcome, double? Value, double? Feedback, long Seq);

    public sealed record HostileTable(int Seed, IReadOnlyList<HostileRow> Rows, SqlTimestampKind Kind)
    {
        public override string ToString() => $"seed {Seed}: {Rows.Count} rows, {Kind}";
    }

    public static class Tables
    {
        public static Arbitrary<HostileTable> Hostile() => Arb.From(ArbMap.Default.GeneratorFor<DoNotSize<int>>().Select(s => Create(s.Item)));
    }

    [FsCheck.Xunit.Property(MaxTest = 15, Arbitrary = [typeof(Tables)])]
    public void DuckDb_EveryStatistic_IsTheReadersLogs(HostileTable table) => Check(SqlDialect.DuckDb, table);

    [PostgresProperty(MaxTest = 15, Arbitrary = [typeof(Tables)])]
    public void PostgreSql_EveryStatistic_IsTheReadersLogs(HostileTable table) => Check(SqlDialect.PostgreSql, table);

    [Fact]
    public Task DuckDbInfinity_AndOutOfRangeTimestamps_AreNamedByTheReader_AndLeftOutOfTheProfile() => TimestampEdges(SqlDialect.DuckDb);

    [PostgresFact]
    public Task PostgresInfinity_AndOutOfRangeTimestamps_AreNamedByTheReader_AndLeftOutOfTheProfile() => TimestampEdges(SqlDialect.PostgreSql);

    // PostgreSQL's 'infinity' used to fail every method with 0A000 (cannot convert infinity to bigint), DuckDB's to be
    // rejected as "null"; years 20000 and 4000 BC made ProfileAsync throw converting microseconds to ticks.
    private async Task TimestampEdges(SqlDialect dialect)
    {
        {
            using DbConnection connection = engines.Open(dialect);
            HostileRow[] rows =
            [
                new("a", 1_700_000_000_000_000, null, "Home", null, null, null, null, null, 0),
                new("a", null, "infinity", "Home", null, null, null, null, null, 1),
                new("b", null, "-infinity", "Home", null, null, null, null, null, 2),
                new("c", 569_000_000_000_000_000, null, "Home", null, null, null, null, null, 3),   // year 20000
                new("d", -188_000_000_000_000_000, null, "Home", null, null, null, null, null, 4),  // 4000 BC
            ];
            Load(connection, "ts_edges", rows);
            var source = new SqlEventSource(connection, dialect, Mapping("ts_edges", SqlTimestampKind.TimestampWithTimeZone));
            var builder = new EventLogBuilder();
            IngestReport report = await source.ReadEventLogAsync(builder);
            Assert.Equal((5L, 1L), (report.RowsRead, report.RowsAccepted));
            Assert.Equal(2, report.Rejections.Count(r => r.Message == "The timestamp is infinite."));
            Assert.Equal(2, report.Rejections.Count(r => r.Message == "The timestamp lies outside years 1 to 9999."));
            SqlTableProfile profile = await source.ProfileAsync();
            Assert.Equal((5L, 1L, 1L, 4L), (profile.Rows, profile.Events, profile.Customers, profile.LeftOut[RejectReason.BadTimestamp]));
            Assert.Equal(new DateTimeOffset(DateTime.UnixEpoch.AddTicks(17_000_000_000_000_000), TimeSpan.Zero), profile.First);
            Assert.Single((await source.VariantsAsync(10)));
        }
    }

    private void Check(SqlDialect dialect, HostileTable table)
    {
        using DbConnection connection = engines.Open(dialect);
        Load(connection, "hostile", table.Rows);
        var source = new SqlEventSource(connection, dialect, Mapping("hostile", table.Kind));
        var builder = new EventLogBuilder();
        IngestReport report = source.ReadEventLogAsync(builder).GetAwaiter().GetResult();
        EventLog log = builder.Build();
        Assert.Equal(table.Rows.Count, report.RowsRead);

        SqlTableProfile profile = source.ProfileAsync().GetAwaiter().GetResult();
        Assert.Equal((report.RowsRead, report.RowsAccepted, (long)log.CustomerCount), (profile.Rows, profile.Events, profile.Customers));
        Assert.Equal(report.RejectionCounts.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key), profile.LeftOut.OrderBy(kv => kv.Key));

        Equivalence.AssertAllEqual(source, new TestLog(table.Seed, log)).GetAwaiter().GetResult();
    }

    private static SqlEventTable Mapping(string table, SqlTimestampKind kind) => EventTables.Mapping(table, kind);

    public static HostileTable Create(int seed)
    {
        var random = new Random(seed);
        string[] customers = ["c1", " c1", "c1\t", "c2", "c\u00A03", "", "  ", null!, "O'Brien"];
        string[] touchpoints = ["Home", " Home ", "Cart", "Checkout", "", "\t", "(start)", "a > b", null!, "Product 'A'"];
        string[] channels = ["web", " web", "email", "", "  ", "(unknown)", null!];
        string[] stages = ["Awareness", "Consideration ", "Purchase", "", "(end)", null!];
        string[] outcomes = ["conversion", " Conversion ", "churn", "CHURN", "none", "", "purchase", null!, null!, null!];
        // Values are not negative (attribution refuses a negative conversion value) and feedback is whole (NPS refuses
        // 7.5): those are the analyses' own refusals, the same in memory and in SQL, not the reader's.
        double?[] values = [null, null, 3, 7.5, 10, 11, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 9];
        double?[] feedback = [null, null, 3, 10, 11, -1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 9];
        var kind = (SqlTimestampKind)random.Next(3);
        var rows = new List<HostileRow>();
        int count = random.Next(1, 60);
        long at = 1_700_000_000_000_000L;
        for (int i = 0; i < count; i++)
        {
            at += random.Next(3) == 0 ? 0 : random.Next(1, 5_000) * 1_000_000L;
            (long? micros, string? special) = random.Next(14) switch
            {
                0 => ((long?)null, (string?)null),
                1 => (at, kind == SqlTimestampKind.EpochMicroseconds ? null : "infinity"),
                2 => (569_000_000_000_000_000L, null),       // year 20000
                3 => (-188_000_000_000_000_000L, null),      // 4000 BC
                4 => (at * 1000, null),                      // nanoseconds read as microseconds
                _ => (at, null),
            };
            rows.Add(new HostileRow(
                Pick(customers), micros, special, Pick(touchpoints), Pick(channels), Pick(stages), Pick(outcomes),
                Pick(values), random.Next(3) == 0 ? Pick(feedback) : random.Next(0, 11), 0));
        }

        var shuffled = rows.OrderBy(_ => random.Next()).Select((r, i) => r with { Seq = i }).ToList();
        return new HostileTable(seed, shuffled, kind);

        T Pick<T>(T[] items) => items[random.Next(items.Length)];
    }

    private static void Load(DbConnection connection, string table, IEnumerable<HostileRow> rows)
    {
        bool duck = connection is DuckDBConnection;
        string q = (duck ? SqlDialect.DuckDb : SqlDialect.PostgreSql).QuoteIdentifier(table);
        EventTables.Execute(connection, "DROP TABLE IF EXISTS jk_hostile_staging");
        EventTables.Execute(connection, $"DROP TABLE IF EXISTS {q}");
        string text = duck ? "VARCHAR" : "TEXT";
        EventTables.Execute(connection, $"CREATE TABLE jk_hostile_staging (customer_id {text}, ts_us BIGINT, special {text}, touchpoint {text}, channel {text}, stage {text}, outcome {text}, value DOUBLE PRECISION, feedback DOUBLE PRECISION, seq BIGINT)");
        if (connection is DuckDBConnection d)
        {
            using var appender = d.CreateAppender("jk_hostile_staging");
            foreach (var r in rows)
            {
                appender.CreateRow().AppendValue(r.Customer).AppendValue(r.Micros).AppendValue(r.Special).AppendValue(r.Touchpoint).AppendValue(r.Channel)
                    .AppendValue(r.Stage).AppendValue(r.Outcome).AppendValue(r.Value).AppendValue(r.Feedback).AppendValue(r.Seq).EndRow();
            }
        }
        else
        {
            using var importer = ((NpgsqlConnection)connection).BeginBinaryImport("COPY jk_hostile_staging FROM STDIN (FORMAT BINARY)");
            foreach (var r in rows)
            {
                importer.StartRow();
                Write(importer, r.Customer, NpgsqlDbType.Text);
                Write(importer, r.Micros, NpgsqlDbType.Bigint);
                Write(importer, r.Special, NpgsqlDbType.Text);
                Write(importer, r.Touchpoint, NpgsqlDbType.Text);
                Write(importer, r.Channel, NpgsqlDbType.Text);
                Write(importer, r.Stage, NpgsqlDbType.Text);
                Write(importer, r.Outcome, NpgsqlDbType.Text);
                Write(importer, r.Value, NpgsqlDbType.Double);
                Write(importer, r.Feedback, NpgsqlDbType.Double);
                importer.Write(r.Seq, NpgsqlDbType.Bigint);
            }

            importer.Complete();
        }

        // The same instant in the three kinds; infinite where asked (a microsecond column has no infinity).
        string tz = duck ? "TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(ts_us)" : "TIMESTAMPTZ '1970-01-01 00:00:00+00' + ts_us * INTERVAL '1 microsecond'";
        string plain = duck ? "make_timestamp(ts_us)" : "TIMESTAMP '1970-01-01 00:00:00' + ts_us * INTERVAL '1 microsecond'";
        EventTables.Execute(connection, $"""
            CREATE TABLE {q} AS
            SELECT customer_id,
                   CASE special WHEN 'infinity' THEN CAST('infinity' AS TIMESTAMPTZ) WHEN '-infinity' THEN CAST('-infinity' AS TIMESTAMPTZ) ELSE {tz} END AS ts_tz,
                   CASE special WHEN 'infinity' THEN CAST('infinity' AS TIMESTAMP) WHEN '-infinity' THEN CAST('-infinity' AS TIMESTAMP) ELSE {plain} END AS ts_plain,
                   ts_us, touchpoint, channel, stage, outcome, value, feedback, seq
            FROM jk_hostile_staging
            """);
        EventTables.Execute(connection, "DROP TABLE jk_hostile_staging");
    }

    private static void Write<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }
}
