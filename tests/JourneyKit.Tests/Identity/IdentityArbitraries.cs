using FsCheck;
using FsCheck.Fluent;
using JourneyKit.Identity;

namespace JourneyKit.Tests.Identity;

/// <summary>One observation as the tests record it: two identifiers (values as recorded) seen together.</summary>
public sealed record LinkObservation(Identifier First, Identifier Second, DateTimeOffset Timestamp, string? Source);

/// <summary>Random link observations over few identifiers (so that profiles merge), coarse times with ties, some bad rows.</summary>
public sealed record LinkHistory(IReadOnlyList<LinkObservation> Links, int Seed)
{
    public override string ToString() =>
        $"{Links.Count} links (drawn from seed {Seed}){(Links.Count <= 12 ? ": " + string.Join("; ", Links) : "")}";
}

public static class IdentityArbitraries
{
    public static readonly string[] Kinds = ["user_id", "email", "device_id", "anonymous_id"];

    public static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public static Arbitrary<LinkHistory> History() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => new LinkHistory(Create(seed), seed)), history => Shrink.Sublists(history.Links).Select(links => history with { Links = links }));

    public static List<LinkObservation> Create(int seed)
    {
        var random = new Random(seed);
        int count = random.Next(0, 60);
        int values = random.Next(2, 12);
        var links = new List<LinkObservation>(count);
        for (int i = 0; i < count; i++)
        {
            links.Add(new LinkObservation(Random(random, values), Random(random, values), Start.AddHours(random.Next(0, 20)), random.Next(3) == 0 ? null : "src" + random.Next(2)));
        }

        return links;
    }

    private static Identifier Random(Random random, int values)
    {
        string kind = random.Next(25) == 0 ? "fax" : Kinds[random.Next(Kinds.Length)];
        int v = random.Next(values);
        string value = kind == "email"
            ? (random.Next(2) == 0 ? $"P{v}@Example.com " : $"p{v}@example.com")
            : random.Next(30) == 0 ? "  " : random.Next(30) == 0 ? "unknown" : $"{kind[0]}{v}";
        return new Identifier(kind, value);
    }

    public static IdentityGraphBuilder Add(IdentityGraphBuilder builder, IEnumerable<LinkObservation> links)
    {
        foreach (var l in links)
        {
            builder.Link(l.First.Kind, l.First.Value, l.Second.Kind, l.Second.Value, l.Timestamp, l.Source);
        }

        return builder;
    }

    /// <summary>Every (kind, value) the history names with a configured kind and a non-blank value.</summary>
    public static IEnumerable<Identifier> Named(IEnumerable<LinkObservation> links) =>
        links.SelectMany(l => new[] { l.First, l.Second }).Where(i => Kinds.Contains(i.Kind) && !string.IsNullOrWhiteSpace(i.Value)).Distinct();
}
