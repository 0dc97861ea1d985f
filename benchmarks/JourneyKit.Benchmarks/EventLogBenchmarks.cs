using BenchmarkDotNet.Attributes;
using JourneyKit.Events;

namespace JourneyKit.Benchmarks;

/// <summary>Building a log from shuffled columns (the counting sort by customer, then per-customer time sort).</summary>
[MemoryDiagnoser]
public class EventLogBuildBenchmarks
{
    private int[] _customers = null!;
    private long[] _ticks = null!;
    private int[] _touchpoints = null!;
    private int _customerCount;
    private EventLogBuilder _builder = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Events))]
    public int Events { get; set; }

    /// <summary>EventLogBuilder.MaxDegreeOfParallelism: 1 (one core) or 2 (both cores of the reference machine).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => (_customers, _ticks, _touchpoints, _customerCount) = BenchmarkData.ShuffledColumns(Events);

    // Registering customer ids is string work outside the columnar build; it is done before each iteration.
    [IterationSetup]
    public void RegisterIds()
    {
        _builder = new EventLogBuilder(BenchmarkData.Map) { MaxDegreeOfParallelism = Threads };
        for (int c = 0; c < _customerCount; c++)
        {
            _builder.InternCustomer("c" + c);
        }
    }

    [Benchmark]
    public long BuildFromColumns()
    {
        _builder.AddColumns(_customers, _ticks, _touchpoints);
        return _builder.Build().EventCount;
    }
}
