using JourneyKit.Events;
using JourneyKit.Personas;
using JourneyKit.Serialization;

namespace JourneyKit.Tests.Personas;

public class PersonaMatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JourneyMap Map() =>
        JourneyMap.CreateBuilder("shop", "Shop")
            .AddPersona("online", "Online shopper", preferredChannels: ["web"], expectedStages: ["awareness", "consideration", "purchase"])
            .AddPersona("in-store", "In-store buyer", preferredChannels: ["store"], expectedStages: ["awareness", "purchase"])
            .AddPersona("portrait", "A persona without expected behaviour")
            .AddStage("awareness", "Awareness").AddStage("consideration", "Consideration").AddStage("purchase", "Purchase").AddStage("retention", "Retention")
            .AddChannel("web", "Web", ChannelKind.Web).AddChannel("store", "Store", ChannelKind.Store).AddChannel("email", "E-mail", ChannelKind.Email)
            .AddTouchpoint("ad", "Ad", "awareness", "web").AddTouchpoint("compare", "Compare", "consideration", "web").AddTouchpoint("checkout", "Checkout", "purchase", "web")
            .AddTouchpoint("window", "Shop window", "awareness", "store").AddTouchpoint("till", "Till", "purchase", "store")
            .AddTouchpoint("support", "Support mail", "retention", "email")
            .Build();

    [Fact]
    public void DiscoveredPersonas_AreMatchedToTheDesignedOnes_AndUncoveredBehaviourIsFlagged()
    {
        JourneyMap map = Map();
        var builder = new EventLogBuilder(map);
        for (int i = 0; i < 60; i++)
        {
            Walk(builder, $"web{i}", "ad", "compare", "compare", "checkout");
            Walk(builder, $"store{i}", "window", "till");
            Walk(builder, $"mail{i}", "support", "support", "support");
        }

        var result = PersonaDiscovery.MarkovMixture(builder.Build(), new MarkovMixtureOptions { Clusters = 3, Seed = 1 });
        var matches = result.MatchDesigned(map);
        PersonaMatch web = matches[result.AssignmentOf("web0")];
        PersonaMatch store = matches[result.AssignmentOf("store0")];
        PersonaMatch mail = matches[result.AssignmentOf("mail0")];

        // Web shoppers: all events on web (1.0), reach exactly the three expected stages (gap 0): similarity 1.
        Assert.Equal(("online", 1.0, true), (web.DesignedPersonaId, web.Similarity, web.IsCovered));
        Assert.Equal(("in-store", 1.0, true), (store.DesignedPersonaId, store.Similarity, store.IsCovered));

        // The support mailers: no event on a preferred channel (0); against in-store, stages differ on awareness,
        // purchase and retention (gap 3/4), so 1 − 0.75 = 0.25 → (0 + 0.25) / 2 = 0.125; against online the gap is 1 → 0.
        Assert.False(mail.IsCovered);
        Assert.Equal(0.125, mail.Scores["in-store"], 12);
        Assert.Equal(0.0, mail.Scores["online"], 12);
        Assert.DoesNotContain("portrait", mail.Scores.Keys);
        Assert.Contains("not covered", mail.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("threshold", () => result.MatchDesigned(map, 1.5));
    }

    [Fact]
    public void ExpectedBehaviour_RoundTripsThroughJson_AndIsCheckedAgainstTheMap()
    {
        JourneyMap map = Map();
        JourneyMap back = JourneyMapSerializer.Default.Deserialize(JourneyMapSerializer.Default.Serialize(map));
        Assert.Equal(["web"], back.FindPersona("online")!.PreferredChannels);
        Assert.Equal(["awareness", "purchase"], back.FindPersona("in-store")!.ExpectedStages);
        Assert.True(JourneyMapDiff.Compare(map, back).IsEmpty);
        Assert.False(JourneyMapDiff.Compare(map, map.ToBuilder().Remove(MapElementKind.Persona, "online").AddPersona("online", "Online shopper", preferredChannels: ["store"]).Build()).IsEmpty);

        var ex = Assert.Throws<JourneyMapValidationException>(() => JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddChannel("web", "Web", ChannelKind.Web)
            .AddPersona("p", "P", preferredChannels: ["fax"], expectedStages: ["nowhere"]).Build());
        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Message.Contains("'fax'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Message.Contains("'nowhere'", StringComparison.Ordinal));
    }

    private static void Walk(EventLogBuilder builder, string customer, params string[] touchpoints)
    {
        for (int i = 0; i < touchpoints.Length; i++)
        {
            builder.Add(customer, T0.AddHours(i), touchpoints[i]);
        }
    }
}
