using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Voice;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Issue #35's targets on one core: <c>Vader.Score</c> ≥ 200k short comments/s (the benchmark scores 10,000 comments of
/// 6–20 words per invocation), and the whole voice analysis — placement, sentiment, key phrases — of 1M comments on a log
/// of 1M customers ≤ 10 s.
/// </summary>
[MemoryDiagnoser]
[FewIterations(3)]
public class VoiceBenchmarks
{
    private static readonly string[] Words =
    [
        "the", "checkout", "was", "really", "slow", "and", "the", "delivery", "great", "not", "good", "but", "payment", "failed", "again",
        "love", "this", "app", "terrible", "support", "waited", "hours", "friendly", "staff", "very", "helpful", "never", "coming", "back",
        "refund", "took", "weeks", "easy", "to", "find", "sizes", "confusing", "page", "kept", "crashing", "!", ":)", "NOT", "awful",
    ];

    private string[] _short = null!;
    private EventLog _log = null!;
    private List<CustomerComment> _comments = null!;

    public int Comments { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(35);
        string Sentence() => string.Join(' ', Enumerable.Range(0, random.Next(6, 21)).Select(_ => Words[random.Next(Words.Length)]));
        _short = [.. Enumerable.Range(0, 10_000).Select(_ => Sentence())];
        _log = StagedJourneys.Log(Comments, 35);
        _comments = new List<CustomerComment>(Comments);
        for (int c = 0; c < _log.CustomerCount; c++)
        {
            int last = _log.CustomerOffsets[c + 1] - 1;
            _comments.Add(new CustomerComment(_log.CustomerIds[c], new DateTimeOffset(_log.UtcTicks[last], TimeSpan.Zero).AddHours(1), Sentence()));
        }

        Console.WriteLine($"// {_comments.Count:N0} comments on {_log.EventCount:N0} events; {VoiceOfCustomer.Analyze(_log, _comments.Take(10_000))}");
    }

    [Benchmark(OperationsPerInvoke = 10_000)]
    public double Score()
    {
        double sum = 0;
        foreach (string text in _short)
        {
            sum += Vader.Score(text).Compound;
        }

        return sum;
    }

    [Benchmark]
    public int Analyze() => VoiceOfCustomer.Analyze(_log, _comments).TouchpointPhrases.Count;
}
