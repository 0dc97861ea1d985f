using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;

namespace JourneyKit.Sql.Tests;

/// <summary>Every statistic computed in an engine against the in-memory analysis of the same events.</summary>
public static class Equivalence
{
    public static async Task AssertAllEqual(SqlEventSource source, TestLog data)
    {
        var log = data.Log;
        var random = new Random(data.Seed);
        var level = (PathLevel)random.Next(3);
        var options = new PathAnalyzerOptions { Level = level, CollapseRepeats = random.Next(2) == 0, MaxVariantLength = random.Next(2) == 0 ? 3 : 500 };
        var analyzer = new PathAnalyzer(options);
        var at = new SqlEventSource(source.Connection, source.Dialect, source.Table, options);

        SameGraph(analyzer.DirectlyFollows(log), await at.DirectlyFollowsAsync(CancellationToken.None));
        SameGraph(analyzer.DirectlyFollows(log, includeDurations: false), await at.DirectlyFollowsAsync(false));
        SameVariants(analyzer.Variants(log, 5), await at.VariantsAsync(5));
        SameVariants(analyzer.Variants(log), await at.VariantsAsync(int.MaxValue));

        // Markov at every level, with the report's added states and options varied by the seed.
        var markov = new MarkovEstimationOptions
        {
            StartState = random.Next(2) == 0 ? "(start)" : null,
            EndState = random.Next(2) == 0 ? "(lost)" : null,
            CollapseRepeats = random.Next(2) == 0,
            AbsorbingStates = level == PathLevel.Stage && random.Next(2) == 0 ? ["Purchase"] : [],
        };
        string? conversion = random.Next(2) == 0 ? "(converted)" : null;
        if (log.EventCount > 0)
        {
            SameChain(MarkovChain.Fit(log, level, markov, conversion), await source.MarkovChainAsync(level, markov, conversion));
        }

        // A closed relaxed stage funnel, with and without windows.
        var funnel = new FunnelDefinition(FunnelStep.Stage("Awareness"), FunnelStep.Stage("Consideration", random.Next(2) == 0 ? TimeSpan.FromMinutes(30) : null), FunnelStep.Stage("Purchase"))
        {
            ConversionWindow = random.Next(2) == 0 ? TimeSpan.FromHours(1) : null,
            AllowUnknownSteps = true, // a random log may lack a stage
        };
        SameFunnel(new PathAnalyzer().Funnel(log, funnel), await source.FunnelAsync(funnel));
        var touchFunnel = new FunnelDefinition(FunnelStep.Touchpoint("Home"), FunnelStep.Touchpoint("Cart", TimeSpan.FromTicks(1_234_567)), FunnelStep.Channel("email")) { AllowUnknownSteps = true };
        SameFunnel(new PathAnalyzer().Funnel(log, touchFunnel), await source.FunnelAsync(touchFunnel));

        foreach (var counting in Enum.GetValues<NpsCounting>())
        {
            SameNps(NetPromoterScore.ByStep(log, level, counting), await source.NpsAsync(level, counting));
        }

        // By a column: rows without a key are left out, as Breakdown leaves out events whose key is null.
        SameNps(NetPromoterScore.Breakdown(log, (l, e) => l.ChannelIds[e] >= 0 ? l.ChannelNames[l.ChannelIds[e]] : null, NpsCounting.MeanPerCustomer),
            await source.NpsByColumnAsync("channel", NpsCounting.MeanPerCustomer));

        Assert.Equal(Survival(log, EventOutcome.Conversion), Sorted(await source.SurvivalAsync(EventOutcome.Conversion)));
        Assert.Equal(Survival(log, EventOutcome.Churn), Sorted(await source.SurvivalAsync(EventOutcome.Churn)));

        var end = new DateOnly(2023, 11, 16);
        var transactions = log.Journeys.SelectMany(j => Enumerable.Range(0, j.Count).Where(k => j.Outcomes[k] == EventOutcome.Conversion)
            .Select(k => (j.CustomerId, DateOnly.FromDateTime(new DateTime(j.UtcTicks[k], DateTimeKind.Utc)))));
        Assert.Equal(RfmSummary.FromTransactions(transactions, end, TimeSpan.FromDays(1)), await source.RfmAsync(end, TimeSpan.FromDays(1)));

        var lookback = random.Next(2) == 0 ? TimeSpan.FromMinutes(20) : (TimeSpan?)null;
        SamePaths(PathDataSet.FromEventLog(log, level, lookback), await source.AttributionPathsAsync(level, lookback));
    }

    public static void SameGraph(DirectlyFollowsGraph expected, DirectlyFollowsGraph actual)
    {
        Assert.Equal(expected.Nodes.Order(StringComparer.Ordinal), actual.Nodes);
        Assert.Equal(expected.Edges, actual.Edges);
        Assert.Equal(expected.StartCounts, actual.StartCounts);
        Assert.Equal(expected.EndCounts, actual.EndCounts);
    }

    public static void SameVariants(IReadOnlyList<PathVariant> expected, IReadOnlyList<PathVariant> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Steps, actual[i].Steps);
            Assert.Equal(expected[i].IsTruncated, actual[i].IsTruncated);
            Assert.Equal(expected[i].Count, actual[i].Count);
            Assert.Equal(expected[i].Conversions, actual[i].Conversions);
            Assert.Equal(expected[i].Share, actual[i].Share, precision: 12);
            Assert.Equal(expected[i].MedianDuration, actual[i].MedianDuration);
        }
    }

    public static void SameChain(MarkovChain expected, MarkovChain actual)
    {
        Assert.Equal(expected.States.Order(StringComparer.Ordinal), actual.States.Order(StringComparer.Ordinal));
        Assert.Equal(expected.AbsorbingStates.Order(StringComparer.Ordinal), actual.AbsorbingStates.Order(StringComparer.Ordinal));
        Assert.Equal(expected.ObservationCount, actual.ObservationCount);
        foreach (string from in expected.States)
        {
            foreach (string to in expected.States)
            {
                Assert.Equal(expected.Count(from, to), actual.Count(from, to));
                Assert.Equal(expected.Probability(from, to), actual.Probability(from, to), precision: 12);
            }
        }
    }

    public static void SameFunnel(FunnelResult expected, FunnelResult actual)
    {
        Assert.Equal(expected.Journeys, actual.Journeys);
        Assert.Equal(expected.Steps.Count, actual.Steps.Count);
        for (int s = 0; s < expected.Steps.Count; s++)
        {
            var (e, a) = (expected.Steps[s], actual.Steps[s]);
            Assert.Equal((e.Name, e.Entered, e.Converted, e.Dropped), (a.Name, a.Entered, a.Converted, a.Dropped));
            Assert.Equal((e.TimeToNext.Count, e.TimeToNext.Min, e.TimeToNext.Median, e.TimeToNext.Mean, e.TimeToNext.P90, e.TimeToNext.Max),
                (a.TimeToNext.Count, a.TimeToNext.Min, a.TimeToNext.Median, a.TimeToNext.Mean, a.TimeToNext.P90, a.TimeToNext.Max));
        }
    }

    public static void SameNps(IReadOnlyDictionary<string, NpsResult> expected, IReadOnlyDictionary<string, NpsResult> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, e) in expected)
        {
            Assert.Equal((e.Promoters, e.Passives, e.Detractors), (actual[key].Promoters, actual[key].Passives, actual[key].Detractors));
        }
    }

    public static void SamePaths(PathDataSet expected, PathDataSet actual)
    {
        static List<(string Path, double Conversions, double Value, double Nulls)> Grouped(PathDataSet data) =>
            data.Records().GroupBy(r => string.Join('\u0000', r.Channels), StringComparer.Ordinal)
                .Select(g => (g.Key, g.Sum(r => r.Conversions), Math.Round(g.Sum(r => r.ConversionValue), 6), g.Sum(r => r.Nulls)))
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(Grouped(expected), Grouped(actual));
        if (expected.TotalConversions > 0)
        {
            // Every model gives the same credit on the aggregated paths (to rounding: sums run in another order).
            foreach (var (e, a) in new[]
                     {
                         (HeuristicAttribution.Compute(expected, HeuristicModel.Linear, new HeuristicOptions()), HeuristicAttribution.Compute(actual, HeuristicModel.Linear, new HeuristicOptions())),
                         (MarkovAttribution.Compute(expected, new MarkovAttributionOptions()), MarkovAttribution.Compute(actual, new MarkovAttributionOptions())),
                         (ShapleyAttribution.Compute(expected), ShapleyAttribution.Compute(actual)),
                     })
            {
                Assert.Equal(e.Channels.Select(c => c.Channel).Order(StringComparer.Ordinal), a.Channels.Select(c => c.Channel).Order(StringComparer.Ordinal));
                foreach (var credit in e.Channels)
                {
                    var other = a.Channels.Single(c => c.Channel == credit.Channel);
                    Assert.Equal(credit.Conversions, other.Conversions, precision: 9);
                    Assert.Equal(credit.ConversionValue, other.ConversionValue, precision: 6);
                }
            }
        }
    }

    private static List<SurvivalObservation> Survival(EventLog log, EventOutcome outcome)
    {
        long dataEnd = log.EventCount == 0 ? 0 : log.UtcTicks.ToArray().Max();
        return Sorted(log.Journeys.Where(j => j.Count > 0).Select(j =>
        {
            int k = j.Outcomes.IndexOf(outcome);
            long end = k >= 0 ? j.UtcTicks[k] : dataEnd;
            return new SurvivalObservation(TimeSpan.FromTicks(end - j.UtcTicks[0]).TotalDays, k >= 0);
        }));
    }

    private static List<SurvivalObservation> Sorted(IEnumerable<SurvivalObservation> observations) =>
        observations.OrderBy(o => o.Duration).ThenBy(o => o.EventObserved).ToList();
}
