using FsCheck.Xunit;
using JourneyKit.Events;

namespace JourneyKit.Tests.Events;

public class EventCsvRoundTripTests
{
    [Property(Arbitrary = [typeof(EventArbitraries)])]
    public bool WriteThenRead_GivesEqualLog(RawEvents raw)
    {
        var log = EventArbitraries.Build(raw.Events);
        var text = new StringWriter();
        EventCsvWriter.Write(log, text);
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader(text.ToString()), builder);
        return report.RowsRejected == 0 && report.RowsRead == log.EventCount && builder.Build().ContentEquals(log);
    }

    [Fact]
    public void WriteThenRead_AwkwardText_IsQuotedAndRestored()
    {
        var log = new EventLogBuilder()
            .Add(new JourneyEvent("o'brien, \"jr\"", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)), "line\nbreak, comma") { Value = 0.1 + 0.2 })
            .Build();
        var text = new StringWriter();
        EventCsvWriter.Write(log, text);
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader(text.ToString()), builder);
        Assert.Equal(0, report.RowsRejected);
        var back = builder.Build();
        Assert.True(back.ContentEquals(log));
        Assert.Equal(0.1 + 0.2, back.GetEvent(0).Value);
    }

    [Fact]
    public void Generator_WriteCsv_ReadsBackToTheGeneratedLog()
    {
        var map = SampleMaps.ECommerce();
        var generator = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 200, Seed = 7 });
        var text = new StringWriter();
        generator.WriteCsv(text);
        var builder = new EventLogBuilder(map);
        var report = EventReader.ReadCsv(new StringReader(text.ToString()), builder);
        Assert.Equal(0, report.RowsRejected);
        Assert.True(builder.Build().ContentEquals(generator.Generate()));
    }
}
