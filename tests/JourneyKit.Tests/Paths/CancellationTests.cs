using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Paths;

/// <summary>Every long analysis takes a token; chunked runs equal whole ones.</summary>
public class CancellationTests
{
    private static EventLog ManyJourneys(int customers)
    {
        var b = new EventLogBuilder();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] steps = ["A", "B", "C", "B", "D"];
        for (int c = 0; c < customers; c++)
        {
            for (int k = 0; k <= c % 4; k++)
            {
                b.Add("c" + c, t0.AddMinutes(k + (c % 7)), steps[(c + k) % steps.Length]);
            }
        }

        return b.Build();
    }

    [Fact]
    public void CancelledToken_StopsEveryLongAnalysis()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var log = ManyJourneys(100);
        var analyzer = new PathAnalyzer();
        var funnel = new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B"));
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Variants(log, 10, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.DirectlyFollows(log, true, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Funnel(log, funnel, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.JourneyDurations(log, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Conformance(PathTestLogs.Shop(), cts.Token));
        var paths = new[] { new PathRecord(["a", "b"], 1, 1, 1), new PathRecord(["b"], 0, 0, 2) };
        Assert.ThrowsAny<OperationCanceledException>(() => AttributionBootstrap.ShareIntervals(PathDataSet.FromRecords(paths), new HeuristicAttributionModel(HeuristicModel.Linear), cancellationToken: cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => MarkovBootstrap.TransitionIntervals([["a", "b"], ["b", "a"]], cancellationToken: cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => BgNbdModel.Fit([new RfmSummary(1, 5, 10), new RfmSummary(0, 0, 10)], cts.Token));
    }

    [Fact]
    public void ChunkedRun_EqualsTheMergeOfPartitions()
    {
        // Four threads allowed: the analyzer runs four chunks and merges them in a tree.
        var log = ManyJourneys(70_000);
        var analyzer = new PathAnalyzer(new PathAnalyzerOptions { MaxDegreeOfParallelism = 4 });
        var parts = log.Partition(3);
        var funnel = new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B"), FunnelStep.Touchpoint("D"));
        Assert.Equal(
            parts.Select(p => analyzer.Funnel(p, funnel)).Aggregate(FunnelResult.Merge).Steps.Select(s => (s.Entered, s.Converted)),
            analyzer.Funnel(log, funnel).Steps.Select(s => (s.Entered, s.Converted)));
        var whole = analyzer.DirectlyFollows(log, includeDurations: false);
        var merged = parts.Select(p => analyzer.DirectlyFollows(p, includeDurations: false)).Aggregate(DirectlyFollowsGraph.Empty, DirectlyFollowsGraph.Merge);
        Assert.Equal(merged.Edges.Select(e => (e.From, e.To, e.Count)).Order(), whole.Edges.Select(e => (e.From, e.To, e.Count)).Order());
        Assert.Equal(
            parts.Select(p => analyzer.Variants(p)).Aggregate(PathVariant.Merge).Select(v => (string.Join(">", v.Steps), v.Count)),
            analyzer.Variants(log).Select(v => (string.Join(">", v.Steps), v.Count)));
    }
}
