using JourneyKit.Experiments;

namespace JourneyKit.Tests.Experiments;

/// <summary>
/// A/B statistics against the numbers GrowthBook publishes in its own gbstats test suite
/// (github.com/growthbook/growthbook, packages/stats/tests/, read at commit 8f1db445), rounded there to 5 decimals.
/// </summary>
public sealed class AbTestTests
{
    private const int Decimals = 5;
    private static readonly MeanSummary ControlMeans = new(3407, 1396.87, 52377.9767);
    private static readonly MeanSummary TreatmentMeans = new(3461, 2422.7, 134698.29);

    private static void AssertResult(AbTestResult r, double expected, double lower, double upper, double se, double p)
    {
        Assert.True(r.HasResult, r.Problem);
        Assert.Equal(expected, Math.Round(r.Effect.Value, Decimals));
        Assert.Equal(lower, Math.Round(r.Effect.Lower, Decimals));
        Assert.Equal(upper, Math.Round(r.Effect.Upper, Decimals));
        Assert.Equal(se, Math.Round(r.StandardError, Decimals));
        Assert.Equal(p, Math.Round(r.PValue, Decimals));
    }

    [Fact] // frequentist/test_tests.py TestTwoSidedTTest.test_two_sided_ttest
    public void Means_Relative_MatchesGbstats() =>
        AssertResult(AbTest.Means(ControlMeans, TreatmentMeans, new AbTestOptions { Difference = EffectScale.Relative, Sequential = false, SequentialTuning = 5000, Alpha = 0.05 }),
            0.70732, -0.03526, 1.44989, 0.37879, 0.06191);

    [Fact] // test_two_sided_ttest_absolute
    public void Means_Absolute_MatchesGbstats() =>
        AssertResult(AbTest.Means(ControlMeans, TreatmentMeans, new AbTestOptions { Difference = EffectScale.Absolute }),
            0.29, 0.04538, 0.53462, 0.12478, 0.02016);

    [Fact] // test_two_sided_ttest_binom: ProportionStatistic(14, 28) vs (16, 30)
    public void Proportions_Relative_MatchesGbstats() =>
        AssertResult(AbTest.Proportions(14, 28, 16, 30, new AbTestOptions()), Math.Round((16 / 30.0 - 0.5) / 0.5, Decimals), -0.47767, 0.61101, 0.2717, 0.80707);

    [Fact] // TestSequentialTTest.test_sequential_test_runs (tuning 1,000, control n 3,000)
    public void Means_Sequential_MatchesGbstats() =>
        AssertResult(AbTest.Means(new MeanSummary(3000, 1396.87, 52377.9767), TreatmentMeans, new AbTestOptions { Sequential = true, SequentialTuning = 1000 }),
            0.50336, -0.55844, 1.56516, 0.33341, 1);

    [Fact] // test_sequential_test_runs_prop (default tuning 5,000)
    public void Proportions_Sequential_MatchesGbstats() =>
        AssertResult(AbTest.Proportions(1396, 3000, 2422, 3461, new AbTestOptions { Sequential = true }), 0.50386, 0.40098, 0.60675, 0.03386, 0);

    [Fact] // test_sequential_test_runs_ra: CUPED with pre-period sums and sum of products 1
    public void Means_SequentialCuped_MatchesGbstats()
    {
        var control = new AdjustedMeanSummary(new MeanSummary(3000, 1396.87, 52377.9767), new MeanSummary(3000, 16.87, 527.9767), 1);
        var treatment = new AdjustedMeanSummary(new MeanSummary(3461, 2422.7, 134698.29), new MeanSummary(3461, 22.7, 1348.29), 1);
        AbTestResult r = AbTest.Means(control, treatment, new AbTestOptions { Sequential = true });
        AssertResult(r, 0.50338, -0.50969, 1.51646, 0.33341, 1);
        Assert.NotEqual(0, r.AdjustmentTheta);
    }

    [Fact] // test_gbstats.py test_srm: check_srm([1000, 1200], [0.5, 0.5]) rounded to 9 decimals
    public void SampleRatioMismatch_MatchesGbstats()
    {
        Assert.Equal(0.000020079, Math.Round(AbTest.SampleRatioMismatch(1000, 1200, 0.5), 9));
        Assert.Equal(1, AbTest.SampleRatioMismatch(0, 0, 0.3));
        // The control/treatment order matters only through the share: 1,200 of 2,200 against 50 % either way.
        Assert.Equal(AbTest.SampleRatioMismatch(1000, 1200, 0.5), AbTest.SampleRatioMismatch(1200, 1000, 0.5), 12);
    }

    // GrowthBook's power calculator tests (packages/shared/test/power.test.ts): a mean metric of 10 with variance
    // 3909.9997749994377, a 5 % lift, 400,000 users over 3 variations (133,333 per arm), α 0.05, two-tailed.
    private static readonly ExperimentPlan GrowthBookPlan = ExperimentPlan.ForMean(10, Math.Sqrt(3909.9997749994377), 0.05);

    [Fact]
    public void Power_MatchesGrowthBook()
    {
        Assert.Equal(0.52144, Math.Round(AbTest.Power(GrowthBookPlan, 133_333), Decimals));
        Assert.Equal(0.20596, Math.Round(AbTest.Power(GrowthBookPlan with { Sequential = true }, 133_333), Decimals));
    }

    [Fact]
    public void DetectableEffect_MatchesGrowthBook()
    {
        Assert.Equal(0.07027, Math.Round(AbTest.DetectableEffect(GrowthBookPlan, 133_333), Decimals));
        Assert.Equal(0.12821, Math.Round(AbTest.DetectableEffect(GrowthBookPlan with { Sequential = true }, 133_333), Decimals));
    }

    [Fact]
    public void UsersPerArm_IsTheFewestThatReachThePower()
    {
        // Textbook check: a standardised effect of 0.5 (mean 1, sd 1… as a relative lift of 0.5 on a mean of 1 with sd 1)
        // needs about 2(z₀.₉₇₅ + z₀.₈)²/0.5² ≈ 63 per arm by the absolute formula; the relative (delta-method) variance
        // adds the treatment's (1 + lift)² term, so the planner needs more. Whatever it returns must be the boundary.
        foreach (ExperimentPlan plan in new[] { ExperimentPlan.ForProportion(0.1, 0.1), ExperimentPlan.ForMean(1, 1, 0.5), GrowthBookPlan, GrowthBookPlan with { Sequential = true, Power = 0.9 } })
        {
            long n = AbTest.UsersPerArm(plan);
            Assert.True(AbTest.Power(plan, n) >= plan.Power, $"{plan}: power at {n}");
            Assert.True(n == 2 || AbTest.Power(plan, n - 1) < plan.Power, $"{plan}: power at {n - 1}");
        }
    }

    [Fact]
    public void Means_ZeroVariance_HasNoResultAndSaysWhy()
    {
        AbTestResult r = AbTest.Means(new MeanSummary(100, 100, 100), TreatmentMeans); // every control user has the value 1
        Assert.False(r.HasResult);
        Assert.Contains("variance", r.Problem, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => r.Effect);
        Assert.Throws<InvalidOperationException>(() => r.PValue);
        Assert.False(r.IsSignificant);
        Assert.Contains("no relative effect", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Means_ControlMeanZero_RelativeHasNoResult_AbsoluteHasOne()
    {
        var control = MeanSummary.Of([-1, 1, -2, 2]);
        var treatment = MeanSummary.Of([0, 1, 2, 3]);
        Assert.Contains("control mean is 0", AbTest.Means(control, treatment).Problem, StringComparison.Ordinal);
        Assert.True(AbTest.Means(control, treatment, new AbTestOptions { Difference = EffectScale.Absolute }).HasResult);
        Assert.Contains("control mean is 0", AbTest.Means(control, control).Problem, StringComparison.Ordinal); // both means 0: still the mean, not "no variance"
    }

    [Fact]
    public void BadInput_IsRefusedNamingTheField()
    {
        Assert.Equal("SumOfSquares", Assert.Throws<ArgumentOutOfRangeException>(() => new MeanSummary(10, 5, -1)).ParamName);
        // gbstats' own "missing variance" case (n 2, Σx 1396.87, Σx² 52377.98) is impossible data: Σx² < (Σx)²/n.
        Assert.Equal("SumOfSquares", Assert.Throws<ArgumentOutOfRangeException>(() => new MeanSummary(2, 1396.87, 52377.9767)).ParamName);
        Assert.Equal("Count", Assert.Throws<ArgumentOutOfRangeException>(() => new MeanSummary(-1, 0, 0)).ParamName);
        Assert.Equal("control", Assert.Throws<ArgumentException>(() => AbTest.Means(default, TreatmentMeans)).ParamName);
        Assert.Equal("treatmentUsers", Assert.Throws<ArgumentOutOfRangeException>(() => AbTest.Proportions(1, 10, 0, 0)).ParamName);
        Assert.Equal("controlConversions", Assert.Throws<ArgumentOutOfRangeException>(() => AbTest.Proportions(11, 10, 0, 5)).ParamName);
        Assert.Equal("expectedControlShare", Assert.Throws<ArgumentOutOfRangeException>(() => AbTest.SampleRatioMismatch(1, 1, 1)).ParamName);
        var ex = Assert.Throws<InvalidOptionsException>(() => AbTest.Means(ControlMeans, TreatmentMeans, new AbTestOptions { Alpha = 0, SequentialTuning = -1 }));
        Assert.Contains("Alpha", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SequentialTuning", ex.Message, StringComparison.Ordinal);
        var cuped = new AdjustedMeanSummary(ControlMeans, new MeanSummary(10, 1, 1), 0);
        Assert.Equal("control", Assert.Throws<ArgumentException>(() => AbTest.Means(cuped, cuped)).ParamName);
    }
}
