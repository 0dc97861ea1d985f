using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using JourneyKit.Attribution;

namespace JourneyKit.Benchmarks;

/// <summary>Parsing aggregated path CSV and exact Markov attribution (8 channels, paths of 1–15 touches).</summary>
[MemoryDiagnoser]
public class AttributionBenchmarks
{
    private string _csv = null!;

    public int Rows { get; set; } = BenchmarkSizes.Scale(1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string[] channels = ["search", "social", "email", "display", "direct", "affiliate", "video", "partner"];
        var text = new StringBuilder("path,total_conversions,total_conversion_value,total_null\n");
        for (int r = 0; r < Rows; r++)
        {
            int length = 1 + random.Next(15);
            for (int i = 0; i < length; i++)
            {
                text.Append(i == 0 ? "" : " > ").Append(channels[random.Next(channels.Length)]);
            }

            int conversions = random.Next(3);
            text.Append(',').Append(conversions).Append(',')
                .Append((conversions * random.NextDouble() * 100).ToString("F2", CultureInfo.InvariantCulture)).Append(',')
                .Append(random.Next(5)).Append('\n');
        }

        _csv = text.ToString();
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly() => PathDataSet.ReadCsv(new StringReader(_csv)).Data.Count;

    [Benchmark]
    public double ParseAndMarkovOrder1() =>
        MarkovAttribution.Compute(PathDataSet.ReadCsv(new StringReader(_csv)).Data, new MarkovAttributionOptions()).ConversionProbability;

    [Benchmark]
    public double ParseAndMarkovOrder3() =>
        MarkovAttribution.Compute(PathDataSet.ReadCsv(new StringReader(_csv)).Data, new MarkovAttributionOptions { Order = 3 }).ConversionProbability;

    [Benchmark]
    public double ParseAndLinear() =>
        HeuristicAttribution.Compute(PathDataSet.ReadCsv(new StringReader(_csv)).Data, HeuristicModel.Linear, new HeuristicOptions()).TotalConversions;
}
