using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Paths;

public class PathAnalyzerTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMinutes(1);

    [Fact]
    public void Variants_CountEachDistinctPath_MostFrequentFirst()
    {
        var variants = new PathAnalyzer().Variants(PathTestLogs.Letters());
        // All four paths occur once; ties are ordered by steps (ordinal).
        Assert.Equal(["A>B>B>C", "A>B>C", "A>C", "B"], variants.Select(v => string.Join('>', v.Steps)));
        Assert.All(variants, v => Assert.Equal(1, v.Count));
        Assert.All(variants, v => Assert.Equal(0.25, v.Share, precision: 10));
    }

    [Fact]
    public void Variants_CollapsingRepeats_MergesPathsAndAggregates()
    {
        var variants = new PathAnalyzer(new PathAnalyzerOptions { CollapseRepeats = true }).Variants(PathTestLogs.Letters());
        var abc = variants[0];
        Assert.Equal(["A", "B", "C"], abc.Steps);
        Assert.Equal(2, abc.Count);                          // c1 and c2
        Assert.Equal(0.5, abc.ConversionRate, precision: 10); // only c1 converted
        Assert.Equal(28 * Min, abc.MedianDuration);          // durations 30 and 26 minutes: (26 + 30) / 2
        Assert.Equal(3, variants.Count);
        Assert.Single(new PathAnalyzer().Variants(PathTestLogs.Letters(), top: 1));
    }

    [Fact]
    public void Variants_LongerThanCap_AreTruncatedAndMarked()
    {
        var variants = new PathAnalyzer(new PathAnalyzerOptions { MaxVariantLength = 2 }).Variants(PathTestLogs.Letters());
        var ab = variants.Single(v => v.Steps.SequenceEqual(["A", "B"]));
        Assert.True(ab.IsTruncated);
        Assert.Equal(2, ab.Count); // c1 (A B C) and c2 (A B B C) share the two-step prefix
        Assert.False(variants.Single(v => v.Steps.SequenceEqual(["A", "C"])).IsTruncated);
    }

    [Fact]
    public void DirectlyFollows_HandWorkedCountsDurationsStartsAndEnds()
    {
        var dfg = new PathAnalyzer().DirectlyFollows(PathTestLogs.Letters());
        // A→B: c1 (10 min), c2 (5 min); B→C: c1 (20 min), c2 (B at 6 → C at 26: 20 min); B→B: c2 (1 min); A→C: c3 (60 min).
        Assert.Equal(2, dfg.Count("A", "B"));
        Assert.Equal(2, dfg.Count("B", "C"));
        Assert.Equal(1, dfg.Count("B", "B"));
        Assert.Equal(1, dfg.Count("A", "C"));
        Assert.Equal(0, dfg.Count("C", "A"));
        Assert.Equal(6, dfg.Edges.Sum(e => e.Count)); // events 10 − journeys 4
        var ab = dfg.Edges.Single(e => e.From == "A" && e.To == "B");
        Assert.Equal(7.5 * Min, ab.MeanDuration);
        Assert.Equal(7.5, ab.MedianDuration.TotalMinutes, tolerance: 7.5 * 0.016);
        Assert.Equal(20 * Min, dfg.Edges.Single(e => e.From == "B" && e.To == "C").MeanDuration);
        Assert.Equal(3, dfg.StartCounts["A"]);
        Assert.Equal(1, dfg.StartCounts["B"]);
        Assert.Equal(3, dfg.EndCounts["C"]);
        Assert.Equal(1, dfg.EndCounts["B"]);
    }

    [Fact]
    public void DirectlyFollows_CollapsedRepeats_NoSelfLoopAndDurationFromRunStart()
    {
        var dfg = new PathAnalyzer(new PathAnalyzerOptions { CollapseRepeats = true }).DirectlyFollows(PathTestLogs.Letters());
        Assert.Equal(0, dfg.Count("B", "B"));
        // B→C: c1 20 min; c2 from the first B of the run (5 min) to C (26 min) = 21 min. Mean 20.5 min.
        Assert.Equal(20.5 * Min, dfg.Edges.Single(e => e.From == "B" && e.To == "C").MeanDuration);
    }

    [Fact]
    public void DirectlyFollows_WithoutDurations_SameCounts()
    {
        var log = PathTestLogs.Letters();
        var fast = new PathAnalyzer().DirectlyFollows(log, includeDurations: false);
        var full = new PathAnalyzer().DirectlyFollows(log);
        Assert.Equal(full.Edges.Select(e => (e.From, e.To, e.Count)), fast.Edges.Select(e => (e.From, e.To, e.Count)));
        Assert.All(fast.Edges, e => Assert.Equal(TimeSpan.Zero, e.MeanDuration));
    }

    [Fact]
    public void JourneyDurations_MeanAndMedianOfEvenCount()
    {
        var summary = new PathAnalyzer().JourneyDurations(PathTestLogs.Letters());
        // 30, 26, 60 and 0 minutes: mean 116/4 = 29; median (26 + 30) / 2 = 28.
        Assert.Equal(4, summary.Count);
        Assert.Equal(29 * Min, summary.Mean);
        Assert.Equal(28 * Min, summary.Median);
        Assert.Equal(TimeSpan.Zero, summary.Min);
        Assert.Equal(60 * Min, summary.Max);
        // p90: rank 0.9 × 3 = 2.7 between 30 and 60 → 30 + 0.7 × 30 = 51 minutes.
        Assert.Equal(51 * Min, summary.P90);
    }

    [Fact]
    public void TimeToConvertAndPathLength_CountConvertedJourneysOnly()
    {
        var analyzer = new PathAnalyzer();
        var time = analyzer.TimeToConvert(PathTestLogs.Letters());
        Assert.Equal(2, time.Count);          // c1 at 30 min, c3 at 60 min
        Assert.Equal(45 * Min, time.Median);
        var length = analyzer.PathLengthToConversion(PathTestLogs.Letters());
        Assert.Equal(2.5, length.Median);     // c1: 3 steps, c3: 2 steps
        Assert.Equal([(2, 1), (3, 1)], length.Histogram);
    }

    [Fact]
    public void Filter_ByCustomerTimeAndStep()
    {
        var log = PathTestLogs.Letters();
        var onlyC1C2 = new PathAnalyzer(new PathAnalyzerOptions { Filter = JourneyFilter.All.WithCustomers(["c1", "c2"]) });
        Assert.Equal(2, onlyC1C2.JourneyDurations(log).Count);

        // Events in [0, 20 min): c1 A B, c2 A B B, c3 A, c4 B.
        var early = new PathAnalyzer(new PathAnalyzerOptions { Filter = JourneyFilter.All.Between(PathTestLogs.T0, PathTestLogs.T0.AddMinutes(20)) });
        Assert.Equal(3, early.DirectlyFollows(log).Edges.Sum(e => e.Count)); // 7 events − 4 journeys
        Assert.Equal(0, early.DirectlyFollows(log).Count("B", "C"));
        Assert.Equal(2, early.DirectlyFollows(log).Count("A", "B"));

        var withoutC = new PathAnalyzer(new PathAnalyzerOptions { Filter = JourneyFilter.All.NotContaining(PathLevel.Touchpoint, "C") });
        Assert.Equal(["B"], withoutC.Variants(log).Single().Steps);
        var withB = new PathAnalyzer(new PathAnalyzerOptions { Filter = JourneyFilter.All.Containing(PathLevel.Touchpoint, "B") });
        Assert.Equal(3, withB.Variants(log).Sum(v => v.Count));

        // Any test on the whole journey: here, journeys that converted (c1 and c3).
        var converted = new PathAnalyzer(new PathAnalyzerOptions { Filter = JourneyFilter.All.WithJourneys(j => j.Outcomes.Contains(JourneyKit.Events.EventOutcome.Conversion)) });
        Assert.Equal(["A>B>C", "A>C"], converted.Variants(log).Select(v => string.Join('>', v.Steps)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Levels_StageAndChannelPaths()
    {
        var log = PathTestLogs.Shop();
        var stages = new PathAnalyzer().AtLevel(PathLevel.Stage).Variants(log);
        Assert.Contains(stages, v => v.Steps.SequenceEqual(["awareness", "consideration", "purchase", "purchase"]));
        var channels = new PathAnalyzer(new PathAnalyzerOptions { Level = PathLevel.Channel, CollapseRepeats = true }).Variants(log);
        Assert.Equal(["web", "email"], channels.Single(v => v.Steps.Count == 2).Steps); // j3 switches web → email
    }

    [Fact]
    public void Levels_StageWithoutMap_UsesUnknownNode()
    {
        var dfg = new PathAnalyzer().AtLevel(PathLevel.Stage).DirectlyFollows(PathTestLogs.Letters());
        Assert.Equal(6, dfg.Count("(unknown)", "(unknown)"));
    }

    [Fact]
    public void MaxNodes_Exceeded_ThrowsClearError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new PathAnalyzer(new PathAnalyzerOptions { MaxNodes = 2 }).Variants(PathTestLogs.Letters()));
        Assert.Contains("MaxNodes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Invalid_NameTheSetting() =>
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<InvalidOptionsException>(() => new PathAnalyzer(new PathAnalyzerOptions { MaxDegreeOfParallelism = 0 })).ParamName);
}
