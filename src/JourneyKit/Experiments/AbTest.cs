using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Experiments;

/// <summary>
/// A/B statistics with GrowthBook's conventions (its <c>gbstats</c> frequentist engine): the relative (default) or
/// absolute difference of means, Welch's t with Welch–Satterthwaite degrees of freedom for the interval and two-sided
/// p-value, the relative difference's variance by the delta method; optionally always-valid sequential intervals
/// (Waudby-Smith et al. 2023) and CUPED regression adjustment; the sample-ratio-mismatch test; and a planner.
/// </summary>
/// <remarks>
/// Where gbstats declines to test — an arm without variance, a control mean of 0 on the relative scale — the result has
/// no numbers and says why (<see cref="AbTestResult.Problem"/>). Invalid input (negative counts, conversions above users,
/// an arm with no users) is an argument error naming the arm.
/// </remarks>
public static partial class AbTest
{
    /// <summary>Compares the means of a metric between two arms.</summary>
    /// <param name="control">The control arm's summary.</param>
    /// <param name="treatment">The treatment arm's summary.</param>
    /// <param name="options">The test's settings, or <see langword="null"/> for the defaults (relative, fixed horizon, α = 0.05).</param>
    /// <returns>The result; see <see cref="AbTestResult.HasResult"/>.</returns>
    /// <exception cref="ArgumentException">An arm has no users.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> are invalid.</exception>
    public static AbTestResult Means(MeanSummary control, MeanSummary treatment, AbTestOptions? options = null)
    {
        options = Checked(options);
        CheckUsers(control.Count, nameof(control));
        CheckUsers(treatment.Count, nameof(treatment));
        return Compare(new Arm(control.Mean, control.Variance, control.Count, control.Mean), new Arm(treatment.Mean, treatment.Variance, treatment.Count, treatment.Mean), 0, null, options);
    }

    /// <summary>
    /// Compares the means of a metric between two arms with CUPED (regression adjustment on a pre-period covariate, as
    /// gbstats' <c>RegressionAdjustedStatistic</c>): θ = pooled covariance / pooled pre-period variance over both arms,
    /// each arm's mean adjusted by −θ × its pre-period mean; the relative effect divides by the control's unadjusted mean.
    /// Without pre-period variance θ is 0 and the test is the unadjusted one.
    /// </summary>
    /// <param name="control">The control arm.</param>
    /// <param name="treatment">The treatment arm.</param>
    /// <param name="options">The test's settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The result; <see cref="AbTestResult.AdjustmentTheta"/> holds θ.</returns>
    /// <exception cref="ArgumentNullException">An arm is null.</exception>
    /// <exception cref="ArgumentException">An arm has no users, or its metric and pre-period counts differ.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> are invalid.</exception>
    public static AbTestResult Means(AdjustedMeanSummary control, AdjustedMeanSummary treatment, AbTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        options = Checked(options);
        control.Check(nameof(control));
        treatment.Check(nameof(treatment));
        CheckUsers(control.Metric.Count, nameof(control));
        CheckUsers(treatment.Metric.Count, nameof(treatment));
        double theta = Theta(control, treatment);
        if (theta == 0)
        {
            return Means(control.Metric, treatment.Metric, options);
        }

        Arm a = Adjusted(control, theta), b = Adjusted(treatment, theta);
        double? relativeVariance = options.Difference == EffectScale.Relative ? RelativeCupedVariance(control, treatment, theta) : null;
        return Compare(a, b, theta, relativeVariance, options);
    }

    /// <summary>Compares conversion rates between two arms (gbstats' <c>ProportionStatistic</c>: variance p(1 − p)).</summary>
    /// <param name="controlConversions">Users of the control arm who converted. Range: 0 ≤ conversions ≤ users.</param>
    /// <param name="controlUsers">Users in the control arm. Range: ≥ 1.</param>
    /// <param name="treatmentConversions">Users of the treatment arm who converted. Range: 0 ≤ conversions ≤ users.</param>
    /// <param name="treatmentUsers">Users in the treatment arm. Range: ≥ 1.</param>
    /// <param name="options">The test's settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The result; an arm where all or none converted has no variance, and so no result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, conversions exceed users, or an arm has no users.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> are invalid.</exception>
    public static AbTestResult Proportions(long controlConversions, long controlUsers, long treatmentConversions, long treatmentUsers, AbTestOptions? options = null)
    {
        options = Checked(options);
        CheckProportion(controlConversions, controlUsers, nameof(controlConversions), nameof(controlUsers));
        CheckProportion(treatmentConversions, treatmentUsers, nameof(treatmentConversions), nameof(treatmentUsers));
        return Compare(ProportionArm(controlConversions, controlUsers), ProportionArm(treatmentConversions, treatmentUsers), 0, null, options);
    }

    /// <summary>
    /// Tests for a sample ratio mismatch: Pearson's chi-square (1 degree of freedom) of the users per arm against the
    /// planned split, as gbstats' <c>check_srm</c>. A small p-value (GrowthBook warns below 0.001) means the assignment or
    /// the tracking is broken and the arms' comparison cannot be trusted.
    /// </summary>
    /// <param name="controlUsers">Users in the control arm. Range: ≥ 0.</param>
    /// <param name="treatmentUsers">Users in the treatment arm. Range: ≥ 0.</param>
    /// <param name="expectedControlShare">The planned control share. Range: 0 &lt; share &lt; 1.</param>
    /// <returns>The p-value; 1 when there are no users at all (as gbstats).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the share is outside (0, 1).</exception>
    public static double SampleRatioMismatch(long controlUsers, long treatmentUsers, double expectedControlShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(controlUsers);
        ArgumentOutOfRangeException.ThrowIfNegative(treatmentUsers);
        if (!(expectedControlShare > 0 && expectedControlShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedControlShare), expectedControlShare, "The expected control share must lie strictly between 0 and 1.");
        }

        double total = (double)controlUsers + treatmentUsers;
        if (total == 0)
        {
            return 1;
        }

        double ec = expectedControlShare * total, et = (1 - expectedControlShare) * total;
        double x = ((controlUsers - ec) * (controlUsers - ec) / ec) + ((treatmentUsers - et) * (treatmentUsers - et) / et);
        return SpecialFunctions.GammaUpperRegularized(0.5, x / 2);
    }

    /// <summary>A result without numbers, for a comparison that cannot be made (an empty arm).</summary>
    internal static AbTestResult NoResult(AbTestOptions options, long controlUsers, long treatmentUsers, string problem) =>
        new(options, controlUsers, treatmentUsers, double.NaN, double.NaN, 0, default, double.NaN, double.NaN, double.NaN, problem);

    private readonly record struct Arm(double Mean, double Variance, long N, double UnadjustedMean);

    private static Arm ProportionArm(long conversions, long users)
    {
        double p = (double)conversions / users;
        return new Arm(p, p * (1 - p), users, p);
    }

    private static Arm Adjusted(AdjustedMeanSummary s, double theta)
    {
        double variance = s.Metric.Count <= 1 ? 0 : s.Metric.Variance + (theta * theta * s.PrePeriod.Variance) - (2 * theta * s.Covariance);
        return new Arm(s.Metric.Mean - (theta * s.PrePeriod.Mean), variance, s.Metric.Count, s.Metric.Mean);
    }

    /// <summary>θ from both arms pooled (gbstats' <c>compute_theta</c>); 0 when either pooled variance is 0.</summary>
    private static double Theta(AdjustedMeanSummary a, AdjustedMeanSummary b)
    {
        MeanSummary post = a.Metric.Add(b.Metric), pre = a.PrePeriod.Add(b.PrePeriod);
        if (pre.Variance == 0 || post.Variance == 0)
        {
            return 0;
        }

        long n = post.Count;
        double covariance = (a.SumOfProducts + b.SumOfProducts - (post.Sum * pre.Sum / n)) / (n - 1);
        return covariance / pre.Variance;
    }

    /// <summary>The delta-method variance of the relative CUPED effect (gbstats' <c>frequentist_variance_relative_cuped</c>).</summary>
    private static double RelativeCupedVariance(AdjustedMeanSummary a, AdjustedMeanSummary b, double theta)
    {
        double baseline = a.Metric.Mean;
        double denTreatment = b.Metric.Count * baseline * baseline, denControl = a.Metric.Count * baseline * baseline;
        if (denTreatment == 0 || denControl == 0)
        {
            return 0;
        }

        double vTreatment = (b.Metric.Variance + (theta * theta * b.PrePeriod.Variance) - (2 * theta * b.Covariance)) / denTreatment;
        double c = -b.Metric.Mean;
        double vControl = ((a.Metric.Variance * c * c / (baseline * baseline)) + (2 * theta * a.Covariance * c / baseline) + (theta * theta * a.PrePeriod.Variance)) / denControl;
        return vTreatment + vControl;
    }

    private static AbTestResult Compare(Arm a, Arm b, double theta, double? relativeVariance, AbTestOptions options)
    {
        bool relative = options.Difference == EffectScale.Relative;
        double variance = relativeVariance ?? (relative
            ? (b.Variance / b.N / (a.UnadjustedMean * a.UnadjustedMean)) + (a.Variance / a.N * b.UnadjustedMean * b.UnadjustedMean / Math.Pow(a.UnadjustedMean, 4))
            : (b.Variance / b.N) + (a.Variance / a.N));
        const string NoVariance = "zero or negative variance in an arm: every user has the same value, so there is nothing to test";
        string? problem =
            a.Variance <= 0 || b.Variance <= 0 ? NoVariance
            : relative && (a.Mean == 0 || a.UnadjustedMean == 0) ? "the control mean is 0, so a relative effect is undefined (use EffectScale.Absolute)"
            : !(variance > 0) ? NoVariance
            : null;
        if (problem is not null)
        {
            return new AbTestResult(options, a.N, b.N, a.UnadjustedMean, b.UnadjustedMean, theta, default, double.NaN, double.NaN, double.NaN, problem);
        }

        double estimate = relative ? (b.Mean - a.Mean) / Math.Abs(a.UnadjustedMean) : b.Mean - a.Mean;
        double se = Math.Sqrt(variance);
        double va = a.Variance / a.N, vb = b.Variance / b.N;
        double dof = (va + vb) * (va + vb) / ((vb * vb / (b.N - 1)) + (va * va / (a.N - 1)));
        double halfwidth, p;
        if (options.Sequential)
        {
            (halfwidth, p) = SequentialBounds(estimate, se, a.N + b.N, options);
        }
        else
        {
            halfwidth = StudentT.InvCDF(0, 1, dof, 1 - (options.Alpha / 2)) * se;
            p = 2 * StudentT.CDF(0, 1, dof, -Math.Abs(estimate / se));
        }

        var effect = new EffectEstimate(estimate, new Interval(estimate - halfwidth, estimate + halfwidth, 1 - options.Alpha));
        return new AbTestResult(options, a.N, b.N, a.UnadjustedMean, b.UnadjustedMean, theta, effect, se, p, dof, null);
    }

    /// <summary>
    /// The asymptotic confidence sequence of Waudby-Smith et al. (2023), eq. 9, with ρ from eq. 161 (tightest at the tuning
    /// sample size), and its always-valid p-value min(1, 1/e-value) (eq. 155) — gbstats' <c>SequentialTwoSidedTTest</c>.
    /// </summary>
    private static (double HalfWidth, double PValue) SequentialBounds(double estimate, double se, long n, AbTestOptions options)
    {
        double rho = SequentialRho(options.Alpha, options.SequentialTuning);
        double nr2 = n * rho * rho;
        double s2 = se * se * n;
        double halfwidth = Math.Sqrt(s2) * Math.Sqrt(2 * (nr2 + 1) * Math.Log(Math.Sqrt(nr2 + 1) / options.Alpha) / ((double)n * n * rho * rho));
        double st2 = estimate * estimate * n / (se * se);
        double eValue = Math.Exp(rho * rho * st2 / (2 * (nr2 + 1))) / Math.Sqrt(nr2 + 1);
        return (halfwidth, Math.Min(1 / eValue, 1));
    }

    private static double SequentialRho(double alpha, double tuning) =>
        Math.Sqrt(((-2 * Math.Log(alpha)) + Math.Log((-2 * Math.Log(alpha)) + 1)) / tuning);

    private static AbTestOptions Checked(AbTestOptions? options)
    {
        options ??= new AbTestOptions();
        options.Validate();
        return options;
    }

    private static void CheckUsers(long users, string paramName)
    {
        if (users < 1)
        {
            throw new ArgumentException($"The {paramName} arm has no users; an A/B test needs users in both arms.", paramName);
        }
    }

    private static void CheckProportion(long conversions, long users, string conversionsName, string usersName)
    {
        if (users < 1)
        {
            throw new ArgumentOutOfRangeException(usersName, users, "An arm needs at least one user.");
        }

        if (conversions < 0 || conversions > users)
        {
            throw new ArgumentOutOfRangeException(conversionsName, conversions, string.Create(CultureInfo.InvariantCulture, $"Conversions must lie in 0..{users:N0} (the arm's users)."));
        }
    }
}
