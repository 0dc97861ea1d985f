using BenchmarkDotNet.Attributes;
using JourneyKit.Metrics;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Benchmarks;

/// <summary>NPS over 10M ratings, Kaplan–Meier on 1M observations and a BG/NBD fit on 1M customers (1/100 of that in smoke runs).</summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private int[] _ratings = null!;
    private SurvivalObservation[] _survival = null!;
    private RfmSummary[] _customers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _ratings = [.. Enumerable.Range(0, BenchmarkSizes.Scale(10_000_000)).Select(_ => random.Next(11))];
        _survival = [.. Enumerable.Range(0, BenchmarkSizes.Scale(1_000_000)).Select(_ => new SurvivalObservation(Math.Round(random.NextDouble() * 365), random.Next(3) > 0))];

        // 1M customers simulated from the BG/NBD process with the CDNOW parameters (weeks, T between 27 and 39).
        _customers = new RfmSummary[BenchmarkSizes.Scale(1_000_000)];
        for (int i = 0; i < _customers.Length; i++)
        {
            double lambda = Gamma.Sample(random, 0.243, 4.414);
            double p = Beta.Sample(random, 0.793, 2.426);
            double T = 27 + (random.NextDouble() * 12), t = 0, last = 0;
            int x = 0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / lambda;
                if (t > T)
                {
                    break;
                }

                x++;
                last = t;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            _customers[i] = new RfmSummary(x, x == 0 ? 0 : Math.Round(last, 2), Math.Round(T, 2));
        }
    }

    [Benchmark]
    public double NpsRatings() => NetPromoterScore.FromRatings(_ratings.AsSpan()).Score;

    [Benchmark]
    public double KaplanMeierFit() => JourneyKit.Metrics.KaplanMeier.Fit(_survival).MedianSurvival;

    [Benchmark]
    public double BgNbdFit() => BgNbdModel.Fit(_customers).R;
}
