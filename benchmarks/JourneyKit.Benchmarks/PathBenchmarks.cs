using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Benchmarks;

/// <summary>Path analyses on a built synthetic log (about 5.5 events per journey).</summary>
[MemoryDiagnoser]
public class PathBenchmarks
{
    private static readonly FunnelDefinition Funnel = BenchmarkData.StageFunnel;

    private static readonly FunnelDefinition WindowedFunnel = BenchmarkData.StageFunnel with
    {
        Order = FunnelOrder.Strict,
        ConversionWindow = TimeSpan.FromDays(30),
    };

    private EventLog _log = null!;
    private PathAnalyzer _analyzer = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Events))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = BenchmarkData.SyntheticLog(Events);
        _analyzer = new PathAnalyzer();
    }

    [Benchmark(Baseline = true)]
    public long DirectlyFollowsFrequencies() => _analyzer.DirectlyFollows(_log, includeDurations: false).Edges.Count;

    [Benchmark]
    public long DirectlyFollowsWithDurations() => _analyzer.DirectlyFollows(_log).Edges.Count;

    [Benchmark]
    public int Variants() => _analyzer.Variants(_log).Count;

    [Benchmark]
    public long FunnelRelaxed() => _analyzer.Funnel(_log, Funnel).Steps[^1].Entered;

    [Benchmark]
    public long FunnelStrictWithWindows() => _analyzer.Funnel(_log, WindowedFunnel).Steps[^1].Entered;

    [Benchmark]
    public long NonLinearity() => _analyzer.NonLinearity(_log).Backtracks;
}
