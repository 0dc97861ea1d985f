using JourneyKit.Events;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Personas;

namespace JourneyKit.Tests.Newcomer;

/// <summary>The helpers a CRM export needs at once (issue #30).</summary>
public class CrmExportHelperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static EventLog Log() => new EventLogBuilder()
        .Add(new JourneyEvent("a", T0, "home") { Channel = "web" })
        .Add(new JourneyEvent("a", T0.AddDays(1), "cart") { Channel = "app", Value = 12 })
        .Add(new JourneyEvent("a", T0.AddDays(2), "buy") { Channel = "web", Outcome = EventOutcome.Conversion, Value = 80, Feedback = 9 })
        .Add(new JourneyEvent("b", T0.AddDays(1), "home") { Channel = "app" })
        .Add(new JourneyEvent("c", T0.AddDays(5), "home") { Channel = "web" })
        .Add(new JourneyEvent("c", T0.AddDays(40), "cart") { Channel = "web" })
        .Build();

    [Fact]
    public void Where_KeepsTheEventsThatPass_AndDropsCustomersLeftEmpty()
    {
        EventLog log = Log();
        int web = log.FindChannel("web");
        EventLog onWeb = log.Where((l, e) => l.ChannelIds[e] == web);
        Assert.Equal(["a", "c"], onWeb.CustomerIds);
        Assert.Equal(["home", "buy"], onWeb[0].TouchpointNames());
        Assert.Equal(80, onWeb.GetEvent(1).Value);
        Assert.Equal(log.TouchpointNames, onWeb.TouchpointNames); // the same label tables
        Assert.Equal(4, onWeb.EventCount);
        Assert.Equal(0, log.Where((_, _) => false).CustomerCount);

        EventLog converted = log.WhereJourneys(j => j.Outcomes.Contains(EventOutcome.Conversion));
        Assert.Equal(["a"], converted.CustomerIds);
        Assert.Equal(3, converted.EventCount);
    }

    [Fact]
    public void WithMap_ResolvesStagesAndChannelsFromTheMap_AndRefusesLabelsItLacks()
    {
        JourneyMap map = JourneyMap.CreateBuilder("m", "M")
            .AddStage("explore", "Explore").AddStage("buy", "Buy")
            .AddChannel("web", "Web").AddChannel("app", "App")
            .AddTouchpoint("home", "Home", "explore", "web").AddTouchpoint("cart", "Cart", "buy", "web").AddTouchpoint("buy", "Checkout", "buy", "web")
            .Build();
        EventLog mapped = Log().WithMap(map);
        Assert.Same(map, mapped.Map);
        Assert.Equal(["explore", "buy", "buy"], Enumerable.Range(0, 3).Select(e => mapped.StageNames[mapped.StageIds[e]]));
        Assert.Equal("app", mapped.ChannelNames[mapped.ChannelIds[1]]); // the event's own channel is kept

        // Stage analyses that need a map now run; a label the map lacks is named with the map's closest id.
        Assert.Equal(2, new PathAnalyzer().Funnel(mapped, new FunnelDefinition(FunnelStep.Stage("explore"), FunnelStep.Stage("buy"))).Steps[1].Entered);
        var ex = Assert.Throws<ArgumentException>(() => new EventLogBuilder().Add("x", T0, "Cart").Build().WithMap(map));
        Assert.Contains("touchpoint 'Cart' (closest: 'cart')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SurvivalData_TimeToAnEvent_AndLifetimeByInactivity_ComeStraightFromTheLog()
    {
        EventLog log = Log();
        var toCart = SurvivalData.TimeTo(log, (l, e) => l.TouchpointNames[l.TouchpointIds[e]] == "cart");
        Assert.Equal([new SurvivalObservation(1, true), new SurvivalObservation(39, false), new SurvivalObservation(35, true)], toCart); // b censored at the log's end (day 40)
        Assert.Equal([new SurvivalObservation(2, true), new SurvivalObservation(39, false), new SurvivalObservation(35, false)], SurvivalData.TimeToOutcome(log, EventOutcome.Conversion));

        // Lost after 30 days without an event, observed up to day 60: a at day 2 + 30, b at day 1 + 30; c still active.
        var lifetimes = SurvivalData.UntilInactive(log, TimeSpan.FromDays(30), T0.AddDays(60));
        Assert.Equal([new SurvivalObservation(32, true), new SurvivalObservation(30, true), new SurvivalObservation(55, false)], lifetimes);
        Assert.Equal(32, KaplanMeier.Fit(lifetimes).MedianSurvival, 9);
    }

    [Fact]
    public void CustomerJourney_ExposesEachEventsValueAndFeedback()
    {
        CustomerJourney a = Log()[0];
        Assert.Equal([double.NaN, 12, 80], a.Values());
        Assert.Equal([double.NaN, double.NaN, 9], a.Feedback());
        Assert.Equal(EventOutcome.Conversion, a.Events()[2].Outcome);
        Assert.All(new EventLogBuilder().Add("z", T0, "x").Build()[0].Values(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void KMeansPersonaDescriptions_ReadAsPlainNumbers()
    {
        // Big spenders on social, small ones on the web: the features that stand out most are told in words.
        var builder = new EventLogBuilder();
        var attributes = new CustomerAttributesBuilder();
        for (int c = 0; c < 60; c++)
        {
            bool big = c % 3 == 0;
            builder.Add(new JourneyEvent("c" + c, T0.AddHours(c), "home") { Channel = big ? "social" : "web" })
                .Add(new JourneyEvent("c" + c, T0.AddHours(c + 1), "buy") { Channel = "web", Value = big ? 2_960 + c : 230 + c, Outcome = EventOutcome.Conversion });
            attributes.Set("c" + c, "seats", big ? 40 : 3);
        }

        FeaturePersonaResult result = PersonaDiscovery.KMeans(builder.Build(), new KMeansOptions { Clusters = 2, Attributes = attributes.Build() });
        Assert.Equal("33 % of customers; seats about 40 vs 15; social: 50 % of events vs 17 %; web: 50 % of events vs 83 %", result.Personas.Single(p => p.Size == 20).Description);

        // Spend alone telling them apart: "spends about 3,000 vs 1,100 on average", not 2.96E+03.
        var spend = new EventLogBuilder();
        for (int c = 0; c < 60; c++)
        {
            spend.Add(new JourneyEvent("c" + c, T0.AddHours(c), "buy") { Value = c % 3 == 0 ? 2_960 : 241.7, Outcome = EventOutcome.Conversion });
        }

        FeaturePersonaResult bySpend = PersonaDiscovery.KMeans(spend.Build(), new KMeansOptions { Clusters = 2 });
        Assert.Contains("spends about 3,000 vs 1,100 on average", bySpend.Personas.Single(p => p.Size == 20).Description, StringComparison.Ordinal);
        Assert.Contains("spends about 240 vs 1,100 on average", bySpend.Personas.Single(p => p.Size == 40).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_WithBehaviours_DrawsCustomersFromEach_AndPersonaDiscoveryFindsThem()
    {
        JourneyMap map = SampleMaps.ECommerce();
        var options = new SyntheticJourneyOptions
        {
            Customers = 3_000,
            Seed = 4,
            Behaviours =
            [
                new SyntheticBehaviour("decisive", 1, AdvanceWeight: 0.8, StayWeight: 0.02, BacktrackWeight: 0.01, SkipWeight: 0.1, DropOutWeight: 0.07),
                new SyntheticBehaviour("wanderer", 1, AdvanceWeight: 0.25, StayWeight: 0.4, BacktrackWeight: 0.2, SkipWeight: 0.0, DropOutWeight: 0.15),
            ],
        };
        EventLog log = new SyntheticJourneyGenerator(map, options).Generate();
        PersonaDiscoveryResult personas = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Level = PathLevel.Stage, MaxClusters = 4, Seed = 1 });
        Assert.Equal(2, personas.Personas.Count);
        Assert.All(personas.Personas, p => Assert.InRange(p.Share, 0.35, 0.65));

        // Without behaviours the generator draws exactly as before (the same log for the same seed).
        var plain = new SyntheticJourneyOptions { Customers = 200, Seed = 4 };
        Assert.True(new SyntheticJourneyGenerator(map, plain).Generate().ContentEquals(new SyntheticJourneyGenerator(map, plain with { Behaviours = null }).Generate()));
        Assert.Throws<InvalidOptionsException>(() => new SyntheticJourneyGenerator(map, plain with { Behaviours = [new SyntheticBehaviour("x", 0, 1, 0, 0, 0, 0)] }));
    }
}
