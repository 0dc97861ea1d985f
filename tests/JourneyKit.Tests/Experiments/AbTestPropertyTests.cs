using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Experiments;

namespace JourneyKit.Tests.Experiments;

public sealed class AbTestPropertyTests
{
    public static class Arbitraries
    {
        /// <summary>Two arms of at least 5 users each, with positive means and spread.</summary>
        public static Arbitrary<(MeanSummary Control, MeanSummary Treatment, double Tuning)> Arms() =>
            Arb.From(
                from seed in Gen.Choose(0, int.MaxValue)
                select Draw(seed));

        private static (MeanSummary, MeanSummary, double) Draw(int seed)
        {
            var random = new Random(seed);
            MeanSummary Arm()
            {
                long n = 5 + (long)Math.Pow(10, random.NextDouble() * 5);
                double mean = 0.5 + (random.NextDouble() * 100), sd = 0.1 + (random.NextDouble() * 50);
                return new MeanSummary(n, mean * n, ((sd * sd * (n - 1)) + (mean * mean * n)));
            }

            return (Arm(), Arm(), Math.Pow(10, 2 + (random.NextDouble() * 3)));
        }
    }

    // Width only: the always-valid p-value (from the e-value) is not the inversion of the interval, and against a Welch
    // t with few degrees of freedom (an arm of 6 users) it can come out smaller than the fixed-horizon p.
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void SequentialInterval_IsNeverNarrowerThanTheFixedHorizonOne((MeanSummary Control, MeanSummary Treatment, double Tuning) arms)
    {
        foreach (EffectScale scale in new[] { EffectScale.Relative, EffectScale.Absolute })
        {
            AbTestResult fixedHorizon = AbTest.Means(arms.Control, arms.Treatment, new AbTestOptions { Difference = scale });
            AbTestResult sequential = AbTest.Means(arms.Control, arms.Treatment, new AbTestOptions { Difference = scale, Sequential = true, SequentialTuning = arms.Tuning });
            Assert.Equal(fixedHorizon.Effect.Value, sequential.Effect.Value);
            Assert.True(sequential.Effect.Interval.Width >= fixedHorizon.Effect.Interval.Width, $"{scale}: sequential {sequential.Effect} vs fixed {fixedHorizon.Effect}");
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void SwappingTheArms_NegatesTheAbsoluteEffect_WithTheSameP((MeanSummary Control, MeanSummary Treatment, double Tuning) arms)
    {
        var options = new AbTestOptions { Difference = EffectScale.Absolute };
        AbTestResult ab = AbTest.Means(arms.Control, arms.Treatment, options), ba = AbTest.Means(arms.Treatment, arms.Control, options);
        Assert.Equal(ab.Effect.Value, -ba.Effect.Value, 9);
        Assert.Equal(ab.PValue, ba.PValue, 9);
        Assert.Equal(ab.Effect.Interval.Width, ba.Effect.Interval.Width, 9);
    }

    [Fact]
    public void FixedHorizonInterval_CoversZeroAbout95PercentOfTheTime_OnSimulatedAATests()
    {
        // 2,000 A/A experiments of 200 users per arm (normal, mean 10, sd 3): the 95 % interval of the relative effect
        // should contain 0 in 95 % of them (binomial sd 0.5 %; the band is ±4 sd).
        var random = new Random(2023);
        int covered = 0;
        const int Experiments = 2000;
        for (int e = 0; e < Experiments; e++)
        {
            AbTestResult r = AbTest.Means(Summary(random, 200, 10, 3), Summary(random, 200, 10, 3));
            covered += r.Effect.Interval.Contains(0) ? 1 : 0;
        }

        Assert.InRange(covered / (double)Experiments, 0.93, 0.97);
    }

    [Fact]
    public void SequentialInterval_StaysValidUnderPeekingAfterEveryBatch_WhereTheFixedOneDoesNot()
    {
        // 400 A/A experiments, each looked at after every one of 20 batches of 50 users per arm, stopped at the first look
        // whose interval excludes 0 (a false positive). The sequential interval keeps that under 5 % over all looks; the
        // fixed-horizon interval, peeked at the same way, does not — the reason sequential testing exists.
        var random = new Random(7);
        int sequentialErrors = 0, fixedErrors = 0;
        const int Experiments = 400;
        for (int e = 0; e < Experiments; e++)
        {
            MeanSummary a = default, b = default;
            bool sequentialRejected = false, fixedRejected = false;
            for (int batch = 0; batch < 20; batch++)
            {
                a = a.Add(Summary(random, 50, 10, 3));
                b = b.Add(Summary(random, 50, 10, 3));
                sequentialRejected |= !AbTest.Means(a, b, new AbTestOptions { Sequential = true }).Effect.Interval.Contains(0);
                fixedRejected |= !AbTest.Means(a, b).Effect.Interval.Contains(0);
            }

            sequentialErrors += sequentialRejected ? 1 : 0;
            fixedErrors += fixedRejected ? 1 : 0;
        }

        Assert.True(sequentialErrors / (double)Experiments <= 0.05, $"sequential: {sequentialErrors} of {Experiments} A/A tests ever excluded 0");
        Assert.True(fixedErrors / (double)Experiments > 0.10, $"fixed horizon peeked 20 times: {fixedErrors} of {Experiments} (expected well above 5 %)");
    }

    private static MeanSummary Summary(Random random, int n, double mean, double sd)
    {
        Span<double> values = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            // Box–Muller
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return MeanSummary.Of(values);
    }
}
