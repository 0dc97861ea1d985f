using System.Data.Common;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Paths;

namespace JourneyKit.Sql.Tests;

[Collection(EnginesGroup.Name)]
public sealed class SqlEventSourceTests(Engines engines)
{
    // Each check runs once per engine: a DuckDB fact, and a PostgreSQL fact that is skipped with its reason where the
    // server binaries are missing outside CI.
    private static SqlDialect DialectOf(string name) => name == "PostgreSQL" ? SqlDialect.PostgreSql : SqlDialect.DuckDb;

    private DbConnection Open(string dialect) => engines.Open(DialectOf(dialect));

    [Fact]
    public Task TimestampKinds_AllThree_GiveTheSameJourneys_DuckDb() => TimestampKinds_AllThree_GiveTheSameJourneys("DuckDB");

    [PostgresFact]
    public Task TimestampKinds_AllThree_GiveTheSameJourneys_PostgreSql() => TimestampKinds_AllThree_GiveTheSameJourneys("PostgreSQL");

    [Fact]
    public Task HostileNames_AreQuotedNotExecuted_DuckDb() => HostileNames_AreQuotedNotExecuted("DuckDB");

    [PostgresFact]
    public Task HostileNames_AreQuotedNotExecuted_PostgreSql() => HostileNames_AreQuotedNotExecuted("PostgreSQL");

    [Fact]
    public Task ReadEventLog_ReportsEveryRejectedRowWithItsReason_DuckDb() => ReadEventLog_ReportsEveryRejectedRowWithItsReason("DuckDB");

    [PostgresFact]
    public Task ReadEventLog_ReportsEveryRejectedRowWithItsReason_PostgreSql() => ReadEventLog_ReportsEveryRejectedRowWithItsReason("PostgreSQL");

    [Fact]
    public Task ReadEventLog_KeepsJourneyOrderAndEveryColumn_DuckDb() => ReadEventLog_KeepsJourneyOrderAndEveryColumn("DuckDB");

    [PostgresFact]
    public Task ReadEventLog_KeepsJourneyOrderAndEveryColumn_PostgreSql() => ReadEventLog_KeepsJourneyOrderAndEveryColumn("PostgreSQL");

    private async Task TimestampKinds_AllThree_GiveTheSameJourneys(string dialect)
    {
        var data = TestLogs.Create(11);
        using var connection = Open(dialect);
        EventTables.Load(connection, "kinds", data.Rows);
        var expected = new PathAnalyzer().DirectlyFollows(data.Log);
        foreach (var kind in Enum.GetValues<SqlTimestampKind>())
        {
            var source = new SqlEventSource(connection, DialectOf(dialect), EventTables.Mapping("kinds", kind));
            Equivalence.SameGraph(expected, await source.DirectlyFollowsAsync(CancellationToken.None));
            var log = await source.ReadEventLogAsync(CancellationToken.None);
            Assert.Equal(data.Log.UtcTicks.ToArray().Order(), log.UtcTicks.ToArray().Order());
        }
    }

    private async Task HostileNames_AreQuotedNotExecuted(string dialect)
    {
        const string column = "x\"; DROP TABLE events; --";
        const string table = "ev'ents \"2\"";
        var d = DialectOf(dialect);
        using var connection = Open(dialect);
        EventTables.Execute(connection, "DROP TABLE IF EXISTS events");
        EventTables.Execute(connection, "CREATE TABLE events (id INTEGER)");
        EventTables.Execute(connection, $"DROP TABLE IF EXISTS {d.QuoteIdentifier(table)}");
        EventTables.Execute(connection, $"CREATE TABLE {d.QuoteIdentifier(table)} ({d.QuoteIdentifier(column)} VARCHAR(100), ts BIGINT, tp VARCHAR(100))");
        EventTables.Execute(connection, $"INSERT INTO {d.QuoteIdentifier(table)} VALUES ('a', 1, 'Home'), ('a', 2, 'Cart'), ('b', 1, 'Home')");
        var source = new SqlEventSource(connection, d, new SqlEventTable(table)
        {
            CustomerColumn = column,
            TimestampColumn = "ts",
            TimestampKind = SqlTimestampKind.EpochMicroseconds,
            TouchpointColumn = "tp",
        });

        var dfg = await source.DirectlyFollowsAsync(CancellationToken.None);
        Assert.Equal(1, dfg.Count("Home", "Cart"));

        // A value that looks like SQL travels as a parameter.
        var funnel = await source.FunnelAsync(new FunnelDefinition(FunnelStep.Touchpoint("Home"), FunnelStep.Touchpoint("x'); DROP TABLE events; --")) { AllowUnknownSteps = true });
        Assert.Equal([2L, 0L], funnel.Steps.Select(s => s.Entered));
        Assert.Equal(0, EventTables.Scalar(connection, "SELECT COUNT(*) FROM events"));
    }

    private async Task ReadEventLog_ReportsEveryRejectedRowWithItsReason(string dialect)
    {
        var d = DialectOf(dialect);
        using var connection = Open(dialect);
        EventTables.Execute(connection, "DROP TABLE IF EXISTS raw_events");
        EventTables.Execute(connection, "CREATE TABLE raw_events (customer_id VARCHAR(20), ts BIGINT, touchpoint VARCHAR(20), outcome VARCHAR(20), seq INTEGER)");
        EventTables.Execute(connection, """
            INSERT INTO raw_events VALUES
              ('a', 10, 'Home', NULL, 1), (NULL, 11, 'Home', NULL, 2), ('a', 12, '  ', NULL, 3), ('b', NULL, 'Home', NULL, 4),
              ('b', 13, 'Cart', 'refund', 5), ('b', 14, 'Buy', 'conversion', 6)
            """);
        var table = new SqlEventTable("raw_events") { TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds, OutcomeColumn = "outcome", OrderColumn = "seq" };
        var source = new SqlEventSource(connection, d, table);
        var builder = new EventLogBuilder();
        var report = await source.ReadEventLogAsync(builder);
        Assert.Equal((6L, 2L, 4L), (report.RowsRead, report.RowsAccepted, report.RowsRejected));
        Assert.Equal(
            [RejectReason.MissingCustomerId, RejectReason.MissingTouchpoint, RejectReason.BadTimestamp, RejectReason.UnknownOutcome],
            report.Rejections.Select(r => r.Reason).Order());
        var log = builder.Build();
        Assert.Equal(2, log.EventCount);
        Assert.Equal(EventOutcome.Conversion, log.Outcomes[^1]);

        // Strict: the first bad row stops the read and is named.
        var error = await Assert.ThrowsAsync<IngestException>(() => source.ReadEventLogAsync(CancellationToken.None));
        Assert.Contains("customer", error.Message, StringComparison.OrdinalIgnoreCase);

        // The profile counts what the reader accepts, and each row it rejects by the reader's reason.
        var profile = await source.ProfileAsync();
        Assert.Equal((6L, 2L, 2L), (profile.Rows, profile.Events, profile.Customers));
        Assert.Equal(report.RejectionCounts.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key), profile.LeftOut.OrderBy(kv => kv.Key));
    }

    private async Task ReadEventLog_KeepsJourneyOrderAndEveryColumn(string dialect)
    {
        var data = TestLogs.Create(5);
        using var connection = Open(dialect);
        EventTables.Load(connection, "events_read", data.Rows);
        var log = await new SqlEventSource(connection, DialectOf(dialect), EventTables.Mapping("events_read")).ReadEventLogAsync(CancellationToken.None);
        Assert.Equal(data.Log.EventCount, log.EventCount);
        static Dictionary<string, List<JourneyEvent>> ByCustomer(EventLog l) =>
            l.Journeys.ToDictionary(j => j.CustomerId, j => Enumerable.Range(j.Start, j.Count).Select(l.GetEvent).ToList());
        var expected = ByCustomer(data.Log);
        foreach (var (customer, events) in ByCustomer(log))
        {
            Assert.Equal(expected[customer], events);
        }
    }

    [Fact]
    public Task MisspelledFunnelStep_IsAnErrorNamingTheClosestLabel_DuckDb() => MisspelledFunnelStep(SqlDialect.DuckDb);

    [PostgresFact]
    public Task MisspelledFunnelStep_IsAnErrorNamingTheClosestLabel_PostgreSql() => MisspelledFunnelStep(SqlDialect.PostgreSql);

    private async Task MisspelledFunnelStep(SqlDialect dialect)
    {
        using var connection = engines.Open(dialect);
        EventTables.Load(connection, "events_funnel", TestLogs.Create(3).Rows);
        var source = new SqlEventSource(connection, dialect, EventTables.Mapping("events_funnel"));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => source.FunnelAsync(new FunnelDefinition(FunnelStep.Touchpoint("home"), FunnelStep.Touchpoint("Cart"))));
        Assert.Contains("closest: 'Home'", ex.Message, StringComparison.Ordinal);
        var allowed = await source.FunnelAsync(new FunnelDefinition(FunnelStep.Touchpoint("home"), FunnelStep.Touchpoint("Cart")) { AllowUnknownSteps = true });
        Assert.Equal(0, allowed.Steps[0].Entered);
    }

    [Fact]
    public async Task Unsupported_ShapesSayWhatAndWhere()
    {
        using var connection = Engines.DuckDb();
        EventTables.Load(connection, "events", TestLogs.Create(1).Rows);
        var source = new SqlEventSource(connection, SqlDialect.DuckDb, EventTables.Mapping("events"));
        var order2 = await Assert.ThrowsAsync<NotSupportedException>(() => source.TransitionCountsAsync(PathLevel.Stage, new MarkovEstimationOptions { Order = 2 }));
        Assert.Contains("order 2", order2.Message, StringComparison.Ordinal);
        Assert.Contains("DuckDB", order2.Message, StringComparison.Ordinal);
        var open = await Assert.ThrowsAsync<NotSupportedException>(() => source.FunnelAsync(new FunnelDefinition(FunnelStep.Stage("Awareness")) { IsOpen = true }));
        Assert.Contains("open funnel", open.Message, StringComparison.Ordinal);
        var predicate = await Assert.ThrowsAsync<NotSupportedException>(() => source.FunnelAsync(new FunnelDefinition(FunnelStep.Where("big", (l, e) => true))));
        Assert.Contains("'big'", predicate.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => new SqlEventSource(connection, SqlDialect.DuckDb, EventTables.Mapping("events"), new PathAnalyzerOptions { Filter = JourneyFilter.All.WithCustomers(id => id.Length > 1) }));
        Assert.Throws<NotSupportedException>(() => new SqlEventSource(connection, SqlDialect.PostgreSql, SqlEventTable.Parquet("events.parquet")));
        // Database variants carry their median, not the journeys' durations: merging them could not be exact, so it is refused.
        var variants = await source.VariantsAsync(100);
        var merge = Assert.Throws<ArgumentException>(() => PathVariant.Merge(variants, new PathAnalyzer().Variants(TestLogs.Create(1).Log)));
        Assert.Contains("inside a database", merge.Message, StringComparison.Ordinal);
        var blank = Assert.Throws<ArgumentException>(() => new SqlEventSource(connection, SqlDialect.DuckDb, new SqlEventTable("events") { StageColumn = " " }));
        Assert.Contains("StageColumn", blank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParquetFiles_AreReadInPlaceUnderAMemoryLimit()
    {
        var data = TestLogs.Create(23);
        string folder = Path.Combine(Path.GetTempPath(), "jk-parquet-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            using (var connection = Engines.DuckDb())
            {
                EventTables.Load(connection, "events", data.Rows);
                EventTables.Execute(connection, $"COPY (SELECT * FROM events WHERE seq % 2 = 0) TO '{Path.Combine(folder, "part-0.parquet")}' (FORMAT PARQUET)");
                EventTables.Execute(connection, $"COPY (SELECT * FROM events WHERE seq % 2 = 1) TO '{Path.Combine(folder, "part-1.parquet")}' (FORMAT PARQUET)");
            }

            using var fresh = Engines.DuckDb();
            await new DuckDbOptions { MemoryLimit = "256MB", TempDirectory = Path.Combine(folder, "spill"), Threads = 2 }.ApplyAsync(fresh);
            var table = SqlEventTable.Parquet(folder) with
            {
                TimestampColumn = "ts_tz", ChannelColumn = "channel", StageColumn = "stage", OutcomeColumn = "outcome", OrderColumn = "seq",
            };
            var source = new SqlEventSource(fresh, SqlDialect.DuckDb, table);
            Equivalence.SameGraph(new PathAnalyzer().DirectlyFollows(data.Log), await source.DirectlyFollowsAsync(CancellationToken.None));
            Equivalence.SameVariants(new PathAnalyzer().Variants(data.Log, 3), await source.VariantsAsync(3));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DuckDbOptions_RefuseANonSize_AndEveryOtherProblem_BeforeAnyStatementRuns()
    {
        using var connection = Engines.DuckDb();
        var error = await Assert.ThrowsAsync<InvalidOptionsException>(() => new DuckDbOptions { MemoryLimit = "1GB'; DROP TABLE x; --", Threads = 0 }.ApplyAsync(connection));
        Assert.Equal(["MemoryLimit", "Threads"], error.Problems.Select(p => p.Path));
    }

    [Fact]
    public async Task Cancelled_QueryDoesNotStart()
    {
        using var connection = Engines.DuckDb();
        EventTables.Load(connection, "events", TestLogs.Create(2).Rows);
        var source = new SqlEventSource(connection, SqlDialect.DuckDb, EventTables.Mapping("events"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.VariantsAsync(10, new CancellationToken(canceled: true)));
    }
}
