using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Benchmarks;

/// <summary>
/// What a customer grain of JourneyKit.Orleans does with its monitor on every activation: build a monitor for the ten
/// rules of <see cref="RuleBenchmarks"/> over the sample map, or restore one customer's saved state (a day's 100 events
/// waiting, some episodes open). A cluster activates a grain per customer it sees, so this is paid per customer, not
/// per event.
/// </summary>
[MemoryDiagnoser]
public class MonitorActivationBenchmarks
{
    private readonly JourneyMonitorOptions _options = new() { Map = BenchmarkData.Map, WatermarkFollowsEvents = false };
    private byte[] _snapshot = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        string[] touchpoints = [.. BenchmarkData.Map.Touchpoints.Select(t => t.Id)];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var monitor = new JourneyMonitor(RuleBenchmarks.Rules, _options);
        foreach (int day in new[] { 0, 1 })
        {
            for (int i = 0; i < 100; i++)
            {
                monitor.Observe(new JourneyEvent("customer-1", start.AddDays(day).AddSeconds(random.Next(86_400)), touchpoints[random.Next(touchpoints.Length)]));
            }

            if (day == 0)
            {
                monitor.AdvanceTo(start.AddDays(1));
            }
        }

        using var stream = new MemoryStream();
        monitor.Save(stream);
        _snapshot = stream.ToArray();
    }

    [Benchmark(Baseline = true)]
    public int New() => new JourneyMonitor(RuleBenchmarks.Rules, _options).OpenEpisodes;

    [Benchmark]
    public int Restore() => JourneyMonitor.Load(new MemoryStream(_snapshot, writable: false), RuleBenchmarks.Rules, _options).BufferedEvents;
}
