using JourneyKit.Attribution;
using JourneyKit.Events;

namespace JourneyKit.Tests.Attribution;

/// <summary>One shape for every model: the same credits as the static entry points, on a data set from any source.</summary>
public class AttributionModelTests
{
    private static readonly PathRecord[] Paths =
    [
        PathRecord.Parse("search > email > direct", 3, 120, 1),
        PathRecord.Parse("social > direct", 1, 40, 4),
        PathRecord.Parse("search", 0, 0, 5),
        PathRecord.Parse("email > search > direct", 2, 60, 2),
    ];

    public static TheoryData<string> Models => new() { "linear", "markov", "shapley" };

    private static (IAttributionModel Model, AttributionResult Expected) Case(string name) => name switch
    {
        "linear" => (new HeuristicAttributionModel(HeuristicModel.Linear), HeuristicAttribution.Compute(Paths, HeuristicModel.Linear)),
        "markov" => (new MarkovAttributionModel(), MarkovAttribution.Compute(Paths)),
        _ => (new ShapleyAttributionModel(), ShapleyAttribution.Compute(Paths)),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_GivesTheStaticEntryPointsCredits(string name)
    {
        var (model, expected) = Case(name);
        var actual = model.Attribute(PathDataSet.FromRecords(Paths));
        Assert.Equal(expected.Channels.Select(c => c.Channel), actual.Channels.Select(c => c.Channel));
        foreach (var (e, a) in expected.Channels.Zip(actual.Channels))
        {
            Assert.Equal(e.Conversions, a.Conversions, precision: 12);
            Assert.Equal(e.ConversionValue, a.ConversionValue, precision: 12);
        }
    }

    [Fact]
    public void DataSetFromEventLog_MatchesTheRecords()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new EventLogBuilder()
            .Add(new JourneyEvent("c1", t0, "ad") { Channel = "social" })
            .Add(new JourneyEvent("c1", t0.AddHours(1), "buy") { Channel = "web", Outcome = EventOutcome.Conversion, Value = 50 })
            .Add(new JourneyEvent("c2", t0, "ad") { Channel = "social" })
            .Build();
        var data = PathDataSet.FromEventLog(log, PathLevel.Channel);
        Assert.Equal(2, data.Count);
        Assert.Equal(1, data.TotalConversions);
        Assert.Equal(1, data.TotalNulls);
        foreach (IAttributionModel model in new IAttributionModel[] { new HeuristicAttributionModel(HeuristicModel.TimeDecay), new MarkovAttributionModel(), new ShapleyAttributionModel() })
        {
            Assert.Equal(1, model.Attribute(data).Channels.Sum(c => c.Conversions), precision: 10);
        }
    }
}
