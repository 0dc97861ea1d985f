using FsCheck.Xunit;

namespace JourneyKit.Sql.Tests;

/// <summary>
/// For random logs — equal timestamps, one-event journeys, ids and labels with quotes, spaces and non-ASCII text —
/// every statistic computed inside DuckDB and inside PostgreSQL equals the in-memory analysis of the same events.
/// </summary>
[Collection(EnginesGroup.Name)]
public sealed class SqlEventSourceEquivalenceTests(Engines engines)
{
    [Property(MaxTest = 40, Arbitrary = [typeof(TestLogs)])]
    public void DuckDb_EveryStatistic_EqualsInMemory(TestLog data) => Check(SqlDialect.DuckDb, data);

    [PostgresProperty(MaxTest = 40, Arbitrary = [typeof(TestLogs)])]
    public void PostgreSql_EveryStatistic_EqualsInMemory(TestLog data) => Check(SqlDialect.PostgreSql, data);

    private void Check(SqlDialect dialect, TestLog data)
    {
        using var connection = engines.Open(dialect);
        EventTables.Load(connection, "events", data.Rows);
        var source = new SqlEventSource(connection, dialect, EventTables.Mapping("events"));
        Equivalence.AssertAllEqual(source, data).GetAwaiter().GetResult();
    }
}
