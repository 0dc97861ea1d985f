using JourneyKit.Events;
using JourneyKit.Personas;
using JourneyKit.Tests.Rules;

namespace JourneyKit.Tests.Personas;

public class KMeansTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Three behaviours: web buyers (3 events, convert), e-mail browsers (10 events), store one-timers (1 event); within a
    /// behaviour only the time between events varies (continuously, up to an hour), so each is one blob, not several.
    /// </summary>
    private static (EventLog Log, Dictionary<string, int> Truth) Blobs(int perGroup, int seed, bool shuffled = false)
    {
        var random = new Random(seed);
        var events = new List<JourneyEvent>();
        var truth = new Dictionary<string, int>();
        for (int g = 0; g < 3; g++)
        {
            for (int i = 0; i < perGroup; i++)
            {
                string id = $"g{g}-{i:D3}";
                truth[id] = g;
                int count = g switch { 0 => 3, 1 => 10, _ => 1 };
                string channel = g switch { 0 => "web", 1 => "email", _ => "store" };
                var t = T0.AddDays(i % 7);
                for (int e = 0; e < count; e++)
                {
                    t = t.AddMinutes(random.NextDouble() * 60);
                    events.Add(new JourneyEvent(id, t, "tp" + random.Next(4))
                    {
                        Channel = channel,
                        Outcome = g == 0 && e == count - 1 ? EventOutcome.Conversion : EventOutcome.None,
                    });
                }
            }
        }

        if (shuffled)
        {
            events = [.. events.GroupBy(e => e.CustomerId).OrderBy(_ => random.Next()).SelectMany(x => x)];
        }

        return (new EventLogBuilder().AddRange(events).Build(), truth);
    }

    [Fact]
    public void WellSeparatedBehaviours_AreRecoveredExactly_AndKIsChosenBySilhouette()
    {
        var (log, truth) = Blobs(60, 1);
        FeaturePersonaResult result = PersonaDiscovery.KMeans(log, new KMeansOptions { Seed = 2, MaxClusters = 6 });
        Assert.Equal(3, result.Personas.Count);
        Assert.Equal([2, 3, 4, 5, 6], result.Candidates.Select(c => c.Clusters));
        Assert.Equal(result.Candidates.Max(c => c.Silhouette), result.Score.Silhouette);
        string[] ids = [.. truth.Keys];
        Assert.Equal(1.0, MixtureSimulation.AdjustedRandIndex([.. ids.Select(id => truth[id])], [.. ids.Select(result.AssignmentOf)]), 12);

        // The e-mail browsers: their centre says so, in the features' own units.
        FeaturePersona browsers = result.Personas[result.AssignmentOf("g1-000")];
        Assert.Equal(1.0, browsers.Centre["channel:email"], 12);
        Assert.Equal(10.0, browsers.Centre["events"], 12);
        Assert.Equal(0.0, browsers.Centre["converted"], 12);
        Assert.Contains("of customers;", browsers.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_DoesNotDependOnCustomerOrder()
    {
        var (a, _) = Blobs(40, 3);
        var (b, _) = Blobs(40, 3, shuffled: true);
        var options = new KMeansOptions { Clusters = 3, Seed = 7 };
        FeaturePersonaResult x = PersonaDiscovery.KMeans(a, options);
        FeaturePersonaResult y = PersonaDiscovery.KMeans(b, options);
        Assert.Equal(x.Score.WithinSumOfSquares, y.Score.WithinSumOfSquares, 9);
        Assert.All(x.Customers, c => Assert.Equal(x.AssignmentOf(c), y.AssignmentOf(c)));
    }

    [Fact]
    public void Features_IncludeTheCallersNumbers_AndConstantOnesAreListedAsDropped()
    {
        var (log, truth) = Blobs(20, 5);
        var attributes = new CustomerAttributesBuilder();
        foreach (string id in truth.Keys.Where(id => !id.EndsWith('7')))
        {
            attributes.Set(id, "seats", truth[id] * 100.0);
        }

        FeaturePersonaResult result = PersonaDiscovery.KMeans(log, new KMeansOptions { Clusters = 3, Attributes = attributes.Build() });
        Assert.Contains("attribute:seats", result.Features);
        Assert.Contains("days", result.Features);
        int seats = result.Features.ToList().IndexOf("attribute:seats");
        Assert.Equal(100.0, result.FeaturesOf("g1-003")[seats], 12);
        double mean = truth.Keys.Where(id => !id.EndsWith('7')).Average(id => truth[id] * 100.0);
        Assert.Equal(mean, result.FeaturesOf("g1-007")[seats], 9); // no value: the mean of those who have one
        Assert.Equal(result.Personas.Sum(p => p.Size), log.CustomerCount);
        Assert.Equal(result.Personas[0].Size, result.CustomersOf(0).Count);

        // Every customer with one event at one touchpoint on one channel: nothing varies.
        var flat = new EventLogBuilder().Add("a", T0, "x").Add("b", T0, "x").Build();
        var ex = Assert.Throws<ArgumentException>("log", () => PersonaDiscovery.KMeans(flat));
        Assert.Contains("same value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_GetsClearErrors()
    {
        var (log, _) = Blobs(2, 1);
        Assert.Throws<ArgumentException>("options", () => PersonaDiscovery.KMeans(log, new KMeansOptions { Clusters = 7 }));
        Assert.Throws<ArgumentException>("log", () => PersonaDiscovery.KMeans(new EventLogBuilder().Build()));
        Assert.Throws<InvalidOptionsException>("MaxClusters", () => PersonaDiscovery.KMeans(log, new KMeansOptions { MaxClusters = 1 }));
        Assert.Throws<KeyNotFoundException>(() => PersonaDiscovery.KMeans(log, new KMeansOptions { Clusters = 2 }).AssignmentOf("nobody"));

        // Two customers and k left open: one group, not a crash.
        var two = new EventLogBuilder().Add("a", T0, "x").Add("b", T0, "x").Add("b", T0.AddHours(1), "y").Build();
        FeaturePersonaResult one = PersonaDiscovery.KMeans(two);
        Assert.Single(one.Personas);
        Assert.True(double.IsNaN(one.Score.Silhouette));
    }
}
