using BenchmarkDotNet.Attributes;
using JourneyKit.Events;

namespace JourneyKit.Benchmarks;

/// <summary>CSV ingest (RFC 4180 record splitting, timestamp parsing, interning, validation, accounting) and the build after it.</summary>
[MemoryDiagnoser]
public class EventIngestBenchmarks
{
    private string _csv = null!;

    /// <summary>Approximate number of rows (journeys average about five and a half events).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Events))]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var generator = new SyntheticJourneyGenerator(BenchmarkData.Map, BenchmarkData.JourneysFor(Rows) with { FeedbackProbability = 0.1 });
        var writer = new StringWriter();
        generator.WriteCsv(writer);
        _csv = writer.ToString();
    }

    [Benchmark]
    public long ReadCsvAndBuild()
    {
        var builder = new EventLogBuilder(BenchmarkData.Map);
        var report = EventReader.ReadCsv(new StringReader(_csv), builder);
        return builder.Build().EventCount + report.RowsRejected;
    }
}

/// <summary>Sessionization and synthetic generation on large logs.</summary>
[MemoryDiagnoser]
public class EventLogOperationBenchmarks
{
    private EventLog _log = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Events))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup() => _log = Generate(Events);

    [Benchmark]
    public int Sessionize() => _log.Sessionize(TimeSpan.FromMinutes(30)).Count;

    [Benchmark]
    public long GenerateSynthetic() => Generate(Events).EventCount;

    private static EventLog Generate(int events) =>
        new SyntheticJourneyGenerator(BenchmarkData.Map, BenchmarkData.JourneysFor(events) with { MeanGap = TimeSpan.FromMinutes(40) }).Generate();
}
