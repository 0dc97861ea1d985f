using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Personas;

namespace JourneyKit.Tests.Personas;

public class MarkovMixtureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Recovery_ThreeKnownChains_ChoosesThree_AndGroupsAsWellAsTheTruthAllows()
    {
        var (log, truth, paths) = MixtureSimulation.Simulate(perChain: 300, seed: 11);
        PersonaDiscoveryResult result = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Seed = 1, MaxClusters = 5 });

        Assert.Equal(3, result.Personas.Count);
        Assert.Equal([1, 2, 3, 4, 5], result.Candidates.Select(c => c.Clusters));
        Assert.Equal(result.Candidates.Min(c => c.Bic), result.Score.Bic);

        // The ceiling: assigning each journey to its most likely true chain (short journeys are ambiguous).
        string[] ids = [.. truth.Keys];
        int[] trueLabels = [.. ids.Select(id => truth[id])];
        var pathOf = ids.Select((id, i) => (id, path: paths[i])).ToDictionary(x => x.id, x => x.path);
        double oracle = MixtureSimulation.AdjustedRandIndex(trueLabels, [.. ids.Select(id => MixtureSimulation.Oracle(pathOf[id]))]);
        double found = MixtureSimulation.AdjustedRandIndex(trueLabels, [.. ids.Select(result.AssignmentOf)]);
        Assert.True(found >= oracle - 0.02, $"ARI {found:F3} against the truth; assigning by the true chains reaches {oracle:F3}");
        Assert.True(oracle > 0.7, $"the simulated chains should be distinguishable (oracle ARI {oracle:F3})");
    }

    [Fact]
    public void Em_TinyExample_IsAFixedPointOfTheStepsWorkedByHand()
    {
        // Journeys A,B (twice) and A,A (twice): one chain cannot tell what follows A, two can. k = 2, smoothing α = 0.1;
        // states A, B; targets A, B, (end).
        var builder = new EventLogBuilder();
        foreach (var (id, second) in new[] { ("ab1", "B"), ("ab2", "B"), ("aa1", "A"), ("aa2", "A") })
        {
            builder.Add(id, T0, "A").Add(id, T0.AddHours(1), second);
        }

        var result = PersonaDiscovery.MarkovMixture(builder.Build(), new MarkovMixtureOptions { Clusters = 2, Seed = 3, Tolerance = 1e-15, MaxIterations = 10_000 });
        MarkovMixtureModel m = result.Model;
        int ab = result.AssignmentOf("ab1");
        Assert.Equal(ab, result.AssignmentOf("ab2"));
        Assert.NotEqual(ab, result.AssignmentOf("aa1"));

        // E-step by hand: p_k(A,B) = π_k θ_k(A) A_k(A,B) A_k(B,end); p_k(A,A) = π_k θ_k(A) A_k(A,A) A_k(A,end); r = p / Σ p.
        double[] pAB = [.. Enumerable.Range(0, 2).Select(k => m.Weight(k) * m.InitialProbability(k, "A") * m.TransitionProbability(k, "A", "B") * m.TransitionProbability(k, "B", "(end)"))];
        double[] pAA = [.. Enumerable.Range(0, 2).Select(k => m.Weight(k) * m.InitialProbability(k, "A") * m.TransitionProbability(k, "A", "A") * m.TransitionProbability(k, "A", "(end)"))];
        double[] rAB = [pAB[0] / pAB.Sum(), pAB[1] / pAB.Sum()];
        double[] rAA = [pAA[0] / pAA.Sum(), pAA[1] / pAA.Sum()];
        Assert.Equal(rAB[0], result.MembershipsOf("ab1")[0], 6);
        Assert.Equal(rAA[1], result.MembershipsOf("aa2")[1], 6);
        Assert.Equal(rAB[1], m.Memberships(["A", "B"])[1], 12);

        // M-step by hand from those responsibilities (every journey starts at A; two of each kind):
        // N_k = 2 r_k(AB) + 2 r_k(AA);  π_k = (N_k + α) / (4 + 2α);  θ_k(A) = (N_k + α) / (N_k + 2α);
        // row A: A→B 2 r(AB), A→A 2 r(AA), A→end 2 r(AA), so A_k(A,B) = (2 r(AB) + α) / (2 r(AB) + 4 r(AA) + 3α);
        // row B: B→end 2 r(AB), so A_k(B,end) = (2 r(AB) + α) / (2 r(AB) + 3α).
        for (int k = 0; k < 2; k++)
        {
            double nk = (2 * rAB[k]) + (2 * rAA[k]);
            double rowA = (2 * rAB[k]) + (4 * rAA[k]) + 0.3;
            Assert.Equal((nk + 0.1) / 4.2, m.Weight(k), 6);
            Assert.Equal((nk + 0.1) / (nk + 0.2), m.InitialProbability(k, "A"), 6);
            Assert.Equal(((2 * rAB[k]) + 0.1) / rowA, m.TransitionProbability(k, "A", "B"), 6);
            Assert.Equal(((2 * rAA[k]) + 0.1) / rowA, m.TransitionProbability(k, "A", "A"), 6);
            Assert.Equal(((2 * rAB[k]) + 0.1) / ((2 * rAB[k]) + 0.3), m.TransitionProbability(k, "B", "(end)"), 6);
        }

        // At the fixed point each journey is clearly in its persona (not certainly: smoothing leaves the other chain a chance).
        Assert.InRange(result.MembershipsOf("ab1")[ab], 0.9, 1);
    }

    [Property(MaxTest = 25)]
    public bool Objective_NeverDecreases_AndMembershipsSumToOne(PositiveInt seed)
    {
        var (log, _, _) = MixtureSimulation.Simulate(perChain: 15, seed: seed.Get);
        var result = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Clusters = 1 + (seed.Get % 3), Seed = seed.Get, Restarts = 1 });
        bool monotone = result.ObjectiveTrace.Zip(result.ObjectiveTrace.Skip(1)).All(x => x.Second >= x.First - (1e-9 * Math.Abs(x.First)));
        bool sums = result.Customers.All(c => Math.Abs(result.MembershipsOf(c).Sum() - 1) < 1e-5);
        bool assigned = result.Customers.All(c => result.MembershipsOf(c)[result.AssignmentOf(c)] == result.MembershipsOf(c).Max());
        return monotone && sums && assigned && result.Personas.Sum(x => x.Size) == log.CustomerCount;
    }

    [Property(MaxTest = 10)]
    public void Result_DoesNotDependOnCustomerOrder(PositiveInt seed)
    {
        var (log, _, _) = MixtureSimulation.Simulate(perChain: 20, seed: seed.Get);
        var events = log.Events().ToList();
        var random = new Random(seed.Get);
        var reordered = events.GroupBy(e => e.CustomerId).OrderBy(_ => random.Next()).SelectMany(g => g).ToList();
        var options = new MarkovMixtureOptions { Clusters = 3, Seed = 5, Restarts = 2 };
        var a = PersonaDiscovery.MarkovMixture(log, options);
        var b = PersonaDiscovery.MarkovMixture(new EventLogBuilder().AddRange(reordered).Build(), options);
        Assert.Equal(a.LogLikelihood, b.LogLikelihood, 9);
        Assert.All(a.Customers, c => Assert.Equal(a.AssignmentOf(c), b.AssignmentOf(c)));
        Assert.Equal(a.Personas.Select(x => x.Description), b.Personas.Select(x => x.Description));
    }

    [Fact]
    public void Result_DoesNotDependOnThreads_AcrossChunks()
    {
        var (log, _, _) = MixtureSimulation.Simulate(perChain: 7_000, seed: 4); // 21,000 journeys: two chunks
        var one = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Clusters = 3, Seed = 2, Restarts = 1, MaxDegreeOfParallelism = 1 });
        var two = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Clusters = 3, Seed = 2, Restarts = 1, MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.LogLikelihood, two.LogLikelihood);
        Assert.Equal(one.ObjectiveTrace, two.ObjectiveTrace);
    }

    [Fact]
    public void ChoosingK_DoesNotDependOnThreads()
    {
        // The candidate numbers of personas are fitted side by side; each must be the fit one thread gives, and so the choice.
        var (log, _, _) = MixtureSimulation.Simulate(perChain: 150, seed: 6);
        var one = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Seed = 5, MaxClusters = 5, MaxDegreeOfParallelism = 1 });
        var four = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Seed = 5, MaxClusters = 5, MaxDegreeOfParallelism = 4 });
        Assert.Equal(5, one.Candidates.Count);
        Assert.Equal(one.Candidates, four.Candidates);
        Assert.Equal(one.Personas.Count, four.Personas.Count);
        Assert.Equal(one.ObjectiveTrace, four.ObjectiveTrace);
    }

    [Fact]
    public void Personas_AreDescribedFromTheirFacts()
    {
        var (log, _, _) = MixtureSimulation.Simulate(perChain: 200, seed: 8);
        var result = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Clusters = 3, Seed = 1 });
        Assert.Equal([0, 1, 2], result.Personas.Select(p => p.Index));
        Assert.True(result.Personas[0].Size >= result.Personas[1].Size && result.Personas[1].Size >= result.Personas[2].Size);
        Assert.Equal(1.0, result.Personas.Sum(p => p.Share), 12);
        foreach (DiscoveredPersona p in result.Personas)
        {
            Assert.Contains($"starts at '{p.Starts[0].State}'", p.Description, StringComparison.Ordinal);
            Assert.True(p.DistinctiveTransitions[0].Lift >= p.DistinctiveTransitions[^1].Lift);
            Assert.Equal(p.Size, result.CustomersOf(p.Index).Count);
            Assert.InRange(p.MeanMembership, 1.0 / 3, 1);
        }

        // The D-E-F persona: starts at D, and its own steps are the cycle D → E → F → D, each taken more often than
        // average (the population's rows D, E, F are mostly this persona, so the lift is moderate).
        DiscoveredPersona def = result.Personas.Single(p => p.Starts[0].State == "D");
        Assert.Equal(["D → E", "E → F", "F → D"], def.DistinctiveTransitions.Take(3).Select(t => $"{t.From} → {t.To}").Order(StringComparer.Ordinal));
        Assert.All(def.DistinctiveTransitions.Take(3), t => Assert.True(t.Lift > 1.3, t.ToString()));
    }

    [Fact]
    public void Personas_CarryPathsChannelsConversionNpsAndValue_WorkedByHand()
    {
        // Persona "loop": 6 customers A,B,A,B on the web, feedback 10,10,10,9,5,7, value 20 each, 3 convert.
        // Persona "line": 4 customers C,D by e-mail, no feedback, no value, none convert.
        var builder = new EventLogBuilder();
        double[] feedback = [10, 10, 10, 9, 5, 7];
        for (int i = 0; i < 6; i++)
        {
            string id = $"loop{i}";
            string[] steps = ["A", "B", "A", "B"];
            for (int e = 0; e < steps.Length; e++)
            {
                builder.Add(new JourneyEvent(id, T0.AddHours(e), steps[e])
                {
                    Channel = "web",
                    Feedback = e == steps.Length - 1 ? feedback[i] : null,
                    Value = e == 0 ? 20 : null,
                    Outcome = e == steps.Length - 1 && i < 3 ? EventOutcome.Conversion : EventOutcome.None,
                });
            }
        }

        for (int i = 0; i < 4; i++)
        {
            builder.Add(new JourneyEvent($"line{i}", T0, "C") { Channel = "email" }).Add(new JourneyEvent($"line{i}", T0.AddHours(1), "D") { Channel = "email" });
        }

        var result = PersonaDiscovery.MarkovMixture(builder.Build(), new MarkovMixtureOptions { Clusters = 2, Seed = 1 });
        DiscoveredPersona loop = result.Personas[0];
        DiscoveredPersona line = result.Personas[1];
        Assert.Equal((6, 4), (loop.Size, line.Size));
        Assert.Equal(["A", "B", "A", "B"], loop.TopPaths.Single().Steps);
        Assert.Equal((6, 1.0), (loop.TopPaths[0].Customers, loop.TopPaths[0].Share));
        Assert.Equal([("web", 1.0)], loop.ChannelMix);
        Assert.Equal([("email", 1.0)], line.ChannelMix);

        // Conversion 3/6 with its Wilson interval; NPS: 4 promoters, 1 passive, 1 detractor → (4 − 1)/6 = 50.
        Assert.Equal(0.5, loop.ConversionRate, 12);
        var wilson = JourneyKit.Metrics.SatisfactionScores.Csat([5, 5, 5, 1, 1, 1]); // 3 of 6 in the top-2 box: the same Wilson interval
        Assert.Equal(wilson.Interval, loop.ConversionInterval);
        Assert.Equal(6, loop.NpsResponses);
        Assert.Equal(50.0, loop.Nps, 12);
        Assert.Equal(JourneyKit.Metrics.NetPromoterScore.FromCounts(4, 1, 1).ConfidenceInterval(), loop.NpsInterval);
        Assert.True(double.IsNaN(line.Nps));
        Assert.Equal(0, line.NpsResponses);

        // Value: every loop customer 20 (sd 0, interval collapses); the line customers have none (0 each).
        Assert.Equal(20.0, loop.MeanValue, 12);
        Assert.Equal(new Interval(20.0, 20.0, 0.95), loop.MeanValueInterval);
        Assert.Equal(0.0, line.MeanValue, 12);
        Assert.Contains("only on web", loop.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_GetsClearErrors()
    {
        var empty = new EventLogBuilder().Build();
        Assert.Throws<ArgumentException>("log", () => PersonaDiscovery.MarkovMixture(empty));
        var two = new EventLogBuilder().Add("a", T0, "x").Add("b", T0, "y").Build();
        var tooMany = Assert.Throws<ArgumentException>("options", () => PersonaDiscovery.MarkovMixture(two, new MarkovMixtureOptions { Clusters = 3 }));
        Assert.Contains("only 2 journeys", tooMany.Message, StringComparison.Ordinal);
        var noStages = Assert.Throws<ArgumentException>("log", () => PersonaDiscovery.MarkovMixture(two, new MarkovMixtureOptions { Level = PathLevel.Stage }));
        Assert.Contains("stage", noStages.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("log", () => PersonaDiscovery.MarkovMixture(two, new MarkovMixtureOptions { MaxStates = 1 }));
        Assert.Throws<InvalidOptionsException>("Smoothing", () => PersonaDiscovery.MarkovMixture(two, new MarkovMixtureOptions { Smoothing = 0 }));
        Assert.Throws<KeyNotFoundException>(() => PersonaDiscovery.MarkovMixture(two, new MarkovMixtureOptions { Clusters = 1 }).AssignmentOf("zzz"));
        Assert.Throws<ArgumentException>("path", () => PersonaDiscovery.MarkovMixture(two, new MarkovMixtureOptions { Clusters = 1 }).Model.Memberships(["nowhere"]));
    }
}
