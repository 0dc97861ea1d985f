using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Tests.Hostile;

/// <summary>Statistics at the edges of their range: no silent underflow, no silent non-identifiable fit.</summary>
public class StatisticsHostileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly BgNbdModel Cdnow = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);

    [Theory]
    // Reference values from the closed form (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] evaluated with
    // arbitrary-precision ₂F₁ (mpmath 1.3): the power series used before gave 35.86, 33.55 and −1.33 here.
    [InlineData(1, 0.05326789117165865)]
    [InlineData(39, 1.1967231933208151)]
    [InlineData(3e5, 39.578914336331799)]
    [InlineData(1e6, 53.540478253283048)]
    [InlineData(1e9, 256.25492349399372)]
    public void BgNbd_ExpectedPurchases_MatchTheClosedFormOverTheWholeRange(double t, double expected)
    {
        Assert.Equal(1, Cdnow.ExpectedPurchases(t) / expected, precision: 7);
    }

    [Fact]
    public void BgNbd_ConditionalExpectation_ReproducesFaderHardieLee()
    {
        // FHL (2005), section 5: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks.
        Assert.Equal(1.226, Cdnow.ConditionalExpectedPurchases(39, new RfmSummary(2, 30.43, 38.86)), precision: 3);
    }

    [Property(MaxTest = 100)]
    public Property BgNbd_Expectations_AreFiniteAndNonDecreasingUpTo1e9()
    {
        var t = Gen.Choose(-30, 90).Select(e => Math.Pow(10, e / 10.0));
        var history = Gen.Zip(Gen.Choose(0, 40), Gen.Choose(0, 100));
        return Prop.ForAll(Gen.Zip(Gen.Zip(t, t), history).ToArbitrary(), input =>
        {
            var ((t1, t2), (x, recencyPercent)) = input;
            double lo = Math.Min(t1, t2), hi = Math.Max(t1, t2);
            var customer = new RfmSummary(x, x == 0 ? 0 : 40.0 * recencyPercent / 100, 40);
            double e1 = Cdnow.ExpectedPurchases(lo), e2 = Cdnow.ExpectedPurchases(hi);
            double c1 = Cdnow.ConditionalExpectedPurchases(lo, customer), c2 = Cdnow.ConditionalExpectedPurchases(hi, customer);
            return (double.IsFinite(e1) && double.IsFinite(e2) && double.IsFinite(c1) && double.IsFinite(c2)).Label("finite")
                .And(e1 <= (e2 * (1 + 1e-9)) + 1e-15).Label($"E[X({lo})] = {e1} > E[X({hi})] = {e2}")
                .And(c1 <= (c2 * (1 + 1e-9)) + 1e-15).Label($"conditional {c1} > {c2}");
        });
    }

    [Fact]
    public void BgNbd_FitCost_DoesNotDependOnTheFrequencyValue()
    {
        // One customer with 100,000 purchases among ordinary ones: the likelihood no longer loops up to the largest x.
        var ordinary = Enumerable.Range(0, 60).Select(i => new RfmSummary(i % 5, i % 5 == 0 ? 0 : 10 + (i % 7), 39)).ToList();
        var bot = new RfmSummary(1e5, 38, 39);
        var withBot = BgNbdModel.Fit([.. ordinary, bot]);
        Assert.True(withBot.Diagnostics!.Converged, withBot.Diagnostics.ToString());
        // The likelihood is the sum over customers, and the bot's term is the closed form of Fader, Hardie & Lee (2005,
        // eq. 6) evaluated here independently with log-gamma and log-beta — no loop over its 100,000 purchases anywhere.
        Assert.Equal(withBot.LogLikelihood, withBot.LogLikelihoodOf(ordinary) + withBot.LogLikelihoodOf([bot]), 1e-9 * Math.Abs(withBot.LogLikelihood));
        Assert.Equal(ClosedFormLogLikelihood(withBot, bot), withBot.LogLikelihoodOf([bot]), 1e-9 * Math.Abs(withBot.LogLikelihoodOf([bot])));
        // 3e9 used to overflow an int index: now it either fits or says the data cannot identify the model.
        try
        {
            Assert.True(double.IsFinite(BgNbdModel.Fit([.. ordinary, new RfmSummary(3e9, 38, 39)]).LogLikelihood));
        }
        catch (ArgumentException ex)
        {
            Assert.Contains("no maximum inside", ex.Message, StringComparison.Ordinal);
        }
    }

    private static double ClosedFormLogLikelihood(BgNbdModel m, RfmSummary c)
    {
        static double LogBeta(double p, double q) => MathNet.Numerics.SpecialFunctions.GammaLn(p) + MathNet.Numerics.SpecialFunctions.GammaLn(q) - MathNet.Numerics.SpecialFunctions.GammaLn(p + q);
        double common = MathNet.Numerics.SpecialFunctions.GammaLn(m.R + c.Frequency) - MathNet.Numerics.SpecialFunctions.GammaLn(m.R) + (m.R * Math.Log(m.Alpha));
        double alive = LogBeta(m.A, m.B + c.Frequency) - LogBeta(m.A, m.B) + common - ((m.R + c.Frequency) * Math.Log(m.Alpha + c.T));
        if (c.Frequency == 0)
        {
            return alive;
        }

        double dropped = LogBeta(m.A + 1, m.B + c.Frequency - 1) - LogBeta(m.A, m.B) + common - ((m.R + c.Frequency) * Math.Log(m.Alpha + c.Recency));
        double top = Math.Max(alive, dropped);
        return top + Math.Log(Math.Exp(alive - top) + Math.Exp(dropped - top));
    }

    [Fact]
    public void BgNbd_DegenerateData_SaysWhy()
    {
        Assert.Contains("every frequency is 0", Assert.Throws<ArgumentException>(() =>
            BgNbdModel.Fit(Enumerable.Repeat(new RfmSummary(0, 0, 30), 100))).Message, StringComparison.Ordinal);
        Assert.Contains("no maximum inside", Assert.Throws<ArgumentException>(() =>
            BgNbdModel.Fit([new RfmSummary(2, 20, 30)])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BgNbdModel.Fit(Enumerable.Range(1, 100).Select(i => new RfmSummary((i % 30) + 1, (i % 30) + 1, (i % 30) + 1))));
    }

    [Fact]
    public void GammaGamma_OrdinaryData_ConvergesAndReportsIt()
    {
        // 200 customers simulated from the published CDNOW spend model (p = 6.25, q = 3.74, γ = 15.44).
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            int x = 1 + rng.Next(10);
            double nu = Gamma.Sample(rng, 3.74, 15.44);
            return ((double)x, Enumerable.Range(0, x).Select(_ => Gamma.Sample(rng, 6.25, nu)).Average());
        }).ToList();
        var model = GammaGammaModel.Fit(rows);
        Assert.True(model.Diagnostics.Converged, model.Diagnostics.ToString());
        Assert.InRange(model.P, 2, 20);
        Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit([(2, 10), (3, 10), (1, 10)]));
    }

    private static ContinuousTimeMarkovChain QuickConverter() =>
        ContinuousTimeMarkovChain.Fit(
            Enumerable.Range(0, 20).Select(i => (IReadOnlyList<(string, DateTimeOffset)>)
                [("A", T0.AddDays(i)), ("Converted", T0.AddDays(i).AddMinutes(1))]).ToList(),
            ["Converted"]);

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(69)]
    [InlineData(70)]
    [InlineData(90)]
    [InlineData(10_000)]
    public void Ctmc_OneMinuteDwell_HasConvertedAfterDays(double days)
    {
        var chain = QuickConverter();
        Assert.Equal(1.0, chain.Probability("A", "Converted", TimeSpan.FromDays(days)), precision: 12);
        Assert.Equal(0.0, chain.Probability("A", "A", TimeSpan.FromDays(days)), precision: 12);
    }

    [Property(MaxTest = 60)]
    public Property Ctmc_AbsorptionIsNonDecreasingInTime_AndProbabilitiesSumToOne()
    {
        var journey = Gen.ListOf(Gen.Zip(Gen.Elements("A", "B", "C"), Gen.Choose(1, 5000)))
            .Select(steps => steps.Append(("Converted", 1)).ToArray());
        var gen = Gen.Zip(Gen.NonEmptyListOf(journey), Gen.Zip(Gen.Choose(0, 60), Gen.Choose(0, 60)));
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (journeys, (e1, e2)) = input;
            var data = journeys.Select(steps =>
            {
                var at = T0;
                var list = new List<(string, DateTimeOffset)>();
                foreach (var (state, minutes) in steps)
                {
                    list.Add((state, at));
                    at = at.AddMinutes(minutes);
                }

                return (IReadOnlyList<(string, DateTimeOffset)>)list;
            }).ToList();
            var chain = ContinuousTimeMarkovChain.Fit(data, ["Converted"]);
            var first = chain.States[0];
            TimeSpan t1 = TimeSpan.FromMinutes(Math.Pow(10, Math.Min(e1, e2) / 10.0)), t2 = TimeSpan.FromMinutes(Math.Pow(10, Math.Max(e1, e2) / 10.0));
            double p1 = chain.Probability(first, "Converted", t1), p2 = chain.Probability(first, "Converted", t2);
            double total = chain.States.Sum(s => chain.Probability(first, s, t2));
            return (p1 <= p2 + 1e-12).Label($"P(converted by {t1}) = {p1} > P(by {t2}) = {p2}")
                .And(Math.Abs(total - 1) < 1e-9).Label($"total {total}");
        });
    }
}
