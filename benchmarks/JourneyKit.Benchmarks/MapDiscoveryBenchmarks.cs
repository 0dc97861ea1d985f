using BenchmarkDotNet.Attributes;
using JourneyKit.Discovery;
using JourneyKit.Events;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Issue #32's targets: discovering a draft map from 10M events of 1M customers over 50 touchpoints (five stages of ten,
/// walked mostly forward with backtracks, skips and exits) ≤ 2 s on one core, and five representative journeys of the
/// 1M journeys ≤ 10 s. The log is built from columns of dense ids; discovery itself is single-threaded.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MapDiscoveryBenchmarks
{
    private EventLog _log = null!;

    public int Customers { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(32);
        var builder = new EventLogBuilder();
        for (int t = 0; t < 50; t++)
        {
            builder.InternTouchpoint($"s{t / 10}-t{t % 10}");
        }

        var customers = new List<int>();
        var ticks = new List<long>();
        var touchpoints = new List<int>();
        var outcomes = new List<EventOutcome>();
        long start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (int c = 0; c < Customers; c++)
        {
            int id = builder.InternCustomer("c" + c);
            long at = start + (random.Next(0, 100_000) * TimeSpan.TicksPerMinute);
            int stage = 0;
            for (int step = 0; step < 30; step++)
            {
                at += (5 + random.Next(0, 120)) * TimeSpan.TicksPerMinute;
                bool converts = stage == 4 && random.NextDouble() < 0.3;
                customers.Add(id);
                ticks.Add(at);
                touchpoints.Add((stage * 10) + random.Next(10));
                outcomes.Add(converts ? EventOutcome.Conversion : EventOutcome.None);
                if (converts || random.NextDouble() < 0.04)
                {
                    break;
                }

                double u = random.NextDouble();
                stage = u < 0.45 ? stage : u < 0.88 ? Math.Min(stage + 1, 4) : u < 0.93 ? Math.Min(stage + 2, 4) : Math.Max(stage - 1, 0);
            }
        }

        builder.AddColumns(customers.ToArray(), ticks.ToArray(), touchpoints.ToArray(), outcomes.ToArray());
        _log = builder.Build();
        Console.WriteLine($"// {_log.EventCount:N0} events, {_log.CustomerCount:N0} customers, {_log.TouchpointNames.Count} touchpoints; {MapDiscovery.Discover(_log)}");
    }

    [Benchmark(Baseline = true)]
    public int Discover() => MapDiscovery.Discover(_log).Stages.Count;

    [Benchmark]
    public int RepresentativeJourneys() => MapDiscovery.RepresentativeJourneys(_log, 5).Count;
}
