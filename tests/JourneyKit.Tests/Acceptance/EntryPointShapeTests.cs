using System.Globalization;
using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Identity;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Personas;
using JourneyKit.Rules;
using JourneyKit.Tests.Personas;

namespace JourneyKit.Tests.Acceptance;

/// <summary>
/// The public entry points that acceptance tests outside the repository call (issues #3–#18), spelled exactly as the
/// issues spell them: explicit types where they name one, the same argument shapes. If a rename or a new parameter
/// breaks a call shape, this file stops compiling. Each call's answer is also checked by hand.
/// </summary>
public sealed class EntryPointShapeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static EventLog ThreeJourneys()
    {
        var builder = new EventLogBuilder();
        builder.Add("a", T0, "ad");
        builder.Add("a", T0.AddHours(1), "cart");
        builder.Add("a", T0.AddHours(3), "purchase");
        builder.Add("b", T0, "ad");
        builder.Add("b", T0.AddHours(2), "cart");
        builder.Add("c", T0, "ad");
        return builder.Build();
    }

    [Fact]
    public void EventLog_Issue3()
    {
        var builder = new EventLogBuilder();
        builder.Add("maya", T0, "ad");
        builder.Add("maya", T0.AddMinutes(5), "checkout");
        EventLog log = builder.Build();
        int customers = log.CustomerCount;
        long events = log.EventCount;
        Assert.Equal(1, customers);
        Assert.Equal(2L, events);
        var mapped = new EventLogBuilder(SampleMaps.ECommerce());
        mapped.Add("maya", T0, "ad");
        Assert.Equal("awareness", mapped.Build().StageNames[0]);
        Assert.Equal(2, log.Events().Count());
    }

    [Fact]
    public void Paths_Issue4And18()
    {
        EventLog log = ThreeJourneys();
        var analyzer = new PathAnalyzer();
        IReadOnlyList<PathVariant> variants = analyzer.Variants(log);
        Assert.Equal(3, variants.Count);
        Assert.All(variants, v => Assert.Equal(1, v.Count));
        IReadOnlyList<string> steps = variants.Single(v => v.Steps.Count == 3).Steps;
        Assert.Equal(["ad", "cart", "purchase"], steps);
        Assert.Single(analyzer.Variants(log, 1));
        DirectlyFollowsGraph dfg = analyzer.DirectlyFollows(log);
        DfgEdge edge = dfg.Edges.Single(e => e.From == "ad" && e.To == "cart");
        Assert.Equal(2, edge.Count);
        TimeSpan mean = edge.MeanDuration;
        Assert.Equal(TimeSpan.FromMinutes(90), mean);
        Assert.InRange(edge.MedianDuration, TimeSpan.FromMinutes(88), TimeSpan.FromMinutes(92));
        Assert.True(edge.P90Duration >= edge.MedianDuration);
        Assert.Equal(3, dfg.StartCounts["ad"]);
        Assert.Equal(1, dfg.EndCounts["purchase"]);
        Assert.Equal(2, analyzer.DirectlyFollows(log, includeDurations: false).Count("ad", "cart"));
        DurationSummary durations = analyzer.JourneyDurations(log);
        Assert.Equal(TimeSpan.FromHours(5.0 / 3), durations.Mean);
        Assert.Equal(TimeSpan.FromHours(2), durations.Median);
    }

    [Fact]
    public void Markov_Issue5()
    {
        IEnumerable<IReadOnlyList<string>> sequences = [["a", "b"], ["a", "a"], ["b", "a"]];
        // Issue #5's name, kept as an [Obsolete] forwarder to MarkovChain.Fit (#31's grammar): the shape must still compile.
#pragma warning disable CS0618
        MarkovChain chain = MarkovChain.Estimate(sequences, null);
#pragma warning restore CS0618
        Assert.Equal(["a", "b"], chain.States.OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal(1, chain.Count("a", "b"));
        Assert.Equal(0.5, chain.Probability("a", "b"), 12);
        Assert.Equal(Math.Log(0.25) + Math.Log(1), chain.LogLikelihood, 12);
        MarkovChain oz = MarkovChain.FromProbabilities(["r", "n", "s"], new double[,] { { 0.5, 0.25, 0.25 }, { 0.5, 0, 0.5 }, { 0.25, 0.25, 0.5 } });
        IReadOnlyDictionary<string, double> stationary = oz.StationaryDistribution();
        Assert.Equal(0.4, stationary["r"], 12);
        Assert.Equal(2.5, oz.MeanFirstPassageTime("r", "r"), 9);
        MarkovChain walk = MarkovChain.FromProbabilities(["0", "1", "2"], new double[,] { { 1, 0, 0 }, { 0.5, 0, 0.5 }, { 0, 0, 1 } });
        Assert.Equal(0.5, walk.AbsorptionProbability("1", "2"), 12);
        Assert.Equal(1, walk.ExpectedStepsToAbsorption("1"), 12);
        IReadOnlyDictionary<string, double> next = oz.Forecast(new Dictionary<string, double> { ["r"] = 1 }, 1);
        Assert.Equal(0.25, next["n"], 12);
    }

    [Fact]
    public void Attribution_Issue6And18()
    {
        PathRecord one = PathRecord.Parse("search > email", 3, 30, 1);
        PathRecord two = PathRecord.Parse("search", 1, 10, 2);
        AttributionResult last = HeuristicAttribution.Compute([one, two], HeuristicModel.LastTouch);
        IReadOnlyList<ChannelCredit> channels = last.Channels;
        Assert.Equal(3, channels.Single(c => c.Channel == "email").Conversions, 12);
        Assert.Equal(10, channels.Single(c => c.Channel == "search").ConversionValue, 12);
        MarkovAttributionResult markov = MarkovAttribution.Compute([one, two], null);
        Assert.Equal(4.0 / 7, markov.ConversionProbability, 12);
        Assert.Equal(1, markov.RemovalEffects["search"], 12);
        Assert.True(markov.ValueRemovalEffects["email"] > 0);
        var (data, report) = PathDataSet.ReadCsv(new StringReader("path,total_conversions,total_conversion_value,total_null\nsearch > email,3,30,1\n"));
        Assert.Equal(1, report.RowsAccepted);
        Assert.Equal(3, MarkovAttribution.Compute(data, new MarkovAttributionOptions()).Channels.Sum(c => c.Conversions), 9);
    }

    [Fact]
    public void Metrics_Issue7()
    {
        NpsResult nps = NetPromoterScore.FromRatings([10, 9, 8, 3]);
        Assert.Equal(25, nps.Score, 12);
        Assert.Equal(nps.Score, NetPromoterScore.FromCounts(2, 1, 1).Score, 12);
        double se = nps.StandardError;
        Assert.True(se > 0);
        var (lower, upper) = nps.ConfidenceInterval(0.95, NpsInterval.Wald);
        Assert.Equal(25 - (1.959963984540054 * se), lower, 6);
        Assert.Equal(Math.Min(100, 25 + (1.959963984540054 * se)), upper, 6);
        Assert.True(nps.ConfidenceInterval().Lower < nps.ConfidenceInterval().Upper);
        KaplanMeierCurve km = KaplanMeier.Fit([new SurvivalObservation(1, true), new SurvivalObservation(2, false), new SurvivalObservation(3, true)]);
        Assert.Equal(2.0 / 3, km.SurvivalAt(1), 12);
        Assert.Equal(3, km.MedianSurvival, 12);
        Assert.True(km.ConfidenceIntervalAt(1).Lower < 2.0 / 3 && km.ConfidenceIntervalAt(1, 0.95).Upper > 2.0 / 3);
        LogRankResult test = LogRank.Test([new SurvivalObservation(1, true)], [new SurvivalObservation(5, true)]);
        Assert.True(test.ChiSquare > 0 && test.PValue is > 0 and < 1);
        IEnumerable<RfmSummary> customers = File.ReadLines(Datasets.PathOf("cdnow_customers_summary.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => new RfmSummary(double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)));
        BgNbdModel model = BgNbdModel.Fit(customers);
        Assert.Equal((0.243, 4.414, 0.793, 2.426), (Math.Round(model.R, 3), Math.Round(model.Alpha, 3), Math.Round(model.A, 3), Math.Round(model.B, 3)));
        Assert.Equal(-9582.4, model.LogLikelihood, 1);
        Assert.InRange(model.ProbabilityAlive(new RfmSummary(0, 0, 40)), 0, 1);
        Assert.True(model.ExpectedPurchases(10) > 0);
        Assert.True(model.ConditionalExpectedPurchases(10, new RfmSummary(5, 35, 39)) > model.ConditionalExpectedPurchases(10, new RfmSummary(1, 5, 38)));
    }

    [Fact]
    public void Rules_Issue12()
    {
        JourneyRule rule = JourneyRule.Named("cart-abandoned").When("cart").NotFollowedBy("purchase", TimeSpan.FromHours(24));
        var asOf = T0.AddDays(2);
        RuleEvaluation result = new RuleEngine([rule]).Evaluate(ThreeJourneys(), asOf);
        IReadOnlyList<RuleFiring> fired = result.Fired;
        RuleFiring firing = Assert.Single(fired);
        Assert.Equal(("cart-abandoned", "b"), (firing.RuleName, firing.CustomerId));
        Assert.Equal(T0.AddHours(2), firing.StartedAt);
        Assert.Equal(T0.AddHours(26), firing.DueAt);
        IReadOnlyList<RuleFiring> pending = result.Pending;
        Assert.Empty(pending);
        var monitor = new JourneyMonitor([rule], new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromMinutes(5) });
        Assert.Empty(monitor.Observe("b", T0.AddHours(2), "cart"));
        IReadOnlyList<RuleFiring> due = monitor.AdvanceTo(T0.AddHours(27));
        Assert.Equal("b", Assert.Single(due).CustomerId);
        Assert.Empty(monitor.Observe("d", T0.AddHours(28), "cart"));
        using var stream = new MemoryStream();
        // Issue #12's names, kept as [Obsolete] forwarders to Save/Load (#31's grammar): the shapes must still compile.
#pragma warning disable CS0618
        monitor.SaveState(stream);
        stream.Position = 0;
        JourneyMonitor restored = JourneyMonitor.Restore(stream, [rule], new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromMinutes(5) });
#pragma warning restore CS0618
        Assert.Equal("d", Assert.Single(restored.AdvanceTo(T0.AddHours(60))).CustomerId);
    }

    [Fact]
    public void Identity_Issue14()
    {
        var builder = new IdentityGraphBuilder(new IdentityOptions { KindPriority = ["user_id", "email", "anonymous_id"] });
        builder.Link("anonymous_id", "a1", "user_id", "u1", T0);
        IdentityGraph graph = builder.Build();
        string profile = graph.ProfileOf("anonymous_id", "a1");
        Assert.Equal("user_id:u1", profile);
        var web = new EventLogBuilder();
        web.Add("a1", T0, "ad");
        EventLog rekeyed = graph.Rekey(web.Build(), "anonymous_id");
        Assert.Equal("user_id:u1", rekeyed.CustomerIds[0]);
    }

    [Fact]
    public void Personas_Issue15()
    {
        var (log, _, _) = MixtureSimulation.Simulate(perChain: 60, seed: 3);
        PersonaDiscoveryResult result = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Clusters = 3, Seed = 1 });
        IReadOnlyList<DiscoveredPersona> personas = result.Personas;
        Assert.Equal(3, personas.Count);
        Assert.Equal(log.CustomerCount, personas.Sum(p => p.Size));
        Assert.Equal([0, 1, 2], personas.Select(p => p.Index));
        int assigned = result.AssignmentOf(log.CustomerIds[0]);
        Assert.InRange(assigned, 0, 2);
        double ll = result.LogLikelihood;
        Assert.True(ll < 0);
    }
}
