using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Paths;

public class RealDataPathTests
{
    private static readonly Lazy<EventLog> Bpic = new(() => Load("bpic2012_events.csv"));
    private static readonly Lazy<EventLog> Receipt = new(() => Load("receipt_events.csv"));

    private static EventLog Load(string file)
    {
        var builder = new EventLogBuilder();
        EventReader.ReadCsvFile(Datasets.PathOf(file), builder, new IngestOptions
        {
            Columns = new EventColumns { CustomerId = "case_id", Touchpoint = "activity" },
            Policy = IngestPolicy.Strict,
        });
        return builder.Build();
    }

    [Fact]
    public void Bpic2012_VariantsMatchPublishedCountAndIndependentGrouping()
    {
        var log = Bpic.Value;
        var variants = new PathAnalyzer().Variants(log);
        // BPI Challenge 2012 (all lifecycle events): 4,366 trace variants, as reported for the log.
        Assert.Equal(4366, variants.Count);
        Assert.Equal(13_087, variants.Sum(v => v.Count));
        Assert.Equal(1.0, variants.Sum(v => v.Share), precision: 9);

        // Independent check of the most frequent variant: group the journeys' names ourselves.
        var top = log.Journeys.GroupBy(j => string.Join('>', j.TouchpointNames())).OrderByDescending(g => g.Count()).First();
        Assert.Equal(top.Key, string.Join('>', variants[0].Steps));
        Assert.Equal(top.Count(), variants[0].Count);
    }

    [Fact]
    public void Bpic2012_DirectlyFollowsMatchesIndependentCountAndHasReworkLoops()
    {
        var log = Bpic.Value;
        var dfg = new PathAnalyzer().DirectlyFollows(log);
        Assert.Equal(262_200 - 13_087, dfg.Edges.Sum(e => e.Count));
        Assert.Equal(24, dfg.Nodes.Count);

        var expected = new Dictionary<(string, string), long>();
        foreach (var journey in log.Journeys)
        {
            var names = journey.TouchpointNames();
            for (int i = 1; i < names.Count; i++)
            {
                expected[(names[i - 1], names[i])] = expected.GetValueOrDefault((names[i - 1], names[i])) + 1;
            }
        }

        Assert.Equal(expected.Count, dfg.Edges.Count);
        Assert.All(dfg.Edges, e => Assert.Equal(expected[(e.From, e.To)], e.Count));
        Assert.Contains(dfg.Edges, e => e.From == e.To && e.Count > 1000); // the heavy W_ rework loops
        Assert.All(dfg.Edges, e => Assert.True(e.MeanDuration >= TimeSpan.Zero));
    }

    [Fact]
    public void Bpic2012_FunnelFromSubmissionToApproval_IsNonIncreasing()
    {
        var result = new PathAnalyzer().Funnel(Bpic.Value, new FunnelDefinition(
            FunnelStep.Touchpoint("A_SUBMITTED"), FunnelStep.Touchpoint("A_ACCEPTED"), FunnelStep.Touchpoint("A_APPROVED")));
        Assert.Equal(13_087, result.Steps[0].Entered); // every application starts with A_SUBMITTED
        Assert.True(result.Steps[1].Entered <= result.Steps[0].Entered && result.Steps[2].Entered <= result.Steps[1].Entered);
        int approved = Bpic.Value.Journeys.Count(j => j.TouchpointNames().Contains("A_APPROVED") &&
            j.TouchpointNames().ToList().IndexOf("A_ACCEPTED") is >= 0 and var a && j.TouchpointNames().Skip(a).Contains("A_APPROVED"));
        Assert.Equal(approved, result.Steps[2].Entered);
    }

    [Fact]
    public void Receipt_VariantsAndDurationsAreConsistent()
    {
        var log = Receipt.Value;
        var analyzer = new PathAnalyzer();
        Assert.Equal(1_434, analyzer.Variants(log).Sum(v => v.Count));
        var durations = analyzer.JourneyDurations(log);
        Assert.Equal(1_434, durations.Count);
        var direct = log.Journeys.Select(j => j.Duration).Order().ToList();
        Assert.Equal(direct[^1], durations.Max);
        Assert.Equal(direct[0], durations.Min);
        Assert.True(durations.Median <= durations.P90);
    }
}
