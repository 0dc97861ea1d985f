using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Personas;

namespace JourneyKit.Benchmarks;

/// <summary>
/// k-means personas on 1M customers × 20 features (17 derived from a synthetic log through the benchmark map — channel
/// mix, stages reached, backtracks, skips, events, days, converted, value, feedback — and 3 caller attributes), k = 8,
/// one restart and three. Issue #15's target: k-means on 1M × 20 features, k = 8, ≤ 5 s.
/// </summary>
[MemoryDiagnoser]
public class PersonaFeatureBenchmarks
{
    private EventLog _log = null!;
    private CustomerAttributes _attributes = null!;

    public int Customers { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        _log = new SyntheticJourneyGenerator(BenchmarkData.Map, new SyntheticJourneyOptions { Customers = Customers, Seed = 8, FeedbackProbability = 0.2 }).Generate();
        var random = new Random(8);
        var attributes = new CustomerAttributesBuilder();
        foreach (string id in _log.CustomerIds)
        {
            attributes.Set(id, "seats", random.Next(1, 500)).Set(id, "tenure", random.NextDouble() * 36).Set(id, "tickets", random.Next(0, 20));
        }

        _attributes = attributes.Build();
        var probe = PersonaDiscovery.KMeans(_log, new KMeansOptions { Clusters = 2, Attributes = _attributes, MaxIterations = 1, Restarts = 1 });
        Console.WriteLine($"// {probe.Customers.Count:N0} customers × {probe.Features.Count} features ({string.Join(", ", probe.Features)}); dropped: {string.Join(", ", probe.DroppedFeatures)}");
    }

    [Benchmark(Baseline = true)]
    public double K8OneRestart() => PersonaDiscovery.KMeans(_log, new KMeansOptions { Clusters = 8, Seed = 1, Restarts = 1, Attributes = _attributes }).Score.WithinSumOfSquares;

    [Benchmark]
    public double K8ThreeRestarts() => PersonaDiscovery.KMeans(_log, new KMeansOptions { Clusters = 8, Seed = 1, Restarts = 3, Attributes = _attributes }).Score.WithinSumOfSquares;
}
