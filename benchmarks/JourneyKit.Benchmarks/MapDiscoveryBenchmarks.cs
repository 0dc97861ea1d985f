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
[FewIterations(3)]
public class MapDiscoveryBenchmarks
{
    private EventLog _log = null!;

    public int Customers { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        _log = StagedJourneys.Log(Customers, 32);
        Console.WriteLine($"// {_log.EventCount:N0} events, {_log.CustomerCount:N0} customers, {_log.TouchpointNames.Count} touchpoints; {MapDiscovery.Discover(_log)}");
    }

    [Benchmark(Baseline = true)]
    public int Discover() => MapDiscovery.Discover(_log).Stages.Count;

    [Benchmark]
    public int RepresentativeJourneys() => MapDiscovery.RepresentativeJourneys(_log, 5).Count;
}
