using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Forecasting;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Issue #33's targets on one core: fitting a journey model on 10M events of 1M customers ≤ 1 s; a forecast with 1,000
/// posterior draws on a 50-step model ≤ 1 s (two dense LU solves per draw); leverage of every transition of that model
/// ≤ 2 s (one fundamental matrix per draw, each lever O(1) by Sherman–Morrison); simulating 1M journeys ≤ 2 s. The log:
/// 50 touchpoints in five stages of ten, walked mostly forward with repeats, backtracks, skips and exits, converting in
/// the last stage.
/// </summary>
[MemoryDiagnoser]
[FewIterations(3)]
public class ForecastingBenchmarks
{
    private EventLog _log = null!;
    private JourneyModel _model = null!;
    private JourneyScenario _scenario = null!;

    public int Customers { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        _log = StagedJourneys.Log(Customers, 33, values: true);
        _model = JourneyModel.Fit(_log);
        _scenario = JourneyScenario.Named("bench").ScaleTransition("s3-t0", "s4-t0", 1.5).RemoveStep("s2-t5").ScaleDwell("s1-t1", 0.5);
        Console.WriteLine($"// {_log.EventCount:N0} events, {_log.CustomerCount:N0} customers; {_model}");
    }

    [Benchmark(Baseline = true)]
    public double Fit() => JourneyModel.Fit(_log).Conversions;

    [Benchmark]
    public double Forecast() => _model.Forecast(_scenario, new ForecastOptions { Draws = 1000, Seed = 1 }).Lift.Value;

    [Benchmark]
    public int Leverage() => _model.Leverage(0.05, new ForecastOptions { Draws = 1000, Seed = 1 }).Count;

    [Benchmark]
    public int Simulate() => _model.Simulate(Customers, 1).CustomerCount;
}
