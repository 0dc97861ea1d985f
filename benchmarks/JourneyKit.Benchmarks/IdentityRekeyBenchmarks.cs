using System.Globalization;
using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Re-keying a 10M-event web log (10 events per cookie, 1M cookies of <see cref="IdentityBenchmarks"/>' graph of 10M
/// links) from cookies to profiles: the events of all cookies of a person become one journey, each keeping its cookie as
/// actor. Issue #14's target: ≤ 0.5 s.
/// </summary>
[MemoryDiagnoser]
public class IdentityRekeyBenchmarks
{
    private IdentityGraph _graph = null!;
    private EventLog _log = null!;

    public int Events { get; set; } = BenchmarkSizes.Scale(10_000_000);

    [GlobalSetup]
    public void Setup()
    {
        var (cookies, users, times) = IdentityBenchmarks.LinkData(Events);
        _graph = IdentityBenchmarks.Build(cookies, users, times);
        var builder = new EventLogBuilder();
        int customers = Math.Max(1, Events / 10);
        var ids = new int[customers];
        for (int c = 0; c < customers; c++)
        {
            ids[c] = builder.InternCustomer("c" + c.ToString(CultureInfo.InvariantCulture));
        }

        int[] touchpoints = [builder.InternTouchpoint("ad"), builder.InternTouchpoint("blog"), builder.InternTouchpoint("checkout")];
        var customer = new int[Events];
        var ticks = new long[Events];
        var touchpoint = new int[Events];
        var random = new Random(14);
        long t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        for (int i = 0; i < Events; i++)
        {
            customer[i] = ids[i % customers];
            ticks[i] = t0 + (random.Next(90 * 24 * 60) * TimeSpan.TicksPerMinute);
            touchpoint[i] = touchpoints[random.Next(3)];
        }

        _log = builder.AddColumns(customer, ticks, touchpoint).Build();
    }

    [Benchmark]
    public int Rekey() => _graph.Rekey(_log, "anonymous_id").CustomerCount;

    /// <summary>
    /// The re-key, then every raw id's actor name read once: the names are made on first read (issue #36), so this is
    /// what a caller pays who reads them all (a buying-group analysis, a CSV export).
    /// </summary>
    [Benchmark]
    public int RekeyThenReadEveryActorName()
    {
        EventLog rekeyed = _graph.Rekey(_log, "anonymous_id");
        int length = 0;
        foreach (string name in rekeyed.ActorNames)
        {
            length += name.Length;
        }

        return length;
    }
}
