using JourneyKit.Events;
using JourneyKit.Paths;
using JourneyKit.Tests;

namespace JourneyKit.Sql.Tests;

/// <summary>The BPI Challenge 2012 loan log (262,200 events, 13,087 cases) loaded into both engines.</summary>
[Collection(EnginesGroup.Name)]
public sealed class RealDataTests(Engines engines)
{
    private static readonly Lazy<EventLog> Bpic = new(() =>
    {
        var builder = new EventLogBuilder();
        EventReader.ReadCsvFile(Datasets.PathOf("bpic2012_events.csv"), builder, new IngestOptions
        {
            Columns = new EventColumns { CustomerId = "case_id", Touchpoint = "activity" },
            Policy = IngestPolicy.Strict,
        });
        return builder.Build();
    });

    [Fact]
    public Task Bpic2012_InDuckDb_HasThePublishedVariantCount() => Check(SqlDialect.DuckDb);

    [PostgresFact]
    public Task Bpic2012_InPostgreSql_HasThePublishedVariantCount() => Check(SqlDialect.PostgreSql);

    private async Task Check(SqlDialect dialect)
    {
        var log = Bpic.Value;

        // seq = position in the in-memory log: its journey order (time, then file order) becomes the table's tiebreak.
        var rows = Enumerable.Range(0, checked((int)log.EventCount)).Select(e =>
        {
            var ev = log.GetEvent(e);
            return new TestRow(ev.CustomerId, (ev.Timestamp.UtcTicks - DateTime.UnixEpoch.Ticks) / 10, ev.Touchpoint, null, null, null, null, null, e);
        });
        using var connection = engines.Open(dialect);
        EventTables.Load(connection, "bpic2012", rows);
        var source = new SqlEventSource(connection, dialect, EventTables.Mapping("bpic2012"));

        var variants = await source.VariantsAsync(int.MaxValue);
        // BPI Challenge 2012 (all lifecycle events): 4,366 trace variants, as reported for the log — and as in memory.
        Assert.Equal(4366, variants.Count);
        Equivalence.SameVariants(new PathAnalyzer().Variants(log, 20), variants.Take(20).ToList());
        Assert.Equal(13_087, variants.Sum(v => v.Count));
        Equivalence.SameGraph(new PathAnalyzer().DirectlyFollows(log), await source.DirectlyFollowsAsync(CancellationToken.None));
    }
}
