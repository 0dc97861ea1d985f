using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Serialization;

namespace JourneyKit.Tests.Events;

/// <summary>What a newcomer's CRM export needs: no silent loss, outcomes from actions, decimal commas, UTC DateTimes.</summary>
public class IngestOptionsTests
{
    private static IngestReport Read(string csv, IngestOptions? options, out EventLog log)
    {
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader(csv), builder, options);
        log = builder.Build();
        return report;
    }

    [Fact]
    public void ExplicitlyMappedColumnMissingFromTheHeader_IsAnErrorListingTheHeader()
    {
        const string csv = "customer_id,timestamp,touchpoint,feedback\nc1,2026-03-01T10:00:00Z,a,9\n";
        var ex = Assert.Throws<InvalidDataException>(() => Read(csv, new IngestOptions { Columns = new EventColumns { Feedback = "feedbak" } }, out _));
        Assert.Contains("'feedbak'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'feedback'", ex.Message, StringComparison.Ordinal); // the header is listed
    }

    [Fact]
    public void HeaderColumnsNoMappingReads_AreListedInTheReport()
    {
        var report = Read("customer_id,timestamp,touchpoint,plan,region\nc1,2026-03-01T10:00:00Z,a,pro,eu\n", null, out _);
        Assert.Equal(["plan", "region"], report.UnusedColumns);
        Assert.Contains("columns not read: plan, region", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OutcomeByTouchpoint_MarksConversions_AndTheOutcomeColumnWins()
    {
        const string csv = "customer_id,timestamp,touchpoint,outcome\nc1,2026-03-01T10:00:00Z,view,\nc1,2026-03-01T10:05:00Z,purchase,\nc2,2026-03-01T10:05:00Z,purchase,churn\nc3,2026-03-01T10:05:00Z,x,bought\n";
        var options = new IngestOptions
        {
            OutcomeByTouchpoint = new Dictionary<string, EventOutcome> { ["purchase"] = EventOutcome.Conversion },
            OutcomeValues = new Dictionary<string, EventOutcome> { ["bought"] = EventOutcome.Conversion },
        };
        var report = Read(csv, options, out var log);
        Assert.Equal(4, report.RowsAccepted);
        Assert.Equal([EventOutcome.None, EventOutcome.Conversion, EventOutcome.Churn, EventOutcome.Conversion], log.Events().Select(e => e.Outcome));
    }

    [Property(MaxTest = 100)]
    public Property OutcomeMapping_NeverDropsARow()
    {
        var row = Gen.Zip(Gen.Elements("view", "purchase", "cancel", ""), Gen.Elements("", "conversion", "bought", "weird"));
        return Prop.ForAll(Gen.ListOf(row).ToArbitrary(), rows =>
        {
            string csv = "customer_id,timestamp,touchpoint,outcome\n" + string.Concat(rows.Select((r, i) => $"c{i % 3},2026-03-01T10:00:{i % 60:00}Z,{r.Item1},{r.Item2}\n"));
            var plain = Read(csv, null, out _);
            var mapped = Read(csv, new IngestOptions
            {
                OutcomeByTouchpoint = new Dictionary<string, EventOutcome> { ["purchase"] = EventOutcome.Conversion, ["cancel"] = EventOutcome.Churn },
            }, out _);
            return (plain.RowsRead == mapped.RowsRead && plain.RowsAccepted == mapped.RowsAccepted).Label($"{plain} vs {mapped}")
                .And(mapped.RowsAccepted + mapped.RowsRejected == mapped.RowsRead).Label("read = accepted + rejected");
        });
    }

    [Fact]
    public void DecimalComma_NeedsTheCulture_AndSaysSo()
    {
        const string csv = "customer_id;timestamp;touchpoint;value\nc1;2026-03-01T10:00:00Z;a;12,50\n";
        var invariant = Read(csv, null, out _);
        Assert.Contains("NumberCulture", Assert.Single(invariant.Rejections).Message, StringComparison.Ordinal);
        var german = Read(csv, new IngestOptions { NumberCulture = CultureInfo.GetCultureInfo("de-DE") }, out var log);
        Assert.Equal(1, german.RowsAccepted);
        Assert.Equal(12.5, log.Values[0], precision: 12);
    }

    [Fact]
    public void DateTimeOverloads_AcceptUtc_AndRefuseLocalOrUnspecified()
    {
        var builder = new EventLogBuilder();
        builder.Add("c1", new DateTime(2026, 3, 4, 17, 22, 10, DateTimeKind.Utc), "cart");
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 17, 22, 10, TimeSpan.Zero).UtcTicks, builder.Build().UtcTicks[0]);
        var ex = Assert.Throws<ArgumentException>(() => builder.Add("c1", new DateTime(2026, 3, 4, 17, 22, 10), "cart"));
        Assert.Contains("NaiveTimestampZone", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => builder.Add("c1", new DateTime(2026, 3, 4, 17, 22, 10, DateTimeKind.Local), "cart"));
        Assert.Throws<ArgumentException>(() => new JourneyEvent("c1", new DateTime(2026, 3, 4), "cart"));
        Assert.Equal(1, builder.Count);
    }

    [Fact]
    public void MapJson_WritesLettersAsLetters()
    {
        var map = JourneyMap.CreateBuilder("m", "Bestellbestätigung für Müller's Kunden").AddStage("s", "Stufe").Build();
        string json = JourneyMapSerializer.Default.Serialize(map);
        Assert.Contains("Bestellbestätigung für Müller's Kunden", json, StringComparison.Ordinal);
        Assert.Equal(map.Name, JourneyMapSerializer.Default.Deserialize(json).Name);
    }
}
