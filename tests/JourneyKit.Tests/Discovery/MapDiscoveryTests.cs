using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Discovery;
using JourneyKit.Events;
using JourneyKit.Rendering;
using JourneyKit.Serialization;
using JourneyKit.Tests.Events;

namespace JourneyKit.Tests.Discovery;

public class MapDiscoveryTests
{
    private static readonly Lazy<EventLog> Planted = new(() => PlantedJourneys.Log());

    private static readonly Lazy<MapDiscoveryResult> Draft = new(() => MapDiscovery.Discover(Planted.Value));

    [Fact]
    public void Planted_StagesAreFound_InOrder_FromTheDataAlone()
    {
        var result = Draft.Value;
        Assert.Equal(PlantedJourneys.Stages, result.Stages.Count);
        Assert.Contains("4 stages: the fewest after which one more would explain less than 1 % more", result.StageChoice, StringComparison.Ordinal);
        string[] touchpoints = [.. PlantedJourneys.AllTouchpoints()];
        int[] planted = [.. touchpoints.Select(tp => tp[1] - '0')];
        int[] found = [.. touchpoints.Select(tp => result.Map.FindStage(result.StageOf(tp))!.Position)];
        Assert.Equal(1.0, AdjustedRandIndex(planted, found), 9);
        Assert.Equal(planted, found); // the same partition and the same order
        Assert.True(result.ForwardShare > 0.9, result.ToString());
        Assert.Equal(JourneyMapState.Current, result.Map.State);
    }

    [Fact]
    public void Planted_DropOff_IsAPainPointOnItsTouchpoint_WithItsNumbers()
    {
        var result = Draft.Value;
        var exit = Assert.Single(result.PainPoints, p => p.Kind == "exit");
        Assert.Equal("s1-t2", exit.Touchpoint);
        var evidence = result.Touchpoints.Single(t => t.Touchpoint == "s1-t2");
        Assert.Equal(evidence.ExitShare, exit.Observed, 12);
        Assert.True(exit.Observed > 0.45 && exit.Typical < 0.2, exit.ToString());
        Assert.True(exit.Severity >= Severity.High, exit.ToString());
        var painPoint = result.Map.PainPoints.Single(p => p.Id == exit.PainPointId);
        Assert.Equal(("s1-t2", result.StageOf("s1-t2")), (painPoint.TouchpointId, painPoint.StageId));
        Assert.NotEmpty(painPoint.Evidence);
    }

    [Fact]
    public void Planted_Feedback_BecomesEmotions_OnlyWhereThereIsFeedback()
    {
        var result = Draft.Value;
        var low = result.Map.FindTouchpoint("s2-t0")!;
        Assert.True(low.Emotion!.Value.Value <= -1, low.Emotion.ToString());
        Assert.Contains(result.PainPoints, p => p.Kind == "feedback" && p.Touchpoint == "s2-t0");
        Assert.Null(result.Map.FindTouchpoint("s3-t2")!.Emotion); // never rated: no emotion invented
        Assert.True(result.Map.FindTouchpoint("s0-t0")!.Emotion!.Value.Value >= 0.8); // rated 7–10 on 0–10
        Assert.Contains("0-10", result.Map.Metadata["discovery.feedbackScale"], StringComparison.Ordinal);
    }

    [Fact]
    public void Planted_Channels_AreEachTouchpointsMainChannel_WithTheMixKept()
    {
        var result = Draft.Value;
        foreach (string tp in PlantedJourneys.AllTouchpoints())
        {
            Assert.Equal(PlantedJourneys.Channels[tp[^1] - '0'], result.Map.FindTouchpoint(tp)!.ChannelId);
        }

        Assert.Contains("web", result.Map.Metadata["channelMix:s0-t0"], StringComparison.Ordinal);
        Assert.All(result.Map.Touchpoints.Where(t => t.IsMomentOfTruth), t => Assert.True(result.Touchpoints.Single(e => e.Touchpoint == t.Id).ConversionLift > 0));
        Assert.Contains(result.Map.Touchpoints, t => t.IsMomentOfTruth);
    }

    [Fact]
    public void TheDraft_RoundTripsThroughJson_AndReportsTheVeryLogItCameFrom()
    {
        var result = Draft.Value;
        var reloaded = JourneyMapSerializer.Default.Deserialize(JourneyMapSerializer.Default.Serialize(result.Map));
        Assert.Empty(JourneyMapDiff.Compare(result.Map, reloaded).Changes);
        string html = HtmlReport.Build(result.Map, Planted.Value);
        Assert.Contains(result.Stages[0].Name, html, StringComparison.Ordinal);
        Assert.Contains("Funnel through the designed stages", html, StringComparison.Ordinal);
        string discovered = HtmlReport.Build(Planted.Value);
        Assert.Contains("discovered from the events", discovered, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonasAskedFor_BecomeTheMapsPersonas()
    {
        var options = new JourneyKit.Personas.MarkovMixtureOptions { Clusters = 2, Seed = 1 };
        var result = MapDiscovery.Discover(Planted.Value, new MapDiscoveryOptions { Personas = options });
        var expected = JourneyKit.Personas.PersonaDiscovery.MarkovMixture(Planted.Value, options);
        Assert.Equal(["persona-1", "persona-2"], result.Map.Personas.Select(p => p.Id));
        Assert.Equal(expected.Personas.Select(p => p.Description), result.Map.Personas.Select(p => p.Description));
        Assert.Empty(Draft.Value.Map.Personas); // none unless asked for
    }

    [Fact]
    public void StagesAsked_AreKept_AndMoreThanTouchpoints_IsRefused()
    {
        var two = MapDiscovery.Discover(Planted.Value, new MapDiscoveryOptions { Stages = 2 });
        Assert.Equal(2, two.Stages.Count);
        Assert.Equal(two.StageOf("s0-t0"), two.StageOf("s0-t1"));
        Assert.Contains("13 stages were asked for, but the log has 12 touchpoints",
            Assert.Throws<ArgumentException>(() => MapDiscovery.Discover(Planted.Value, new MapDiscoveryOptions { Stages = 13, MaxStages = 20 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_GetsClearOutcomes()
    {
        Assert.Contains("no events", Assert.Throws<ArgumentException>(() => MapDiscovery.Discover(new EventLogBuilder().Build())).Message, StringComparison.Ordinal);
        var one = MapDiscovery.Discover(new EventLogBuilder().Add("a", PlantedJourneys.Start, "only").Add("b", PlantedJourneys.Start, "only").Build());
        Assert.Equal("stage-1", one.StageOf("only"));
        Assert.Single(one.Map.Stages);
        Assert.Equal("unassigned", one.Map.FindTouchpoint("only")!.ChannelId); // no channel in the log
        string tooLong = new('x', 250);
        Assert.Contains("cannot be map ids", Assert.Throws<ArgumentException>(() => MapDiscovery.Discover(new EventLogBuilder().Add("a", PlantedJourneys.Start, tooLong).Build())).Message, StringComparison.Ordinal);
        var scaleless = new EventLogBuilder().Add(new JourneyEvent("a", PlantedJourneys.Start, "x") { Feedback = 42 }).Build();
        Assert.Contains("FeedbackScale", Assert.Throws<ArgumentException>(() => MapDiscovery.Discover(scaleless)).Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Throws<InvalidOptionsException>(() => new MapDiscoveryOptions { MaxStages = 0, MinimumStageGain = 1 }.Validate()).Problems.Count);
    }

    [Fact]
    public void ManyTouchpoints_BeyondTheCap_StillBecomeMapTouchpoints_AndTheResultSaysSo()
    {
        var result = MapDiscovery.Discover(Planted.Value, new MapDiscoveryOptions { MaxClusteredTouchpoints = 6 });
        Assert.Equal(12, result.Map.Touchpoints.Count);
        Assert.Equal(6, result.Touchpoints.Count(t => !t.Clustered));
        Assert.Contains("The 6 most frequent touchpoints were clustered", result.StageChoice, StringComparison.Ordinal);
    }

    [Fact]
    public void RepresentativeJourneys_CoverEveryCustomerOnce_AreRealPaths_AndAreDeterministic()
    {
        var log = Planted.Value;
        var reps = MapDiscovery.RepresentativeJourneys(log, 5);
        Assert.Equal(5, reps.Count);
        Assert.Equal(log.CustomerCount, reps.Sum(r => r.Customers));
        Assert.Equal(1.0, reps.Sum(r => r.Share), 9);
        var variants = new JourneyKit.Paths.PathAnalyzer().Variants(log).Select(v => string.Join('>', v.Steps)).ToHashSet();
        Assert.All(reps, r => Assert.Contains(string.Join('>', r.Steps), variants));
        Assert.True(reps.Zip(reps.Skip(1)).All(p => p.First.Customers >= p.Second.Customers));
        Assert.Equal(reps.Select(r => r.ToString()), MapDiscovery.RepresentativeJourneys(log, 5).Select(r => r.ToString()));
        Assert.Single(MapDiscovery.RepresentativeJourneys(new EventLogBuilder().Add("a", PlantedJourneys.Start, "x").Build(), 3));
    }

    [Fact]
    public void Distance_IsTheNormalisedEditDistance()
    {
        Assert.Equal(0, MapDiscovery.PathDistance(["a", "b"], ["a", "b"]));
        Assert.Equal(1.0 / 3, MapDiscovery.PathDistance(["a", "b", "c"], ["a", "c"]), 12);
        Assert.Equal(1, MapDiscovery.PathDistance(["a"], ["b", "c"]));
    }

    // The same draft whatever the order customers arrive in.
    [Property(MaxTest = 8)]
    public bool Draft_DoesNotDependOnCustomerOrder(DoNotSize<int> unsized)
    {
        var events = PlantedJourneys.Events(600, 3);
        var random = new Random(unsized.Item);
        var shuffled = events.GroupBy(e => e.CustomerId).OrderBy(_ => random.Next()).SelectMany(g => g).ToList();
        var a = MapDiscovery.Discover(new EventLogBuilder().AddRange(events).Build());
        var b = MapDiscovery.Discover(new EventLogBuilder().AddRange(shuffled).Build());
        return JourneyMapSerializer.Default.Serialize(a.Map) == JourneyMapSerializer.Default.Serialize(b.Map);
    }

    // Relabelled touchpoints give the same stages, up to the labels.
    [Fact]
    public void Draft_UnderRelabelledTouchpoints_IsTheSameUpToTheLabels()
    {
        var events = PlantedJourneys.Events(800, 5);
        var a = MapDiscovery.Discover(new EventLogBuilder().AddRange(events).Build());
        var b = MapDiscovery.Discover(new EventLogBuilder().AddRange(events.Select(e => e with { Touchpoint = "renamed " + e.Touchpoint })).Build());
        Assert.All(PlantedJourneys.AllTouchpoints(), tp => Assert.Equal(a.StageOf(tp), b.StageOf("renamed " + tp)));
    }

    // Any log gives a valid map that renders, and representatives that cover every customer once.
    [Property(Arbitrary = [typeof(EventArbitraries)], MaxTest = 40)]
    public bool AnyLog_GivesAValidMap_ThatRenders(RawEvents raw)
    {
        var log = EventArbitraries.Build(raw.Events);
        if (log.EventCount == 0)
        {
            return true;
        }

        var result = MapDiscovery.Discover(log);
        string html = HtmlReport.Build(result.Map, log);
        var reps = MapDiscovery.RepresentativeJourneys(log, 3);
        return html.StartsWith("<!DOCTYPE html>", StringComparison.Ordinal)
            && result.Map.Touchpoints.Count == log.TouchpointNames.Count
            && reps.Sum(r => r.Customers) == log.Journeys.Count(j => j.Count > 0);
    }

    // Hubert & Arabie's adjusted Rand index of two partitions.
    private static double AdjustedRandIndex(int[] a, int[] b)
    {
        static double Pairs(double n) => n * (n - 1) / 2;
        var table = a.Zip(b).GroupBy(p => p).Select(g => (double)g.Count()).ToList();
        double index = table.Sum(Pairs);
        double rows = a.GroupBy(x => x).Sum(g => Pairs(g.Count()));
        double columns = b.GroupBy(x => x).Sum(g => Pairs(g.Count()));
        double expected = rows * columns / Pairs(a.Length);
        return (index - expected) / (((rows + columns) / 2) - expected);
    }
}
