using BenchmarkDotNet.Attributes;
using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Rendering;

namespace JourneyKit.Benchmarks;

/// <summary>
/// The inputs that used to explode (issue #20): a bot with 100,000 events in a windowed funnel (was quadratic), one
/// path through 2,000 channels (was cubic), a 2,000-state heatmap (was 586 M characters), a BG/NBD fit with a customer of
/// frequency 100,000 (was 12 s and 2 GB), and expectations at t = 1e9 (were wrong).
/// </summary>
[MemoryDiagnoser]
public class HostileInputBenchmarks
{
    private EventLog _bot = null!;
    private FunnelDefinition _windowed = null!;
    private PathDataSet _longPath = null!;
    private MarkovChain _wideChain = null!;
    private List<RfmSummary> _withBot = null!;
    private BgNbdModel _cdnow = null!;

    [GlobalSetup]
    public void Setup()
    {
        int events = BenchmarkSizes.Scale(100_000);
        var b = new EventLogBuilder();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < events; i++)
        {
            b.Add("bot", t0.AddSeconds(i), i % 50 == 0 ? "X" : "A");
        }

        _bot = b.Build();
        _windowed = new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B", TimeSpan.FromDays(30)), FunnelStep.Touchpoint("C"))
        {
            ConversionWindow = TimeSpan.FromDays(30),
            AllowUnknownSteps = true, // the bot never reaches B or C: the worst case of matching, on purpose
        };

        int channels = BenchmarkSizes.Smoke ? 300 : 2_000;
        _longPath = PathDataSet.FromRecords([new PathRecord(Enumerable.Range(0, channels).Select(i => "ch" + i), 3, 30, 1)]);

        var rng = new Random(7);
        _wideChain = MarkovChain.Fit(Enumerable.Range(0, 400).Select(_ =>
            (IReadOnlyList<string>)[.. Enumerable.Range(0, 30).Select(_ => "s" + rng.Next(2_000))]).ToList());

        _withBot = [.. Enumerable.Range(0, 2_000).Select(i => new RfmSummary(i % 5, i % 5 == 0 ? 0 : 10 + (i % 7), 39)), new RfmSummary(100_000, 38, 39)];
        _cdnow = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
    }

    [Benchmark]
    public long BotFunnelWithWindows() => new PathAnalyzer().Funnel(_bot, _windowed).Steps[0].Entered;

    [Benchmark]
    public double MarkovAttributionLongPath() => MarkovAttribution.Compute(_longPath, new MarkovAttributionOptions()).ConversionProbability;

    [Benchmark]
    public int HeatmapOf2000States() => Charts.Heatmap(_wideChain).Length;

    [Benchmark]
    public double BgNbdFitWithFrequency100000() => BgNbdModel.Fit(_withBot).R;

    [Benchmark]
    public double ExpectedPurchasesAt1e9() => _cdnow.ExpectedPurchases(1e9);
}
