using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Benchmarks;

/// <summary>
/// What a rule set from a CRM costs to compile (issue #29): N rules of "any of M touchpoints" (each rule naming its own),
/// compiled into a monitor, and into an engine that evaluates a 10,000-event log (the engine binds the compiled plan to
/// the log's labels per evaluation). The dense per-touchpoint tables before took 30.7 s and 65 MB for 500 × 50.
/// </summary>
[MemoryDiagnoser]
public class RuleCompileBenchmarks
{
    private JourneyRule[] _rules = null!;
    private JourneyRule[] _twin = null!; // the same rules as other instances: a monitor's template is kept per instance
    private bool _flip;
    private EventLog _log = null!;
    private RuleEngine _engine = null!;
    private DateTimeOffset _asOf;

    [Params(500, 1000)]
    public int Rules { get; set; }

    [Params(50, 100)]
    public int Touchpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int rules = BenchmarkSizes.Smoke ? Rules / 10 : Rules;
        JourneyRule[] Make() => [.. Enumerable.Range(0, rules).Select(r => JourneyRule.Named("r" + r)
            .When(EventCondition.Any(Enumerable.Range(0, Touchpoints).Select(t => EventCondition.Touchpoint($"t{r}-{t}"))))
            .NotFollowedBy("purchase", TimeSpan.FromDays(1)))];
        _rules = Make();
        _twin = Make();
        var rng = new Random(29);
        var builder = new EventLogBuilder();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 10_000; i++)
        {
            builder.Add("c" + rng.Next(1_000), t0.AddMinutes(i), rng.Next(10) == 0 ? "purchase" : $"t{rng.Next(rules)}-{rng.Next(Touchpoints)}");
        }

        _log = builder.Build();
        _asOf = t0.AddDays(30);
        _engine = new RuleEngine(_rules);
    }

    /// <summary>Validating and compiling the rules into a live monitor (alternating two instances of the rule set, so no template is reused).</summary>
    [Benchmark]
    public int NewMonitor() => new JourneyMonitor((_flip = !_flip) ? _rules : _twin).Rules.Count;

    /// <summary>Validating and compiling the rules into an engine.</summary>
    [Benchmark]
    public int NewEngine() => new RuleEngine(_rules).Rules.Count;

    /// <summary>One evaluation by an engine built before: the compiled plan is bound to the log's labels, then run.</summary>
    [Benchmark]
    public int Evaluate() => _engine.Evaluate(_log, _asOf).Fired.Count;
}
