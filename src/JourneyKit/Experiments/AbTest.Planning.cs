using MathNet.Numerics.Distributions;

namespace JourneyKit.Experiments;

public static partial class AbTest
{
    private const long MaxPlannedUsers = 1L << 40;

    /// <summary>
    /// Gets the power of a planned two-arm experiment: the probability that a real lift of the plan's size comes out
    /// significant (two-sided z test on the delta-method relative effect, as GrowthBook's power calculator; with
    /// <see cref="ExperimentPlan.Sequential"/>, the sequential standard error it uses).
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="usersPerArm">Users in each arm. Range: ≥ 2.</param>
    /// <returns>The power, in (0, 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="usersPerArm"/> is below 2.</exception>
    /// <exception cref="InvalidOptionsException">The plan's settings are invalid.</exception>
    public static double Power(ExperimentPlan plan, long usersPerArm)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(usersPerArm, 2);
        double m = plan.BaselineMean, v = plan.StandardDeviation * plan.StandardDeviation, lift = plan.MinimumDetectableEffect;
        double n = usersPerArm;
        double relativeVariance = (v / (m * m * n)) + (v * Math.Pow(m * (1 + lift), 2) / (Math.Pow(m, 4) * n));
        if (plan.Sequential)
        {
            relativeVariance = SequentialVariance(relativeVariance, 2 * n, plan.Alpha, plan.SequentialTuning);
        }

        double z = Normal.InvCDF(0, 1, 1 - (plan.Alpha / 2));
        double standardized = lift / Math.Sqrt(relativeVariance);
        return 1 - Normal.CDF(0, 1, z - standardized) + Normal.CDF(0, 1, -z - standardized);
    }

    /// <summary>Gets the fewest users per arm at which the plan reaches its <see cref="ExperimentPlan.Power"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>Users per arm.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">The plan's settings are invalid.</exception>
    /// <exception cref="InvalidOperationException">Even 2⁴⁰ users per arm would not reach the power.</exception>
    public static long UsersPerArm(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        long hi = 2;
        while (Power(plan, hi) < plan.Power)
        {
            if (hi >= MaxPlannedUsers)
            {
                throw new InvalidOperationException($"Even {MaxPlannedUsers:N0} users per arm do not reach a power of {plan.Power}: the lift is too small for the metric's variance.");
            }

            hi *= 2;
        }

        long lo = hi / 2; // Power(lo) < target, or lo = 1
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (Power(plan, Math.Max(mid, 2)) >= plan.Power)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>
    /// Gets the smallest relative lift the experiment detects with the plan's power at a given size (GrowthBook's
    /// <c>findMdeFrequentist</c>: the positive root of the power equation, its lower tail neglected); the plan's own
    /// <see cref="ExperimentPlan.MinimumDetectableEffect"/> is not used.
    /// </summary>
    /// <param name="plan">The plan (baseline, deviation, power, α, sequential).</param>
    /// <param name="usersPerArm">Users in each arm. Range: ≥ 2.</param>
    /// <returns>The relative lift, or NaN when no lift is detectable at this size (too few users for the metric's variance).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="usersPerArm"/> is below 2.</exception>
    /// <exception cref="InvalidOptionsException">The plan's settings are invalid.</exception>
    public static double DetectableEffect(ExperimentPlan plan, long usersPerArm)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(usersPerArm, 2);
        double n = usersPerArm, m = plan.BaselineMean;
        double z = Normal.InvCDF(0, 1, 1 - (0.5 * plan.Alpha)) - Normal.InvCDF(0, 1, 1 - plan.Power);
        double v = plan.StandardDeviation * plan.StandardDeviation;
        if (plan.Sequential)
        {
            v = SequentialVariance(v, 2 * n, plan.Alpha, plan.SequentialTuning);
        }

        if (n <= v * z * z / (m * m))
        {
            return double.NaN;
        }

        double sigma2 = v / n;
        double a = 1 - (z * z * sigma2 / (m * m)), b = -2 * m, c = (m * m) - (z * z * sigma2);
        double root = (-b + Math.Sqrt((b * b) - (4 * a * c))) / (2 * a);
        return (root - m) / m;
    }

    /// <summary>A variance inflated to the sequential test's width at total size n (GrowthBook's <c>sequentialPowerSequentialVariance</c>).</summary>
    private static double SequentialVariance(double variance, double n, double alpha, double tuning)
    {
        double rho = SequentialRho(alpha, tuning);
        double nr2 = n * rho * rho;
        double discriminant = 2 * (nr2 + 1) * Math.Log(Math.Sqrt(nr2 + 1) / alpha) / (n * n * rho * rho);
        double z = Normal.InvCDF(0, 1, 1 - (0.5 * alpha));
        return variance * n * discriminant / (z * z);
    }
}
