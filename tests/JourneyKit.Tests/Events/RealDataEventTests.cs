using System.Globalization;
using JourneyKit.Events;

namespace JourneyKit.Tests.Events;

public class RealDataEventTests
{
    private static readonly IngestOptions ProcessLog = new()
    {
        Columns = new EventColumns { CustomerId = "case_id", Touchpoint = "activity" },
        Policy = IngestPolicy.Strict,
    };

    [Theory]
    [InlineData("bpic2012_events.csv", 262_200, 13_087)]
    [InlineData("receipt_events.csv", 8_577, 1_434)]
    public void ProcessLog_IngestsEveryRowAndMatchesAnIndependentReading(string file, int events, int cases)
    {
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsvFile(Datasets.PathOf(file), builder, ProcessLog);
        var log = builder.Build();

        Assert.Equal(events, report.RowsRead);
        Assert.Equal(events, report.RowsAccepted);
        Assert.Equal(events, log.EventCount);
        Assert.Equal(cases, log.CustomerCount);

        // Independent reading (the files have no quoted fields): group rows by case in file order, then a stable
        // order by instant. That must be exactly the log's order — equal timestamps keep file order.
        var rows = File.ReadLines(Datasets.PathOf(file)).Skip(1)
            .Select((line, index) => (Fields: line.Split(','), Index: index))
            .Select(r => (Case: r.Fields[0], Activity: r.Fields[1], Instant: DateTimeOffset.Parse(r.Fields[2], CultureInfo.InvariantCulture), r.Index))
            .ToList();
        var expected = rows.GroupBy(r => r.Case).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Instant.UtcTicks).ToList());
        int equalTimestampPairs = 0;
        foreach (var journey in log.Journeys)
        {
            var want = expected[journey.CustomerId];
            Assert.Equal(want.Select(r => r.Activity), journey.TouchpointNames());
            Assert.Equal(want.Select(r => r.Instant.UtcTicks), journey.UtcTicks.ToArray());
            for (int i = 1; i < want.Count; i++)
            {
                equalTimestampPairs += want[i].Instant == want[i - 1].Instant ? 1 : 0;
            }

            // Durations are between instants, computed from the offsets in the file.
            Assert.Equal(want[^1].Instant - want[0].Instant, journey.Duration);
        }

        if (file.StartsWith("bpic", StringComparison.Ordinal))
        {
            Assert.True(equalTimestampPairs > 1000, $"BPIC 2012 is known for equal timestamps within a case; found {equalTimestampPairs}.");
        }
    }

    [Fact]
    public void Bpic2012_FirstCase_HasTheFileDurations()
    {
        var builder = new EventLogBuilder();
        EventReader.ReadCsvFile(Datasets.PathOf("bpic2012_events.csv"), builder, ProcessLog);
        var log = builder.Build();
        var journey = log[log.FindCustomer("173688")];
        Assert.Equal("A_SUBMITTED", journey.TouchpointNames()[0]);
        Assert.Equal(new DateTimeOffset(2011, 10, 1, 0, 38, 44, 546, TimeSpan.FromHours(2)).UtcTicks, journey.UtcTicks[0]);
        Assert.Equal(0.334, TimeSpan.FromTicks(journey.UtcTicks[1] - journey.UtcTicks[0]).TotalSeconds, precision: 10);
    }
}
