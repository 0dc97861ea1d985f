using JourneyKit.Internal;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Metrics;

/// <summary>
/// A Kaplan–Meier survival curve with right censoring: S(t) as a step function, Greenwood standard errors, log-log
/// confidence intervals, median survival and restricted mean survival time.
/// </summary>
public sealed class KaplanMeierCurve
{
    private readonly double[] _times;
    private readonly double[] _survival;
    private readonly double[] _greenwood; // Σ d / (n (n − d)) up to each time

    internal KaplanMeierCurve(IReadOnlyList<SurvivalStep> steps, double[] greenwood, long subjects)
    {
        Steps = steps;
        _times = steps.Select(s => s.Time).ToArray();
        _survival = steps.Select(s => s.Survival).ToArray();
        _greenwood = greenwood;
        Subjects = subjects;
    }

    /// <summary>Gets the steps at each distinct time with an event or censoring, ascending.</summary>
    public IReadOnlyList<SurvivalStep> Steps { get; }

    /// <summary>Gets the number of subjects.</summary>
    public long Subjects { get; }

    /// <summary>
    /// Gets the median survival: the smallest time t with S(t) ≤ 0.5 (so where S is exactly 0.5 over an interval, the
    /// start of that interval — the lifelines convention); +∞ when the curve never reaches 0.5.
    /// </summary>
    public double MedianSurvival
    {
        get
        {
            for (int i = 0; i < _survival.Length; i++)
            {
                if (_survival[i] <= 0.5 + 1e-12)
                {
                    return _times[i];
                }
            }

            return double.PositiveInfinity;
        }
    }

    /// <summary>Gets S(t), the probability of surviving beyond t (right-continuous step function).</summary>
    /// <param name="t">The time.</param>
    /// <returns>S(t) in [0, 1]; 1 before the first event; NaN for NaN.</returns>
    public double SurvivalAt(double t)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        int i = Array.BinarySearch(_times, t);
        i = i >= 0 ? i : ~i - 1;
        return i < 0 ? 1 : _survival[i];
    }

    /// <summary>Gets a confidence interval for S(t) on the log-log scale (Kalbfleisch–Prentice), which stays inside [0, 1].</summary>
    /// <param name="t">The time.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>The interval; [1, 1] before the first event; [0, 0] once S is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public Interval ConfidenceIntervalAt(double t, double level = 0.95) => Interval.Of(BoundsAt(t, level), level);

    private (double Lower, double Upper) BoundsAt(double t, double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");
        }

        int i = Array.BinarySearch(_times, t);
        i = i >= 0 ? i : ~i - 1;
        if (i < 0)
        {
            return (1, 1);
        }

        double s = _survival[i];
        if (s <= 0)
        {
            return (0, 0);
        }

        if (s >= 1 || _greenwood[i] == 0)
        {
            return (s, s);
        }

        double z = Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        double logS = Math.Log(s);
        double se = Math.Sqrt(_greenwood[i]) / Math.Abs(logS);
        double lower = Math.Pow(s, Math.Exp(z * se));
        double upper = Math.Pow(s, Math.Exp(-z * se));
        return (lower, upper);
    }

    /// <summary>Gets the restricted mean survival time up to <paramref name="tau"/>: the area under S(t) on [0, τ].</summary>
    /// <param name="tau">The horizon. Range: ≥ 0.</param>
    /// <returns>The RMST, in the unit of the durations.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative or NaN.</exception>
    public double RestrictedMeanSurvivalTime(double tau)
    {
        if (!(tau >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "The horizon must be non-negative.");
        }

        double area = 0, previousTime = 0, s = 1;
        for (int i = 0; i < _times.Length && _times[i] < tau; i++)
        {
            area += s * (_times[i] - previousTime);
            previousTime = _times[i];
            s = _survival[i];
        }

        return area + (s * (tau - previousTime));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Kaplan–Meier curve of {Show.Count(Subjects)} subjects, {Show.Count(Steps.Count)} event times, median survival {(double.IsPositiveInfinity(MedianSurvival) ? "not reached" : Show.Number(MedianSurvival))}";
}
