using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Experiments;
using JourneyKit.Rules;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Issue #34's targets on one core: GrowthBook-compatible bucketing ≥ 10M ids/s (the benchmark assigns 1M distinct
/// customer ids per invocation), and <c>RuleUplift.Measure</c> on 10M events with 1M firings ≤ 1 s (an occurrence rule
/// on one touchpoint per stage, a 10 % holdout, outcome = a conversion within 7 days).
/// </summary>
[MemoryDiagnoser]
[FewIterations(5)]
public class ExperimentBenchmarks
{
    private const int Ids = 1_000_000;
    private readonly HoldoutSplit _split = new("cart-followup", 0.1);
    private string[] _ids = null!;
    private EventLog _log = null!;
    private RuleEvaluation _evaluation = null!;

    public int Customers { get; set; } = BenchmarkSizes.Scale(1_050_000); // about 9.5 events each: 10M events

    [GlobalSetup]
    public void Setup()
    {
        _ids = [.. Enumerable.Range(0, Ids).Select(i => $"cust-{i * 7919L % 100_000_000:D8}")];
        _log = StagedJourneys.Log(Customers, 34);
        var trigger = EventCondition.Any(Enumerable.Range(0, 5).Select(s => EventCondition.Touchpoint($"s{s}-t0")));
        var rule = JourneyRule.Named("nudge").When(trigger).WithHoldout(_split);
        _evaluation = new RuleEngine([rule]).Evaluate(_log, DateTimeOffset.MaxValue);
        Console.WriteLine($"// {_log.EventCount:N0} events, {_evaluation.Fired.Count:N0} firings; {RuleUplift.Measure(_log, _evaluation, "nudge")}");
    }

    [Benchmark(OperationsPerInvoke = Ids)]
    public int Bucketing()
    {
        int control = 0;
        foreach (string id in _ids)
        {
            control += _split.IsControl(id) ? 1 : 0;
        }

        return control;
    }

    [Benchmark]
    public long Measure() => RuleUplift.Measure(_log, _evaluation, "nudge").Control.Firings;
}
