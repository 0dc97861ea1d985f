using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Tests.Identity;

public class IdentityPropertyTests
{
    private static readonly IdentityOptions Open = new() { KindPriority = IdentityArbitraries.Kinds };

    private static readonly IdentityOptions Strict = new()
    {
        KindPriority = IdentityArbitraries.Kinds,
        MaxPerProfile = new Dictionary<string, int> { ["user_id"] = 1, ["device_id"] = 2 },
        BlockedValues = IdentityOptions.CommonBlockedValues,
    };

    private static IdentityGraph Build(IEnumerable<LinkObservation> links, IdentityOptions options) =>
        IdentityArbitraries.Add(new IdentityGraphBuilder(options), links).Build();

    // The identifiers a graph answers for: a blocked value has no profile (ProfileOf and Explain refuse it).
    private static List<Identifier> Usable(IdentityGraph graph, IEnumerable<Identifier> named) =>
        [.. named.Where(i => graph.Options.BlockedValues?.Contains(i.Value.Trim(), StringComparer.OrdinalIgnoreCase) != true)];

    // Everything a user can observe of a graph, in a form that compares across builds.
    private static string Describe(IdentityGraph graph, IReadOnlyList<LinkObservation> links, bool explanations = true)
    {
        var named = Usable(graph, IdentityArbitraries.Named(links));
        var lines = new List<string>
        {
            $"{graph.IdentifierCount} {graph.ProfileCount} {graph.Report.LinksRead} {graph.Report.LinksUsed} {graph.Report.RedundantLinks}",
        };
        lines.AddRange(named.Select(i => $"{i} -> {graph.ProfileOf(i.Kind, i.Value)}").Order(StringComparer.Ordinal));
        foreach (var a in named.Where(_ => explanations))
        {
            foreach (var b in named)
            {
                lines.Add(graph.Explain(a, b)?.ToString() ?? "-");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        lines.AddRange(graph.Report.Refused.Select(r => $"{r.Reason} {r.Link} {r.Message}").Order(StringComparer.Ordinal));
        return string.Join("\n", lines);
    }

    private static List<T> Shuffle<T>(IEnumerable<T> items, int seed)
    {
        var random = new Random(seed);
        return [.. items.OrderBy(_ => random.Next())];
    }

    [Property(Arbitrary = [typeof(IdentityArbitraries)], MaxTest = 150)]
    public bool SameObservationsInAnyOrder_GiveTheSameGraph(LinkHistory history, bool strict)
    {
        var options = strict ? Strict : Open;
        var shuffled = Shuffle(history.Links, history.Seed);
        return Describe(Build(history.Links, options), history.Links) == Describe(Build(shuffled, options), history.Links);
    }

    [Property(Arbitrary = [typeof(IdentityArbitraries)], MaxTest = 150)]
    public bool WithoutLimits_ProfilesAreTheConnectedComponents_NamedByTheirHighestPriorityIdentifier(LinkHistory history)
    {
        var graph = Build(history.Links, Open);

        // An independent reference: components by repeated relaxation over the acceptable links.
        static string Normal(Identifier i) => i.Kind == "email" ? i.Value.Trim().ToLowerInvariant() : i.Value.Trim();
        var valid = history.Links
            .Where(l => IdentityArbitraries.Kinds.Contains(l.First.Kind) && IdentityArbitraries.Kinds.Contains(l.Second.Kind))
            .Select(l => (A: new Identifier(l.First.Kind, Normal(l.First)), B: new Identifier(l.Second.Kind, Normal(l.Second))))
            .Where(l => l.A.Value.Length > 0 && l.B.Value.Length > 0 && l.A != l.B)
            .ToList();
        var label = valid.SelectMany(l => new[] { l.A, l.B }).Distinct().ToDictionary(i => i, i => i);
        int Rank(Identifier i) => Array.IndexOf(IdentityArbitraries.Kinds, i.Kind);
        Identifier Min(Identifier x, Identifier y) =>
            Rank(x) != Rank(y) ? (Rank(x) < Rank(y) ? x : y) : string.CompareOrdinal(x.Value, y.Value) <= 0 ? x : y;
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var (a, b) in valid)
            {
                var m = Min(label[a], label[b]);
                if (label[a] != m || label[b] != m)
                {
                    label[a] = label[b] = m;
                    changed = true;
                }
            }
        }

        return graph.IdentifierCount == label.Count &&
               graph.ProfileCount == label.Values.Distinct().Count() &&
               label.All(kv => graph.ProfileOf(kv.Key.Kind, kv.Key.Value) == kv.Value.ToString()) &&
               graph.Report.LinksRead == history.Links.Count &&
               graph.Report.LinksUsed + graph.Report.LinksRefused == graph.Report.LinksRead;
    }

    [Property(Arbitrary = [typeof(IdentityArbitraries)], MaxTest = 100)]
    public bool Incremental_EqualsBatch_ThroughSaveAndLoad(LinkHistory history, bool strict)
    {
        // With limits, increments arrive in time order (a day's logins after the last day's) and everything is equal; without,
        // in any order, and the profiles are equal (which links explain a merge may differ: both are valid chains).
        var options = strict ? Strict : Open;
        var links = strict ? [.. history.Links.OrderBy(l => l.Timestamp)] : Shuffle(history.Links, history.Seed);
        int cut1 = links.Count / 3, cut2 = 2 * links.Count / 3;
        if (strict)
        {
            while (cut1 > 0 && cut1 < links.Count && links[cut1].Timestamp == links[cut1 - 1].Timestamp)
            {
                cut1++;
            }

            cut2 = Math.Max(cut1, cut2);
            while (cut2 > 0 && cut2 < links.Count && links[cut2].Timestamp == links[cut2 - 1].Timestamp)
            {
                cut2++;
            }
        }

        var first = IdentityArbitraries.Add(new IdentityGraphBuilder(options), links.Take(cut1)).Build();
        using var saved = new MemoryStream();
        first.Save(saved);
        saved.Position = 0;
        var builder = IdentityGraph.Load(saved).ToBuilder();
        IdentityArbitraries.Add(builder, links.Skip(cut1).Take(cut2 - cut1)).Build();
        var incremental = IdentityArbitraries.Add(builder, links.Skip(cut2)).Build();
        return Describe(incremental, history.Links, strict) == Describe(Build(history.Links, options), history.Links, strict);
    }

    [Property(Arbitrary = [typeof(IdentityArbitraries)], MaxTest = 150)]
    public bool Explanations_AreChainsOfObservedLinks(LinkHistory history, bool strict)
    {
        var graph = Build(history.Links, strict ? Strict : Open);
        var named = Usable(graph, IdentityArbitraries.Named(history.Links));
        foreach (var a in named)
        {
            foreach (var b in named)
            {
                var explanation = graph.Explain(a, b);
                bool same = graph.ProfileOf(a.Kind, a.Value) == graph.ProfileOf(b.Kind, b.Value);
                if ((explanation is not null) != same && !(a == b))
                {
                    return false;
                }

                if (explanation is null)
                {
                    continue;
                }

                var chain = explanation.Links;
                if (chain.Count == 0 ? explanation.From != explanation.To : chain[0].First != explanation.From || chain[^1].Second != explanation.To)
                {
                    return false;
                }

                for (int i = 0; i < chain.Count; i++)
                {
                    if (i > 0 && chain[i - 1].Second != chain[i].First)
                    {
                        return false;
                    }

                    // Each step is an observation: the same two identifiers (normalised), time and source.
                    var step = chain[i];
                    bool seen = history.Links.Any(l => l.Timestamp == step.Timestamp && l.Source == step.Source &&
                        ((Same(graph, l.First, step.First) && Same(graph, l.Second, step.Second)) ||
                         (Same(graph, l.First, step.Second) && Same(graph, l.Second, step.First))));
                    if (!seen)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static bool Same(IdentityGraph graph, Identifier recorded, Identifier normalised) =>
        recorded.Kind == normalised.Kind && !string.IsNullOrWhiteSpace(recorded.Value) &&
        (recorded.Kind == "email" ? recorded.Value.Trim().ToLowerInvariant() : recorded.Value.Trim()) == normalised.Value;

    [Property(Arbitrary = [typeof(IdentityArbitraries)], MaxTest = 100)]
    public bool Rekeying_KeepsEveryEvent_AndEachEventsRawIdentifier(LinkHistory history, bool strict)
    {
        var graph = Build(history.Links, strict ? Strict : Open);
        var random = new Random(history.Seed);
        var builder = new EventLogBuilder();
        for (int i = 0; i < random.Next(0, 80); i++)
        {
            builder.Add($"a{random.Next(14)}", IdentityArbitraries.Start.AddHours(random.Next(30)), "tp" + random.Next(3));
        }

        var log = builder.Build();
        var rekeyed = graph.Rekey(log, "anonymous_id");
        var expected = log.CustomerIds
            .GroupBy(id => graph.ProfileOf("anonymous_id", id))
            .ToDictionary(g => g.Key, g => g.Sum(id => log[log.FindCustomer(id)].Count));
        bool countsPerProfile = rekeyed.CustomerCount == expected.Count &&
                                expected.All(kv => rekeyed.FindCustomer(kv.Key) is int c && c >= 0 && rekeyed[c].Count == kv.Value);
        bool timeOrdered = rekeyed.Journeys.All(j => Enumerable.Range(1, Math.Max(0, j.Count - 1)).All(i => rekeyed.UtcTicks[j.Start + i - 1] <= rekeyed.UtcTicks[j.Start + i]));
        var perActor = rekeyed.Events().GroupBy(e => e.Actor!).ToDictionary(g => g.Key, g => g.Count());
        bool actors = log.CustomerIds.All(id => perActor.GetValueOrDefault("anonymous_id:" + id) == log[log.FindCustomer(id)].Count);
        return rekeyed.EventCount == log.EventCount && countsPerProfile && timeOrdered && actors;
    }
}
