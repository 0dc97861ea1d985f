using BenchmarkDotNet.Attributes;
using JourneyKit.Events;

namespace JourneyKit.Benchmarks;

/// <summary>
/// The path a CRM integration uses: <c>EventLogBuilder.Add(string, DateTimeOffset, string)</c> one event at a time, 5M
/// events of 250k customers in random order, every id a distinct string instance (as after deserialisation). The floor:
/// interning both ids in plain dictionaries and appending to lists — what any hand-written importer must at least do.
/// </summary>
[MemoryDiagnoser]
public class OneByOneAddBenchmarks
{
    private string[] _customers = null!;
    private string[] _touchpoints = null!;
    private DateTimeOffset[] _times = null!;

    public int Events { get; set; } = BenchmarkSizes.Scale(5_000_000);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(11);
        int customers = Math.Max(1, Events / 20);
        string[] labels = ["ad", "search", "compare", "cart", "checkout", "review", "support", "email", "app", "store"];
        _customers = new string[Events];
        _touchpoints = new string[Events];
        _times = new DateTimeOffset[Events];
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < Events; i++)
        {
            _customers[i] = string.Concat("cust-", rng.Next(customers).ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
            _touchpoints[i] = new string(labels[rng.Next(labels.Length)].AsSpan());
            _times[i] = t0.AddSeconds(rng.Next(10_000_000));
        }
    }

    [Benchmark(Baseline = true)]
    public int FloorDictionariesAndLists()
    {
        var customerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var touchpointIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var customer = new List<int>();
        var ticks = new List<long>();
        var touchpoint = new List<int>();
        for (int i = 0; i < _customers.Length; i++)
        {
            if (!customerIds.TryGetValue(_customers[i], out int c))
            {
                customerIds.Add(_customers[i], c = customerIds.Count);
            }

            if (!touchpointIds.TryGetValue(_touchpoints[i], out int t))
            {
                touchpointIds.Add(_touchpoints[i], t = touchpointIds.Count);
            }

            customer.Add(c);
            ticks.Add(_times[i].UtcTicks);
            touchpoint.Add(t);
        }

        return customer.Count + ticks.Count + touchpoint.Count;
    }

    [Benchmark]
    public long BuilderAdd()
    {
        var builder = new EventLogBuilder();
        for (int i = 0; i < _customers.Length; i++)
        {
            builder.Add(_customers[i], _times[i], _touchpoints[i]);
        }

        return builder.Count;
    }
}
