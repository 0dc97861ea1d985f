using System.Globalization;
using JourneyKit.Markov;

namespace JourneyKit.Tests.Markov;

public class MarkovChainTests
{
    // Land of Oz weather (Grinstead & Snell, Introduction to Probability, ch. 11): rain, nice, snow.
    private static readonly string[] Oz = ["R", "N", "S"];
    private static readonly double[,] OzP = { { 0.5, 0.25, 0.25 }, { 0.5, 0, 0.5 }, { 0.25, 0.25, 0.5 } };

    // Drunkard's walk on 0..4 with absorbing ends, p = 1/2 (Grinstead & Snell, Example 11.13).
    private static MarkovChain Drunkard() => MarkovChain.FromProbabilities(
        ["0", "1", "2", "3", "4"],
        new double[,]
        {
            { 1, 0, 0, 0, 0 }, { 0.5, 0, 0.5, 0, 0 }, { 0, 0.5, 0, 0.5, 0 }, { 0, 0, 0.5, 0, 0.5 }, { 0, 0, 0, 0, 1 },
        });

    [Fact]
    public void LandOfOz_StationaryDistribution()
    {
        // πP = π: π_N = 0.25 π_R + 0.25 π_S and by symmetry π_R = π_S → π = (0.4, 0.2, 0.4).
        var pi = MarkovChain.FromProbabilities(Oz, OzP).StationaryDistribution();
        Assert.Equal(0.4, pi["R"], precision: 12);
        Assert.Equal(0.2, pi["N"], precision: 12);
        Assert.Equal(0.4, pi["S"], precision: 12);
    }

    [Fact]
    public void LandOfOz_MeanFirstPassageAndRecurrenceTimes()
    {
        var chain = MarkovChain.FromProbabilities(Oz, OzP);
        // m_RN = 1 + 0.5 m_RN + 0.25 m_SN and m_SN = m_RN by symmetry → m = 4.
        Assert.Equal(4, chain.MeanFirstPassageTime("R", "N"), precision: 10);
        Assert.Equal(4, chain.MeanFirstPassageTime("S", "N"), precision: 10);
        // m_RS = 1 + 0.5 m_RS + 0.25 m_NS, m_NS = 1 + 0.5 m_RS → m_RS = 10/3, m_NS = 8/3.
        Assert.Equal(10.0 / 3, chain.MeanFirstPassageTime("R", "S"), precision: 10);
        Assert.Equal(8.0 / 3, chain.MeanFirstPassageTime("N", "S"), precision: 10);
        // Mean recurrence time = 1/π: 2.5, 5, 2.5.
        Assert.Equal(2.5, chain.MeanFirstPassageTime("R", "R"), precision: 10);
        Assert.Equal(5, chain.MeanFirstPassageTime("N", "N"), precision: 10);
    }

    [Fact]
    public void LandOfOz_TwoStepProbabilities()
    {
        var chain = MarkovChain.FromProbabilities(Oz, OzP);
        // P²[R,R] = 0.5·0.5 + 0.25·0.5 + 0.25·0.25 = 0.4375 (G&S Example 11.2).
        Assert.Equal(0.4375, chain.Probability("R", "R", 2), precision: 12);
        Assert.Equal(0.375, chain.Probability("N", "S", 2), precision: 12);
        Assert.Equal(1, chain.Probability("N", "N", 0), precision: 12);
    }

    [Fact]
    public void Drunkard_AbsorptionProbabilitiesStepsAndVariance()
    {
        var chain = Drunkard();
        // B = N R with N = [[3/2,1,1/2],[1,2,1],[1/2,1,3/2]]: from 1 → 0 w.p. 3/4, from 2 → 1/2, from 3 → 1/4.
        Assert.Equal(0.75, chain.AbsorptionProbability("1", "0"), precision: 12);
        Assert.Equal(0.5, chain.AbsorptionProbability("2", "4"), precision: 12);
        Assert.Equal(0.25, chain.AbsorptionProbability("3", "0"), precision: 12);
        Assert.Equal(1, chain.AbsorptionProbability("4", "4"));
        Assert.Equal(0, chain.AbsorptionProbability("0", "4"));
        // t = N·1 = (3, 4, 3).
        Assert.Equal(3, chain.ExpectedStepsToAbsorption("1"), precision: 12);
        Assert.Equal(4, chain.ExpectedStepsToAbsorption("2"), precision: 12);
        Assert.Equal(0, chain.ExpectedStepsToAbsorption("0"));
        // Variance (2N − I)t − t²: Nt = (10, 14, 10) → (17, 24, 17) − (9, 16, 9) = (8, 8, 8).
        Assert.Equal(8, chain.VarianceOfStepsToAbsorption("1"), precision: 10);
        Assert.Equal(8, chain.VarianceOfStepsToAbsorption("2"), precision: 10);
        var n = chain.FundamentalMatrix();
        Assert.Equal(1.5, n[0, 0], precision: 12);
        Assert.Equal(2, n[1, 1], precision: 12);
        Assert.Equal(["1", "2", "3"], chain.TransientStates);
        Assert.Equal(["0", "4"], chain.AbsorbingStates);
    }

    [Fact]
    public void Drunkard_StationaryDistributionNotUnique_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Drunkard().StationaryDistribution());
        Assert.Contains("2 closed classes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drunkard_PassageToUnreachableState_IsInfinite() =>
        Assert.Equal(double.PositiveInfinity, Drunkard().MeanFirstPassageTime("2", "0"));

    [Fact]
    public void Forecast_MovesPopulationsAndKeepsTotal()
    {
        var chain = MarkovChain.FromProbabilities(Oz, OzP);
        var f = chain.Forecast(new Dictionary<string, double> { ["R"] = 100 }, 1);
        Assert.Equal(50, f["R"], precision: 10);
        Assert.Equal(25, f["N"], precision: 10);
        Assert.Equal(100, f.Values.Sum(), precision: 10);
        var ex = Assert.Throws<ArgumentException>(() => chain.Forecast(new Dictionary<string, double> { ["Fog"] = 1 }, 1));
        Assert.Contains("'Fog'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => chain.Forecast(new Dictionary<string, double> { ["R"] = -1 }, 1));
    }

    [Fact]
    public void Estimate_CountsProbabilitiesAndLogLikelihood()
    {
        // a→b twice, a→c once, b→a once: P(a→b) = 2/3, LL = 2 ln(2/3) + ln(1/3) + ln 1.
        var chain = MarkovChain.Fit([["a", "b", "a", "c"], ["a", "b"]]);
        Assert.Equal(["a", "b", "c"], chain.States);
        Assert.Equal(2, chain.Count("a", "b"));
        Assert.Equal(2.0 / 3, chain.Probability("a", "b"), precision: 12);
        Assert.Equal((2 * Math.Log(2.0 / 3)) + Math.Log(1.0 / 3), chain.LogLikelihood, precision: 12);
        Assert.Equal(["c"], chain.UnobservedStates); // c was never left: absorbing, and reported
        Assert.Equal(1, chain.Probability("c", "c"));
    }

    [Fact]
    public void Estimate_StartEndAbsorbingAndCollapse()
    {
        var options = new MarkovEstimationOptions { StartState = "Start", EndState = "Lost", AbsorbingStates = ["Converted"], CollapseRepeats = true };
        var chain = MarkovChain.Fit([["a", "a", "b", "Converted", "a"], ["a"]], options);
        // Start→a ×2; a→b; b→Converted (then cut); a→Lost (second sequence).
        Assert.Equal(2, chain.Count("Start", "a"));
        Assert.Equal(0, chain.Count("a", "a"));
        Assert.Equal(1, chain.Count("b", "Converted"));
        Assert.Equal(0, chain.Count("Converted", "a"));
        Assert.Equal(1, chain.Count("a", "Lost"));
        Assert.Equal(0.5, chain.AbsorptionProbability("Start", "Converted"), precision: 12);
        Assert.Empty(chain.UnobservedStates);
    }

    [Fact]
    public void Estimate_LaplaceSmoothing_NoZeroProbabilities()
    {
        var chain = MarkovChain.Fit([["a", "b", "a", "b", "c", "a"]], new MarkovEstimationOptions { Smoothing = 1 });
        // Row a: a→b ×2, others 0; with +1 on 3 states: (2+1)/(2+3) = 0.6, a→a = a→c = 0.2.
        Assert.Equal(0.6, chain.Probability("a", "b"), precision: 12);
        Assert.Equal(0.2, chain.Probability("a", "a"), precision: 12);
    }

    [Fact]
    public void Estimate_SecondOrder_ExpandsStates()
    {
        var chain = MarkovChain.Fit([["a", "b", "a", "b", "c"]], new MarkovEstimationOptions { Order = 2 });
        Assert.Equal(2, chain.Order);
        Assert.Contains("a > b", chain.States);
        // a,b → b,a (after a b comes a), then b,a → a,b, a,b → b,c.
        Assert.Equal(0.5, chain.Probability("a > b", "b > a"), precision: 12);
        Assert.Equal(0.5, chain.Probability("a > b", "b > c"), precision: 12);
        var ex = Assert.Throws<InvalidOperationException>(() => MarkovChain.Fit([["a", "b", "c", "d"]], new MarkovEstimationOptions { Order = 2, MaxStates = 2 }));
        Assert.Contains("MaxStates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfidenceIntervals_WilsonAndGoodman()
    {
        // Row a: 30 of 100 to b, 70 to c. Wilson 95 %: (0.2189, 0.3958).
        var sequences = Enumerable.Range(0, 100).Select(i => (IReadOnlyList<string>)["a", i < 30 ? "b" : "c"]).ToList();
        var chain = MarkovChain.Fit(sequences);
        var (lo, hi) = chain.ConfidenceInterval("a", "b");
        Assert.Equal(0.2189, lo, precision: 4);
        Assert.Equal(0.3958, hi, precision: 4);
        var (glo, ghi) = chain.ConfidenceInterval("a", "b", simultaneous: true);
        Assert.True(glo < lo && ghi > hi, "Goodman's simultaneous interval is wider");
        Assert.True(glo < 0.3 && ghi > 0.3);
        Assert.False(chain.ConfidenceInterval("b", "c").IsDefined);
        Assert.True(double.IsNaN(chain.ConfidenceInterval("b", "c").Upper));
    }

    [Fact]
    public void FromProbabilities_InvalidInput_NamesTheState()
    {
        var ex = Assert.Throws<ArgumentException>(() => MarkovChain.FromProbabilities(["Browse", "Checkout"], new double[,] { { 0.5, 0.5 }, { 0.5, 0.43 } }));
        Assert.Equal("Row 'Checkout' sums to 0.9299999999999999; rows must sum to 1 within 1e-9.", ex.Message.Split(" (Parameter")[0]);
        Assert.Contains("'Browse' → 'Checkout'", Assert.Throws<ArgumentException>(() =>
            MarkovChain.FromProbabilities(["Browse", "Checkout"], new double[,] { { 1.5, -0.5 }, { 0, 1 } })).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() =>
            MarkovChain.FromProbabilities(["a"], new double[,] { { double.NaN } })).Message, StringComparison.Ordinal);
        Assert.Contains("2×2", Assert.Throws<ArgumentException>(() => MarkovChain.FromProbabilities(["a"], new double[2, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("'a' is listed twice", Assert.Throws<ArgumentException>(() => MarkovChain.FromProbabilities(["a", "a"], new double[2, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => Drunkard().Probability("x", "0")).Message, StringComparison.Ordinal);
        Assert.Equal(0, MarkovChain.FromProbabilities(Oz, OzP).Count("R", "N"));
        Assert.True(double.IsNaN(MarkovChain.FromProbabilities(Oz, OzP).LogLikelihood));
    }

    [Fact]
    public void Estimate_EmptyOrBlankInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => MarkovChain.Fit([]));
        var ex = Assert.Throws<ArgumentException>(() => MarkovChain.Fit([["a", " "]]));
        Assert.Contains("Sequence 0, position 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealData_AlofiRainfall_MatchesPublishedMatrixAndIsConsistent()
    {
        var rain = File.ReadLines(Datasets.PathOf("markovchain_rain_alofi.csv")).Skip(1).Select(l => l.Split(',')[2]).ToList();
        Assert.Equal(1096, rain.Count);
        var chain = MarkovChain.Fit([rain]);
        // Counts, checked by an independent pass over the file.
        foreach (string from in chain.States)
        {
            foreach (string to in chain.States)
            {
                Assert.Equal(rain.Zip(rain.Skip(1)).Count(p => p.First == from && p.Second == to), chain.Count(from, to));
            }

            Assert.Equal(1, chain.States.Sum(to => chain.Probability(from, to)), precision: 12);
        }

        // The transition matrix published with R's markovchain package for this data set (rain, Alofi).
        Assert.Equal(0.6605839, chain.Probability("0", "0"), precision: 7);
        Assert.Equal(0.2299270, chain.Probability("0", "1-5"), precision: 7);
        Assert.Equal(0.3061224, chain.Probability("1-5", "1-5"), precision: 7);
        Assert.Equal(0.4901186, chain.Probability("6+", "6+"), precision: 7);

        // The stationary distribution solves πP = π.
        var pi = chain.StationaryDistribution();
        foreach (string to in chain.States)
        {
            Assert.Equal(pi[to], chain.States.Sum(from => pi[from] * chain.Probability(from, to)), precision: 12);
        }
    }
}
