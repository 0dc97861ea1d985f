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
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ForecastingBenchmarks
{
    private EventLog _log = null!;
    private JourneyModel _model = null!;
    private JourneyScenario _scenario = null!;

    public int Customers { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(33);
        var builder = new EventLogBuilder();
        for (int t = 0; t < 50; t++)
        {
            builder.InternTouchpoint($"s{t / 10}-t{t % 10}");
        }

        var customers = new List<int>();
        var ticks = new List<long>();
        var touchpoints = new List<int>();
        var outcomes = new List<EventOutcome>();
        var values = new List<double>();
        long start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (int c = 0; c < Customers; c++)
        {
            int id = builder.InternCustomer("c" + c);
            long at = start + (random.Next(0, 100_000) * TimeSpan.TicksPerMinute);
            int stage = 0;
            for (int step = 0; step < 30; step++)
            {
                at += (5 + random.Next(0, 120)) * TimeSpan.TicksPerMinute;
                bool converts = stage == 4 && random.NextDouble() < 0.3;
                customers.Add(id);
                ticks.Add(at);
                touchpoints.Add((stage * 10) + random.Next(10));
                outcomes.Add(converts ? EventOutcome.Conversion : EventOutcome.None);
                values.Add(converts ? 20 + random.Next(80) : double.NaN);
                if (converts || random.NextDouble() < 0.04)
                {
                    break;
                }

                double u = random.NextDouble();
                stage = u < 0.45 ? stage : u < 0.88 ? Math.Min(stage + 1, 4) : u < 0.93 ? Math.Min(stage + 2, 4) : Math.Max(stage - 1, 0);
            }
        }

        builder.AddColumns(customers.ToArray(), ticks.ToArray(), touchpoints.ToArray(), outcomes.ToArray(), values.ToArray());
        _log = builder.Build();
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
