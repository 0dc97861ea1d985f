using System.Globalization;
using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Identity stitching at CRM scale, one core: 10M link observations (a cookie seen logged in as a user id) over ~12M
/// identifiers — 8M cookies, each first seen once, 2M repeat visits, 4M user ids. The floors only intern both identifiers
/// of every link: `InternInDictionary` in one plain `Dictionary&lt;string, int&gt;` per kind (the strictest floor: each
/// table holds one kind, so its keys need no kind), `InternInTupleDictionary` in one `Dictionary&lt;(int Kind, string Value), int&gt;`
/// (the plain dictionary of typed identifiers). `BuildGraph` goes
/// through the public `Link` entry point (kinds checked, values normalised, links merged in time order) and `Build`.
/// Issue #14's target: `BuildGraph` within 1.5× of the floor. The graph's retained bytes per identifier (beyond the id
/// strings) are printed by the setup; the target is ≤ 40.
/// </summary>
[MemoryDiagnoser]
public class IdentityBenchmarks
{
    private string[] _cookies = [];
    private string[] _users = [];
    private DateTimeOffset[] _times = [];

    public int Links { get; set; } = BenchmarkSizes.Scale(10_000_000);

    /// <summary>Whether the links arrive shuffled (random time order, as a CRM export that is not sorted) rather than in time order; the floors intern the same shuffled input.</summary>
    [Params(false, true)]
    public bool Shuffled { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_cookies, _users, _times) = LinkData(Links);
        if (Shuffled)
        {
            var order = Enumerable.Range(0, _cookies.Length).ToArray();
            new Random(5).Shuffle(order);
            _cookies = [.. order.Select(i => _cookies[i])];
            _users = [.. order.Select(i => _users[i])];
            _times = [.. order.Select(i => _times[i])];
        }

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var graph = Build(_cookies, _users, _times);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Identity graph: {graph.IdentifierCount:N0} identifiers, {graph.ProfileCount:N0} profiles; retained {(after - before) / (double)graph.IdentifierCount:F1} bytes per identifier beyond the id strings"));
        GC.KeepAlive(graph);
    }

    /// <summary>Link i joins cookie c{i} (or, for the last fifth, a repeat visit of an earlier cookie) to user u{random of 40%}.</summary>
    public static (string[] Cookies, string[] Users, DateTimeOffset[] Times) LinkData(int links)
    {
        var random = new Random(14);
        int people = Math.Max(1, links * 2 / 5), fresh = Math.Max(1, links * 4 / 5);
        var userIds = new string[people];
        for (int p = 0; p < people; p++)
        {
            userIds[p] = "u" + p.ToString(CultureInfo.InvariantCulture);
        }

        var cookies = new string[links];
        var users = new string[links];
        var times = new DateTimeOffset[links];
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < links; i++)
        {
            cookies[i] = i < fresh ? "c" + i.ToString(CultureInfo.InvariantCulture) : cookies[random.Next(fresh)];
            users[i] = userIds[random.Next(people)];
            times[i] = t0.AddSeconds(i);
        }

        return (cookies, users, times);
    }

    public static IdentityGraph Build(string[] cookies, string[] users, DateTimeOffset[] times)
    {
        var builder = new IdentityGraphBuilder();
        for (int i = 0; i < cookies.Length; i++)
        {
            builder.Link("anonymous_id", cookies[i], "user_id", users[i], times[i], "web-login");
        }

        return builder.Build();
    }

    [Benchmark(Baseline = true)]
    public int InternInDictionary()
    {
        var cookies = new Dictionary<string, int>(StringComparer.Ordinal);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _cookies.Length; i++)
        {
            cookies.TryAdd(_cookies[i], cookies.Count);
            users.TryAdd(_users[i], users.Count);
        }

        return cookies.Count + users.Count;
    }

    [Benchmark]
    public int InternInTupleDictionary()
    {
        var identifiers = new Dictionary<(int Kind, string Value), int>();
        for (int i = 0; i < _cookies.Length; i++)
        {
            identifiers.TryAdd((4, _cookies[i]), identifiers.Count);
            identifiers.TryAdd((0, _users[i]), identifiers.Count);
        }

        return identifiers.Count;
    }

    [Benchmark]
    public int BuildGraph() => Build(_cookies, _users, _times).ProfileCount;
}
