using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Paths;

namespace JourneyKit.Benchmarks;

/// <summary>Estimating a first-order stage chain from a large log.</summary>
[MemoryDiagnoser]
public class MarkovEstimationBenchmarks
{
    private EventLog _log = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Events))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _log = BenchmarkData.SyntheticLog(Events);

    [Benchmark]
    public int EstimateStageChain() => MarkovChain.Fit(_log, PathLevel.Stage, conversionState: "Converted").States.Count;

    [Benchmark]
    public int EstimateTouchpointChain() => MarkovChain.Fit(_log, PathLevel.Touchpoint).States.Count;
}

/// <summary>Matrix analyses of a dense random chain with absorbing outcome states.</summary>
[MemoryDiagnoser]
public class MarkovAnalysisBenchmarks
{
    private MarkovChain _chain = null!;
    private MarkovChain _irreducible = null!;

    [Params(100, 500)]
    public int States { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var names = Enumerable.Range(0, States).Select(i => $"s{i}").ToArray();
        var p = new double[States, States];
        var q = new double[States, States];
        for (int i = 0; i < States; i++)
        {
            bool absorbing = i >= States - 2; // the last two states are outcomes
            double total = 0, totalQ = 0;
            for (int j = 0; j < States; j++)
            {
                p[i, j] = absorbing ? (i == j ? 1 : 0) : random.NextDouble();
                q[i, j] = random.NextDouble();
                total += p[i, j];
                totalQ += q[i, j];
            }

            for (int j = 0; j < States; j++)
            {
                p[i, j] /= total;
                q[i, j] /= totalQ;
            }
        }

        _chain = MarkovChain.FromProbabilities(names, p);
        _irreducible = MarkovChain.FromProbabilities(names, q);
    }

    [Benchmark]
    public double AbsorptionAnalysis()
    {
        var fresh = MarkovChain.FromProbabilities(_chain.States, _chain.ToMatrix());
        return fresh.AbsorptionProbability("s0", $"s{States - 1}") + fresh.ExpectedStepsToAbsorption("s0");
    }

    [Benchmark]
    public double StationaryDistribution() => _irreducible.StationaryDistribution()["s0"];

    [Benchmark]
    public double MeanFirstPassageTime() => _irreducible.MeanFirstPassageTime("s0", "s1");
}
