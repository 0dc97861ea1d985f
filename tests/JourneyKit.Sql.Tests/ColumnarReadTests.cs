using System.Data.Common;
using System.Text;
using FsCheck.Xunit;
using JourneyKit.Events;

namespace JourneyKit.Sql.Tests;

/// <summary>
/// <see cref="SqlEventSource.ReadEventLogAsync(CancellationToken)"/> on DuckDB reads dense integer columns (the database
/// numbers ids and checks rows): its log holds exactly the journeys the row path (the builder overload) reads, customers
/// and labels numbered by first appearance, and every table it cannot read that way still gives the row path's answer.
/// </summary>
public sealed class ColumnarReadTests
{
    [Property(MaxTest = 40, Arbitrary = [typeof(TestLogs)])]
    public void ColumnarRead_HoldsTheRowPathsJourneys(TestLog data)
    {
        using var connection = Engines.DuckDb();
        EventTables.Load(connection, "events", data.Rows);
        var table = EventTables.Mapping("events");
        // The order column, then the labels in binary order, break ties of time; both must hold.
        foreach (var mapping in new[] { table, table with { OrderColumn = null, ValueColumn = null, FeedbackColumn = null } })
        {
            var source = new SqlEventSource(connection, SqlDialect.DuckDb, mapping);
            var columnar = source.ReadEventLogAsync(CancellationToken.None).GetAwaiter().GetResult();
            var builder = new EventLogBuilder();
            source.ReadEventLogAsync(builder, new IngestOptions { Policy = IngestPolicy.Strict }).GetAwaiter().GetResult();
            AssertSameJourneys(builder.Build(), columnar, exactOrder: mapping.OrderColumn is not null);
            AssertFirstAppearanceOrder(columnar);
        }
    }

    [Fact]
    public async Task PaddedIdsAndLabels_AreTrimmedAndMerged_AsTheReaderDoes()
    {
        using var connection = Engines.DuckDb();
        EventTables.Execute(connection, "CREATE TABLE padded (customer_id VARCHAR, ts BIGINT, touchpoint VARCHAR, channel VARCHAR, stage VARCHAR, outcome VARCHAR)");
        EventTables.Execute(connection, """
            INSERT INTO padded VALUES
              ('a', 3, 'Home', 'web', 'Awareness', NULL), (' a', 1, ' Home', ' ', 'Awareness ', ' Conversion '), ('a ', 2, 'Cart', '', NULL, ''),
              (chr(160) || 'b', 2, 'Home\t', 'email', NULL, 'CHURN'), ('b', 1, 'Cart', 'web', 'Purchase', 'none'), ('😀', 1, 'Café''s', 'web', NULL, NULL), ('😀', 2, 'x' || chr(0) || 'y', 'web', NULL, NULL)
            """);
        var source = new SqlEventSource(connection, SqlDialect.DuckDb, new SqlEventTable("padded")
        {
            TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds, ChannelColumn = "channel", StageColumn = "stage", OutcomeColumn = "outcome",
        });
        var columnar = await source.ReadEventLogAsync(CancellationToken.None);
        var builder = new EventLogBuilder();
        await source.ReadEventLogAsync(builder, new IngestOptions { Policy = IngestPolicy.Strict });
        AssertSameJourneys(builder.Build(), columnar);
        Assert.Equal(["a", "b", "😀"], columnar.CustomerIds);
        Assert.Equal(3, columnar.Journeys.First().Count);
        Assert.Equal([EventOutcome.Conversion, EventOutcome.None, EventOutcome.None], columnar.Outcomes[..3].ToArray());
    }

    [Theory]
    [InlineData(-4_000_000_000_000_000_000L, 9_000_000_000_000_000_000L)] // a range beyond 32 bits: the tiebreak kept in 8 bytes
    [InlineData(-3L, 4_000_000_000L)] // within 32 bits: kept as the offset from the least value in 4
    public async Task OrderColumn_BreaksTiesOfTime_NullsLast_WhateverItsRange(long least, long greatest)
    {
        using var connection = Engines.DuckDb();
        EventTables.Execute(connection, "CREATE TABLE ties (customer_id VARCHAR, ts BIGINT, touchpoint VARCHAR, seq BIGINT)");
        EventTables.Execute(connection, $"INSERT INTO ties VALUES ('a', 1, 'third', {greatest}), ('a', 1, 'last', NULL), ('a', 1, 'first', {least}), ('a', 1, 'second', 7), ('a', 0, 'zeroth', {greatest}), ('b', 1, 'only', NULL)");
        var source = new SqlEventSource(connection, SqlDialect.DuckDb, new SqlEventTable("ties") { TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds, OrderColumn = "seq" });
        var columnar = await source.ReadEventLogAsync(CancellationToken.None);
        var builder = new EventLogBuilder();
        await source.ReadEventLogAsync(builder, new IngestOptions { Policy = IngestPolicy.Strict });
        AssertSameJourneys(builder.Build(), columnar);
        Assert.Equal(["zeroth", "first", "second", "third", "last"], columnar[columnar.FindCustomer("a")].TouchpointNames());
    }

    [Fact]
    public async Task TablesTheColumnarPathDoesNotRead_GiveTheRowPathsAnswer()
    {
        using var connection = Engines.DuckDb();
        EventTables.Execute(connection, "CREATE TABLE odd (customer_id VARCHAR, ts BIGINT, touchpoint VARCHAR, seq VARCHAR, session VARCHAR)");
        EventTables.Execute(connection, "INSERT INTO odd VALUES ('a', 1, 'Home', 'y', 's1'), ('a', 1, 'Cart', 'x', 's1'), ('b', 2, 'Home', 'z', NULL)");
        var table = new SqlEventTable("odd") { TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds };

        // A text order column (ties by text) and a session column: read row by row, with the same result.
        foreach (var mapping in new[] { table with { OrderColumn = "seq" }, table with { SessionColumn = "session" } })
        {
            var source = new SqlEventSource(connection, SqlDialect.DuckDb, mapping);
            var builder = new EventLogBuilder();
            await source.ReadEventLogAsync(builder, new IngestOptions { Policy = IngestPolicy.Strict });
            AssertSameJourneys(builder.Build(), await source.ReadEventLogAsync(CancellationToken.None));
        }

        // A bad row: the row path names it, as before.
        EventTables.Execute(connection, "INSERT INTO odd VALUES ('c', 3, '(start)', 'w', NULL)");
        var error = await Assert.ThrowsAsync<IngestException>(() => new SqlEventSource(connection, SqlDialect.DuckDb, table).ReadEventLogAsync(CancellationToken.None));
        Assert.Contains("(start)", error.Message, StringComparison.Ordinal);

        // A row whose own numbers the reader refuses (feedback out of range; checked per row, not per distinct value).
        EventTables.Execute(connection, "CREATE TABLE scored (customer_id VARCHAR, ts BIGINT, touchpoint VARCHAR, feedback DOUBLE)");
        EventTables.Execute(connection, "INSERT INTO scored VALUES ('a', 1, 'Home', 9), ('b', 2, 'Home', 11)");
        var scored = new SqlEventSource(connection, SqlDialect.DuckDb, new SqlEventTable("scored") { TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds, FeedbackColumn = "feedback" });
        var outOfRange = await Assert.ThrowsAsync<IngestException>(() => scored.ReadEventLogAsync(CancellationToken.None));
        Assert.Contains("feedback", outOfRange.Message, StringComparison.OrdinalIgnoreCase);

        // The columnar read leaves no tables of its own behind.
        Assert.Equal(0, EventTables.Scalar(connection, "SELECT COUNT(*) FROM duckdb_tables() WHERE table_name LIKE 'jk_import_%'"));
    }

    // The event query's rows are placed on a second thread in batches of 16K rows, four in flight: with 200K rows and
    // every journey spread over all of them, a batch placed out of turn or a row lost at a batch's end shows.
    [Fact]
    public async Task ATableOfManyBatches_IsPlacedInTheOrderRead()
    {
        using var connection = Engines.DuckDb();
        EventTables.Execute(connection, """
            CREATE TABLE many AS
            SELECT 'c' || CAST(i % 997 AS VARCHAR) AS customer_id, i // 3 AS ts, 'tp' || CAST(hash(i) % 40 AS VARCHAR) AS touchpoint,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE 'ch' || CAST(i % 4 AS VARCHAR) END AS channel,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i AS DOUBLE) / 8 END AS value,
                   CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i % 11 AS DOUBLE) END AS feedback,
                   CASE WHEN i % 13 = 0 THEN NULL ELSE 300000 - i END AS seq
            FROM range(200000) r(i)
            """);
        var table = new SqlEventTable("many")
        {
            TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds, ChannelColumn = "channel", ValueColumn = "value", FeedbackColumn = "feedback", OrderColumn = "seq",
        };
        var source = new SqlEventSource(connection, SqlDialect.DuckDb, table);
        var columnar = await source.ReadEventLogAsync(CancellationToken.None);
        var builder = new EventLogBuilder();
        await source.ReadEventLogAsync(builder, new IngestOptions { Policy = IngestPolicy.Strict });
        Assert.Equal(200_000, columnar.EventCount);
        AssertSameJourneys(builder.Build(), columnar);
    }

    // A table that changes between the count and the read (here a view keeping each row by chance on every scan): the
    // placing thread finds a customer with more events than counted, and that error ends the read, not a hang. The
    // first 16K rows belong to 100 customers of their own, so the error comes in the first batch (some of the 100 gain
    // events on the second scan, all but certainly) while six more batches remain to be read.
    [Fact]
    public async Task ATableChangingDuringTheRead_EndsItWithTheError()
    {
        using var connection = Engines.DuckDb();
        EventTables.Execute(connection, """
            CREATE TABLE steady AS
            SELECT CASE WHEN i < 16000 THEN 'early' || CAST(i % 100 AS VARCHAR) ELSE 'late' || CAST(i % 997 AS VARCHAR) END AS customer_id, i AS ts, 'Home' AS touchpoint
            FROM range(200000) r(i)
            """);
        EventTables.Execute(connection, "CREATE VIEW shaky AS SELECT * FROM steady WHERE random() < 0.5");
        var source = new SqlEventSource(connection, SqlDialect.DuckDb, new SqlEventTable("shaky") { TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ReadEventLogAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("more events than the table counted a moment before", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, EventTables.Scalar(connection, "SELECT COUNT(*) FROM duckdb_tables() WHERE table_name LIKE 'jk_import_%'"));
    }

    // Cancelled while the event query is being read and placed (a function in the view counts the rows scanned and
    // cancels 200K rows into the second scan, the event query's, of 1M rows): the read ends promptly with the
    // cancellation — it does not read on to the end, hang on the placing thread, or leave its tables behind.
    [Fact]
    public async Task Cancelled_WhileEventsArePlaced_EndsTheReadPromptly()
    {
        using var connection = Engines.DuckDb();
        using var cancellation = new CancellationTokenSource();
        long scanned = 0;
        ((DuckDB.NET.Data.DuckDBConnection)connection).RegisterScalarFunction<long, bool>(
            "jk_scanned",
            (_, writer, rows) =>
            {
                if (Interlocked.Add(ref scanned, (long)rows) > 1_200_000)
                {
                    cancellation.Cancel();
                }

                for (ulong i = 0; i < rows; i++)
                {
                    writer.WriteValue(true, i);
                }
            },
            new DuckDB.NET.Data.ScalarFunctionOptions { IsPureFunction = false });
        EventTables.Execute(connection, "CREATE TABLE steady AS SELECT 'c' || CAST(i % 997 AS VARCHAR) AS customer_id, i AS ts, 'Home' AS touchpoint FROM range(1000000) r(i)");
        EventTables.Execute(connection, "CREATE VIEW watched AS SELECT * FROM steady WHERE jk_scanned(ts)");
        var source = new SqlEventSource(connection, SqlDialect.DuckDb, new SqlEventTable("watched") { TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.ReadEventLogAsync(cancellation.Token).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.InRange(Interlocked.Read(ref scanned), 1_200_001, 1_800_000);
        Assert.Equal(0, EventTables.Scalar(connection, "SELECT COUNT(*) FROM duckdb_tables() WHERE table_name LIKE 'jk_import_%'"));
    }

    // Without an order column, events equal in time and labels (differing in outcome or numbers) have no defined order
    // in either read: their keys must match in order and the events as a bag.
    [Fact]
    public async Task ADatabaseOpenedReadOnly_IsReadColumnar_ItsTemporaryTablesLiveApart()
    {
        // The columnar read writes only temporary tables, which DuckDB keeps in memory even for a read-only database.
        string file = Path.Combine(Path.GetTempPath(), "jk-columnar-" + Guid.NewGuid().ToString("N") + ".duckdb");
        try
        {
            using (var writer = new DuckDB.NET.Data.DuckDBConnection("Data Source=" + file))
            {
                writer.Open();
                EventTables.Execute(writer, "CREATE TABLE e (customer_id VARCHAR, ts BIGINT, touchpoint VARCHAR)");
                EventTables.Execute(writer, "INSERT INTO e VALUES ('a', 2, 'Cart'), ('b', 1, 'Home'), ('a', 1, 'Home')");
            }

            using var reader = new DuckDB.NET.Data.DuckDBConnection("Data Source=" + file + ";ACCESS_MODE=READ_ONLY");
            reader.Open();
            var log = await new SqlEventSource(reader, SqlDialect.DuckDb, new SqlEventTable("e") { TimestampColumn = "ts", TimestampKind = SqlTimestampKind.EpochMicroseconds })
                .ReadEventLogAsync(CancellationToken.None);
            Assert.Equal(["a", "b"], log.CustomerIds);
            Assert.Equal(["Home", "Cart"], log.Journeys.First().Events().Select(e => e.Touchpoint));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertSameJourneys(EventLog expected, EventLog actual, bool exactOrder = true)
    {
        Assert.Equal(expected.EventCount, actual.EventCount);
        Assert.Equal(expected.CustomerCount, actual.CustomerCount);
        var byCustomer = expected.Journeys.ToDictionary(j => j.CustomerId, j => Enumerable.Range(j.Start, j.Count).Select(expected.GetEvent).ToList());
        foreach (var journey in actual.Journeys)
        {
            var events = Enumerable.Range(journey.Start, journey.Count).Select(actual.GetEvent).ToList();
            var wanted = byCustomer[journey.CustomerId];
            if (exactOrder)
            {
                Assert.Equal(wanted, events);
            }
            else
            {
                Assert.Equal(wanted.Select(e => (e.Timestamp, e.Touchpoint, e.Channel, e.Stage)), events.Select(e => (e.Timestamp, e.Touchpoint, e.Channel, e.Stage)));
                Assert.Equal(wanted.Select(e => e.ToString()).Order(StringComparer.Ordinal), events.Select(e => e.ToString()).Order(StringComparer.Ordinal));
            }
        }

        Assert.Equal(expected.TouchpointNames.Order(StringComparer.Ordinal), actual.TouchpointNames.Order(StringComparer.Ordinal));
        Assert.Equal(expected.ChannelNames.Order(StringComparer.Ordinal), actual.ChannelNames.Order(StringComparer.Ordinal));
    }

    // Customers by their first event's time, then the id in binary (UTF-8) order.
    private static void AssertFirstAppearanceOrder(EventLog log)
    {
        var journeys = log.Journeys.ToList();
        for (int i = 1; i < journeys.Count; i++)
        {
            long previous = log.UtcTicks[journeys[i - 1].Start], current = log.UtcTicks[journeys[i].Start];
            Assert.True(previous < current || (previous == current && Utf8(journeys[i - 1].CustomerId, journeys[i].CustomerId) < 0),
                $"'{journeys[i - 1].CustomerId}' comes before '{journeys[i].CustomerId}'");
        }
    }

    private static int Utf8(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
