using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Paths;
using JourneyKit.Tests.Events;

namespace JourneyKit.Tests.Paths;

public class PathPropertyTests
{
    private static readonly FunnelDefinition Funnel = new(FunnelStep.Stage("awareness"), FunnelStep.Stage("consideration"), FunnelStep.Stage("purchase"), FunnelStep.Stage("advocacy"));

    // Large seeded logs only where size is the point (parallel runs need thousands of journeys).
    private static EventLog Synthetic(int seed, int customers = 150) =>
        new SyntheticJourneyGenerator(SampleMaps.ECommerce(), new SyntheticJourneyOptions { Customers = customers, Seed = seed }).Generate();

    // Journeys through the sample map from FsCheck-generated (and shrinkable) arrays: each byte picks a touchpoint and a gap.
    private static EventLog Journeys(NonEmptyArray<NonEmptyArray<byte>> data)
    {
        var map = SampleMaps.ECommerce();
        var builder = new EventLogBuilder(map);
        for (int c = 0; c < data.Get.Length; c++)
        {
            var t = PathTestLogs.T0;
            foreach (byte b in data.Get[c].Get)
            {
                t = t.AddMinutes(1 + (b / 16));
                builder.Add(new JourneyEvent("c" + c, t, map.Touchpoints[b % map.Touchpoints.Count].Id) { Outcome = b % 23 == 0 ? EventOutcome.Conversion : EventOutcome.None });
            }
        }

        return builder.Build();
    }

    [Property(Arbitrary = [typeof(EventArbitraries)])]
    public bool DirectlyFollows_EdgeCountsSumToEventsMinusJourneys(RawEvents raw)
    {
        var log = EventArbitraries.Build(raw.Events);
        var dfg = new PathAnalyzer().DirectlyFollows(log);
        int journeys = log.Journeys.Count(j => j.Count > 0);
        return dfg.Edges.Sum(e => e.Count) == log.EventCount - journeys &&
               dfg.StartCounts.Values.Sum() == journeys &&
               dfg.EndCounts.Values.Sum() == journeys;
    }

    [Property(MaxTest = 40)]
    public bool ClosedFunnel_StepCountsNeverIncrease(NonEmptyArray<NonEmptyArray<byte>> data, bool strict)
    {
        var result = new PathAnalyzer().Funnel(Journeys(data), Funnel with { Order = strict ? FunnelOrder.Strict : FunnelOrder.Relaxed });
        var entered = result.Steps.Select(s => s.Entered).ToArray();
        return entered.Zip(entered.Skip(1)).All(p => p.First >= p.Second) &&
               result.Steps.All(s => s.Entered == s.Converted + s.Dropped);
    }

    // merge(analyse(A), analyse(B)) == analyse(A ∪ B) for disjoint customer sets.
    [Property(MaxTest = 30)]
    public Property Merge_OfPartitionAnalyses_EqualsAnalysisOfWhole(NonEmptyArray<NonEmptyArray<byte>> data, byte parts)
    {
        var log = Journeys(data);
        var partitions = log.Partition(2 + (parts % 3));
        var analyzer = new PathAnalyzer();

        var dfg = partitions.Select(p => analyzer.DirectlyFollows(p)).Aggregate(DirectlyFollowsGraph.Empty, DirectlyFollowsGraph.Merge);
        var variants = partitions.Select(p => analyzer.Variants(p)).Aggregate(PathVariant.Merge);
        var funnel = partitions.Select(p => analyzer.Funnel(p, Funnel)).Aggregate(FunnelResult.Merge);
        var nonLinear = partitions.Select(p => analyzer.NonLinearity(p)).Aggregate(NonLinearitySummary.Empty, NonLinearitySummary.Merge);
        var conformance = partitions.Select(p => analyzer.Conformance(p)).Aggregate(ConformanceResult.Merge);
        var durations = partitions.Select(p => analyzer.JourneyDurations(p)).Aggregate(DurationSummary.Empty, DurationSummary.Merge);
        var toConvert = partitions.Select(p => analyzer.TimeToConvert(p)).Aggregate(DurationSummary.Empty, DurationSummary.Merge);
        var lengths = partitions.Select(p => analyzer.PathLengthToConversion(p)).Aggregate(LengthSummary.Empty, LengthSummary.Merge);

        var whole = analyzer.DirectlyFollows(log);
        return whole.Edges.SequenceEqual(dfg.Edges).Label("directly-follows edges")
            .And(whole.StartCounts.OrderBy(kv => kv.Key).SequenceEqual(dfg.StartCounts.OrderBy(kv => kv.Key))).Label("start counts")
            .And(Describe(analyzer.Variants(log)).SequenceEqual(Describe(variants))).Label("variants")
            .And(analyzer.Funnel(log, Funnel).Steps.Select(Describe).SequenceEqual(funnel.Steps.Select(Describe))).Label("funnel steps")
            .And(Describe(analyzer.NonLinearity(log)) == Describe(nonLinear)).Label("non-linearity")
            .And(analyzer.Conformance(log).Stages.SequenceEqual(conformance.Stages)).Label("conformance per stage")
            .And(Math.Abs(analyzer.Conformance(log).MeanFitness - conformance.MeanFitness) < 1e-12).Label("mean fitness")
            .And(analyzer.JourneyDurations(log).ToString() == durations.ToString()).Label("journey durations")
            .And(analyzer.TimeToConvert(log).ToString() == toConvert.ToString()).Label("time to convert")
            .And(analyzer.PathLengthToConversion(log).ToString() == lengths.ToString()).Label($"path lengths to conversion: {analyzer.PathLengthToConversion(log)} vs {lengths}");
    }

    // Parallel runs give exactly the sequential answers.
    [Property(MaxTest = 10)]
    public bool Parallel_EqualsSequential(DoNotSize<int> unsized)
    {
        int seed = unsized.Item; // a sized int gives only a few hundred distinct seeds
        var log = Synthetic(seed, customers: 5000);
        var sequential = new PathAnalyzer();
        var parallel = new PathAnalyzer(new PathAnalyzerOptions { MaxDegreeOfParallelism = 4 });
        return sequential.DirectlyFollows(log).Edges.SequenceEqual(parallel.DirectlyFollows(log).Edges) &&
               Describe(sequential.Variants(log)).SequenceEqual(Describe(parallel.Variants(log))) &&
               sequential.Funnel(log, Funnel).Steps.Select(Describe).SequenceEqual(parallel.Funnel(log, Funnel).Steps.Select(Describe)) &&
               Describe(sequential.NonLinearity(log)) == Describe(parallel.NonLinearity(log));
    }

    // The top k variants (a bounded heap) are the first k of all variants (one sort), ties by steps included — for k
    // below, at and above the number of variants, on logs with many ties (most journeys a variant of their own).
    [Property(MaxTest = 30)]
    public bool TopVariants_AreTheFirstOfAllVariants(DoNotSize<int> unsized, PositiveInt k)
    {
        var log = Synthetic(unsized.Item, customers: 300);
        var analyzer = new PathAnalyzer();
        var all = Describe(analyzer.Variants(log)).ToList();
        int top = 1 + (k.Get % (all.Count + 5));
        return Describe(analyzer.Variants(log, top)).SequenceEqual(all.Take(top));
    }

    // Results do not depend on the order in which events were added.
    [Property(MaxTest = 30)]
    public bool Results_IndependentOfInputOrder(NonEmptyArray<NonEmptyArray<byte>> data, int seed)
    {
        var log = Journeys(data);
        var events = log.Events().ToList();
        var random = new Random(seed);
        var shuffled = events.OrderBy(_ => random.Next()).ToList();
        var other = new EventLogBuilder(log.Map!).AddRange(shuffled).Build();
        var analyzer = new PathAnalyzer();
        return analyzer.DirectlyFollows(log).Edges.SequenceEqual(analyzer.DirectlyFollows(other).Edges) &&
               Describe(analyzer.Variants(log)).SequenceEqual(Describe(analyzer.Variants(other))) &&
               Describe(analyzer.NonLinearity(log)) == Describe(analyzer.NonLinearity(other));
    }

    // A journey that follows the designed stage order — lingering allowed — has fitness 1.
    [Property]
    public bool Fitness_OfJourneyFollowingTheMap_IsOne(byte stageCount, int seed)
    {
        int stages = 1 + (stageCount % 8);
        var builder = JourneyMap.CreateBuilder("m", "M").AddChannel("c", "C");
        for (int s = 0; s < stages; s++)
        {
            builder.AddStage($"s{s}", $"S{s}").AddTouchpoint($"t{s}", $"T{s}", $"s{s}", "c").AddTouchpoint($"u{s}", $"U{s}", $"s{s}", "c");
        }

        var map = builder.Build();
        var random = new Random(seed);
        var events = new EventLogBuilder(map);
        var t = PathTestLogs.T0;
        int reached = 1 + random.Next(stages);
        for (int s = 0; s < reached; s++)
        {
            for (int r = 0; r <= random.Next(3); r++)
            {
                events.Add("c", t = t.AddMinutes(1), random.Next(2) == 0 ? $"t{s}" : $"u{s}");
            }
        }

        var log = events.Build();
        return PathAnalyzer.Fitness(log[0]) == 1 && new PathAnalyzer().Conformance(log).ConformingShare == 1;
    }

    private static IEnumerable<string> Describe(IReadOnlyList<PathVariant> variants) =>
        variants.Select(v => $"{v}|{v.Conversions}|{v.MedianDuration}|{v.Share:R}");

    private static string Describe(FunnelStepResult s) => $"{s.Name}|{s.Entered}|{s.Converted}|{s.TimeToNext}";

    private static string Describe(NonLinearitySummary s) =>
        $"{s.Journeys}|{s.StageMoves}|{s.Backtracks}|{s.Skips}|{s.Loops}|{s.ChannelSwitches}|{s.JourneysWithBacktrack}|{string.Join(',', s.BacktrackRoutes)}|{string.Join(',', s.SkipRoutes)}";
}
