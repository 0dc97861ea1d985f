using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Markov;

public class MarkovExtrasTests
{
    [Fact]
    public void OrderSelection_PrefersTheTrueOrder()
    {
        // A deterministic second-order pattern: after (a, b) comes c, after (c, b) comes a: order 2 explains it exactly.
        var random = new Random(3);
        var sequences = Enumerable.Range(0, 200).Select(_ =>
        {
            var s = new List<string> { random.Next(2) == 0 ? "a" : "c", "b" };
            for (int i = 0; i < 10; i++)
            {
                s.Add(s[^2] == "a" ? "c" : "a");
                s.Add("b");
            }

            return (IReadOnlyList<string>)s;
        }).ToList();
        var fits = MarkovOrderSelection.Compare(sequences, 3);
        Assert.Equal([1, 2, 3], fits.Select(f => f.Order));
        Assert.All(fits, f => Assert.Equal(fits[0].Observations, f.Observations));
        Assert.Equal(2, fits.MinBy(f => f.Bic)!.Order);
        Assert.True(fits[1].PValue < 1e-6);              // order 2 is a significant improvement on order 1
        Assert.Equal(0, fits[1].LogLikelihood, precision: 9); // and explains the data exactly
        Assert.True(double.IsNaN(fits[0].PValue));
    }

    [Fact]
    public void ForecastWithIntervals_ContainsPointForecastAndIsReproducible()
    {
        var chain = MarkovChain.Fit([["a", "b", "a", "a", "b", "b", "a"], ["b", "a", "b"]]);
        var x = chain.ForecastWithIntervals(new Dictionary<string, double> { ["a"] = 1000 }, 3, draws: 200, seed: 5);
        var y = chain.ForecastWithIntervals(new Dictionary<string, double> { ["a"] = 1000 }, 3, draws: 200, seed: 5);
        Assert.Equal(x["a"], y["a"]);
        Assert.All(x.Values, v => Assert.True(v.Interval.Lower <= v.Forecast && v.Forecast <= v.Interval.Upper && v.Interval.Level == 0.95));
        Assert.Equal(chain.Forecast(new Dictionary<string, double> { ["a"] = 1000 }, 3)["b"], x["b"].Forecast, precision: 9);
    }

    [Fact]
    public void ContinuousTime_DwellRatesAndShareConvertedWithin()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Browse stays 1 and 3 days (mean 2) and leaves to Buy once and Leave once: rates 1/4 per day each.
        var chain = ContinuousTimeMarkovChain.Fit(
            [
                [("Browse", t0), ("Buy", t0.AddDays(1))],
                [("Browse", t0), ("Browse", t0.AddDays(2)), ("Leave", t0.AddDays(3))],
            ],
            ["Buy", "Leave"]);
        Assert.Equal(TimeSpan.FromDays(2), chain.MeanDwellTime("Browse"));
        Assert.Equal(0.25, chain.Rate("Browse", "Buy"), precision: 12);
        Assert.Equal(-0.5, chain.Rate("Browse", "Browse"), precision: 12);
        // Competing exponentials: P(bought by t) = ½ (1 − e^(−t/2)); at 2 days: ½ (1 − e^−1).
        Assert.Equal(0.5 * (1 - Math.Exp(-1)), chain.Probability("Browse", "Buy", TimeSpan.FromDays(2)), precision: 9);
        Assert.Equal(0.5, chain.Probability("Browse", "Buy", TimeSpan.FromDays(400)), precision: 9);
        Assert.Equal(TimeSpan.MaxValue, chain.MeanDwellTime("Buy"));
        var forecast = chain.Forecast(new Dictionary<string, double> { ["Browse"] = 100 }, TimeSpan.FromDays(2));
        Assert.Equal(100, forecast.Values.Sum(), precision: 9);
        Assert.Contains("goes back", Assert.Throws<ArgumentException>(() => ContinuousTimeMarkovChain.Fit([[("a", t0), ("b", t0.AddDays(-1))]])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEventLog_StageChainWithConversion()
    {
        var log = new SyntheticJourneyGenerator(SampleMaps.ECommerce(), new SyntheticJourneyOptions { Customers = 3000, Seed = 11 }).Generate();
        var chain = MarkovChain.Fit(log, PathLevel.Stage, conversionState: "Converted");
        Assert.Contains("Converted", chain.AbsorbingStates);
        Assert.All(chain.States, s => Assert.Equal(1, chain.States.Sum(t => chain.Probability(s, t)), precision: 9));
        // Every purchase stage visit converts first in the generator, so purchase leads only to Converted.
        Assert.Equal(1, chain.Probability("purchase", "Converted"), precision: 12);
        var converted = log.Journeys.Count(j => j.Outcomes.Contains(EventOutcome.Conversion));
        Assert.Equal(converted, chain.Count("purchase", "Converted"));

        // Journeys that stop without converting are censored, not lost, so in the long run everyone converts; within
        // hours only some have. The share grows with time and stays a probability.
        var timed = ContinuousTimeMarkovChain.Fit(log, PathLevel.Stage, "Converted");
        double[] shares = [.. new[] { 0.0, 0.25, 1, 3, 30 }.Select(d => timed.Probability("awareness", "Converted", TimeSpan.FromDays(d)))];
        Assert.Equal(0, shares[0]);
        Assert.InRange(shares[1], 0.001, 0.9);
        Assert.True(shares.Zip(shares.Skip(1)).All(p => p.First <= p.Second + 1e-12));
        Assert.InRange(shares[^1], 0, 1 + 1e-9);
        foreach (string s in timed.States)
        {
            Assert.Equal(0, timed.States.Sum(t => timed.Rate(s, t)), precision: 9); // generator rows sum to 0
        }
    }

    // The dense first-order path over the log must count exactly what the sequence path counts.
    [Theory]
    [InlineData(false, null, null)]
    [InlineData(true, "Start", "Lost")]
    [InlineData(false, "Start", null)]
    public void FromEventLog_DenseCounting_EqualsSequenceCounting(bool collapse, string? start, string? end)
    {
        var log = new SyntheticJourneyGenerator(SampleMaps.ECommerce(), new SyntheticJourneyOptions { Customers = 500, Seed = 3 }).Generate();
        var options = new MarkovEstimationOptions { CollapseRepeats = collapse, StartState = start, EndState = end, AbsorbingStates = ["advocacy"] };
        var dense = MarkovChain.Fit(log, PathLevel.Stage, options, "Converted");
        var sequences = log.Journeys.Select(j =>
        {
            var steps = new List<string>();
            for (int k = 0; k < j.Count; k++)
            {
                steps.Add(log.StageNames[j.StageIds[k]]);
                if (j.Outcomes[k] == EventOutcome.Conversion)
                {
                    steps.Add("Converted");
                    break;
                }
            }

            return (IReadOnlyList<string>)steps;
        }).ToList();
        // With a conversion state and no end state, journeys that end unconverted go to (lost).
        var expected = MarkovChain.Fit(sequences, options with { AbsorbingStates = ["advocacy", "Converted"], EndState = end ?? "(lost)" });
        Assert.Equal(expected.States.Order(StringComparer.Ordinal), dense.States.Order(StringComparer.Ordinal));
        Assert.All(expected.States, f => Assert.All(expected.States, t => Assert.Equal(expected.Count(f, t), dense.Count(f, t))));
        Assert.Equal(expected.LogLikelihood, dense.LogLikelihood, precision: 9);
    }
}
