using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Paths;

namespace JourneyKit.Benchmarks;

/// <summary>
/// JourneyKit against what a user would pick instead — DuckDB in-process — on the same data in the same process:
/// directly-follows counts and stage transition counts (LAG … OVER (PARTITION BY customer ORDER BY position), then
/// GROUP BY) and a closed relaxed four-stage funnel. Both sides start from data already loaded (JourneyKit: a built
/// log; DuckDB: a table). The setup checks that both give the same numbers.
/// </summary>
[MemoryDiagnoser]
public class DuckDbBaselineBenchmarks : IDisposable
{
    private const string DfgSql =
        "SELECT prev, cur, COUNT(*) FROM (SELECT touchpoint AS cur, LAG(touchpoint) OVER (PARTITION BY customer ORDER BY pos) AS prev FROM events) WHERE prev IS NOT NULL GROUP BY prev, cur";

    private const string StageSql =
        "SELECT prev, cur, COUNT(*) FROM (SELECT stage AS cur, LAG(stage) OVER (PARTITION BY customer ORDER BY pos) AS prev FROM events) WHERE prev IS NOT NULL GROUP BY prev, cur";

    private const string FunnelSql = """
        WITH f0 AS (SELECT customer, MIN(pos) AS p FROM events WHERE stage = 0 GROUP BY customer),
             f1 AS (SELECT e.customer, MIN(e.pos) AS p FROM events e JOIN f0 ON e.customer = f0.customer AND e.pos > f0.p WHERE e.stage = 1 GROUP BY e.customer),
             f2 AS (SELECT e.customer, MIN(e.pos) AS p FROM events e JOIN f1 ON e.customer = f1.customer AND e.pos > f1.p WHERE e.stage = 2 GROUP BY e.customer),
             f3 AS (SELECT e.customer, MIN(e.pos) AS p FROM events e JOIN f2 ON e.customer = f2.customer AND e.pos > f2.p WHERE e.stage = 4 GROUP BY e.customer)
        SELECT (SELECT COUNT(*) FROM f0), (SELECT COUNT(*) FROM f1), (SELECT COUNT(*) FROM f2), (SELECT COUNT(*) FROM f3)
        """;

    private static readonly FunnelDefinition Funnel = BenchmarkData.StageFunnel;

    private EventLog _log = null!;
    private PathAnalyzer _analyzer = null!;
    private DuckDBConnection _duck = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Events))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = BenchmarkData.SyntheticLog(Events);
        _analyzer = new PathAnalyzer();
        _duck = new DuckDBConnection("Data Source=:memory:");
        _duck.Open();
        Execute("CREATE TABLE events (customer INTEGER, pos INTEGER, ts BIGINT, touchpoint INTEGER, stage INTEGER)");
        using (var appender = _duck.CreateAppender("events"))
        {
            for (int c = 0; c < _log.CustomerCount; c++)
            {
                for (int k = _log.CustomerOffsets[c]; k < _log.CustomerOffsets[c + 1]; k++)
                {
                    appender.CreateRow().AppendValue(c).AppendValue(k).AppendValue(_log.UtcTicks[k]).AppendValue(_log.TouchpointIds[k]).AppendValue(_log.StageIds[k]).EndRow();
                }
            }
        }

        // Same answers on both sides, or the comparison means nothing.
        var dfg = _analyzer.DirectlyFollows(_log, includeDurations: false);
        long duckEdges = 0;
        using (var reader = Query(DfgSql))
        {
            while (reader.Read())
            {
                long count = reader.GetInt64(2);
                duckEdges += count;
                string from = _log.TouchpointNames[reader.GetInt32(0)], to = _log.TouchpointNames[reader.GetInt32(1)];
                if (dfg.Count(from, to) != count)
                {
                    throw new InvalidOperationException($"DuckDB counts {count} for {from} → {to}; JourneyKit {dfg.Count(from, to)}.");
                }
            }
        }

        if (duckEdges != dfg.Edges.Sum(e => e.Count))
        {
            throw new InvalidOperationException("DuckDB and JourneyKit disagree on the number of directly-follows pairs.");
        }

        var funnel = _analyzer.Funnel(_log, Funnel);
        using var f = Query(FunnelSql);
        f.Read();
        for (int i = 0; i < 4; i++)
        {
            if (f.GetInt64(i) != funnel.Steps[i].Entered)
            {
                throw new InvalidOperationException($"Funnel step {i}: DuckDB {f.GetInt64(i)}, JourneyKit {funnel.Steps[i].Entered}.");
            }
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _duck?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public long JourneyKitDirectlyFollows() => _analyzer.DirectlyFollows(_log, includeDurations: false).Edges.Count;

    [Benchmark]
    public long DuckDbDirectlyFollows() => Count(DfgSql);

    [Benchmark]
    public int JourneyKitStageTransitions() => MarkovChain.Fit(_log, PathLevel.Stage).States.Count;

    [Benchmark]
    public long DuckDbStageTransitions() => Count(StageSql);

    [Benchmark]
    public long JourneyKitFunnel() => _analyzer.Funnel(_log, Funnel).Steps[^1].Entered;

    [Benchmark]
    public long DuckDbFunnel()
    {
        using var reader = Query(FunnelSql);
        reader.Read();
        return reader.GetInt64(3);
    }

    private long Count(string sql)
    {
        long rows = 0;
        using var reader = Query(sql);
        while (reader.Read())
        {
            rows++;
        }

        return rows;
    }

    private DuckDBDataReader Query(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        return (DuckDBDataReader)command.ExecuteReader();
    }

    private void Execute(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
