using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Paths;
using JourneyKit.Sql;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Each statistic computed by <see cref="SqlEventSource"/> inside DuckDB (in-process, both cores) side by side with the
/// in-memory analysis of the same events (one core, as PathAnalyzer's default): directly-follows counts and durations,
/// top-100 variants, stage transition counts and a closed four-stage funnel. The table holds text labels, as a user's
/// would (customer, TIMESTAMPTZ, touchpoint, stage, outcome); loading it is timed separately and printed by the setup,
/// which also checks that both sides give the same counts.
/// </summary>
[MemoryDiagnoser]
public class SqlSourceBenchmarks : IDisposable
{
    private EventLog _log = null!;
    private PathAnalyzer _analyzer = null!;
    private DuckDBConnection _duck = null!;
    private SqlEventSource _source = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.SqlEvents))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = BenchmarkData.SyntheticLog(Events);
        _analyzer = new PathAnalyzer();
        _duck = new DuckDBConnection("Data Source=:memory:");
        _duck.Open();
        var load = Stopwatch.StartNew();
        SqlBenchmarkTables.Load(_duck, _log, "events");
        load.Stop();
        Console.WriteLine($"// SqlSourceBenchmarks: loaded {_log.EventCount:N0} events into DuckDB in {load.Elapsed.TotalSeconds:F2} s (appender, then CREATE TABLE AS).");
        _source = new SqlEventSource(_duck, SqlDialect.DuckDb, SqlBenchmarkTables.Mapping("events"));

        var expected = _analyzer.DirectlyFollows(_log, includeDurations: false);
        var actual = _source.DirectlyFollowsAsync(false).GetAwaiter().GetResult();
        if (!expected.Edges.Select(e => (e.From, e.To, e.Count)).SequenceEqual(actual.Edges.Select(e => (e.From, e.To, e.Count))))
        {
            throw new InvalidOperationException("DuckDB and the in-memory analysis disagree on the directly-follows counts.");
        }

        var funnel = _analyzer.Funnel(_log, BenchmarkData.StageFunnel);
        var sqlFunnel = _source.FunnelAsync(BenchmarkData.StageFunnel).GetAwaiter().GetResult();
        if (!funnel.Steps.Select(s => s.Entered).SequenceEqual(sqlFunnel.Steps.Select(s => s.Entered)))
        {
            throw new InvalidOperationException("DuckDB and the in-memory analysis disagree on the funnel.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _duck?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int InMemoryDirectlyFollowsCounts() => _analyzer.DirectlyFollows(_log, includeDurations: false).Edges.Count;

    [Benchmark]
    public int DuckDbDirectlyFollowsCounts() => _source.DirectlyFollowsAsync(false).GetAwaiter().GetResult().Edges.Count;

    [Benchmark]
    public int InMemoryDirectlyFollowsDurations() => _analyzer.DirectlyFollows(_log, includeDurations: true).Edges.Count;

    [Benchmark]
    public int DuckDbDirectlyFollowsDurations() => _source.DirectlyFollowsAsync(true).GetAwaiter().GetResult().Edges.Count;

    [Benchmark]
    public int InMemoryVariantsTop100() => _analyzer.Variants(_log, 100).Count;

    [Benchmark]
    public int DuckDbVariantsTop100() => _source.VariantsAsync(100).GetAwaiter().GetResult().Count;

    [Benchmark]
    public int InMemoryStageTransitions() => MarkovChain.Fit(_log, PathLevel.Stage).States.Count;

    [Benchmark]
    public int DuckDbStageTransitions() => _source.TransitionCountsAsync(PathLevel.Stage).GetAwaiter().GetResult().States.Count;

    [Benchmark]
    public long InMemoryFunnel() => _analyzer.Funnel(_log, BenchmarkData.StageFunnel).Steps[^1].Entered;

    [Benchmark]
    public long DuckDbFunnel() => _source.FunnelAsync(BenchmarkData.StageFunnel).GetAwaiter().GetResult().Steps[^1].Entered;
}
