using System.Globalization;
using JourneyKit.Internal;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Metrics;

/// <summary>One subject of a survival analysis: how long it was observed and whether the event (churn) happened then.</summary>
/// <param name="Duration">The time observed (any unit, used consistently). Range: finite, ≥ 0.</param>
/// <param name="EventObserved"><see langword="true"/> when the event happened at <paramref name="Duration"/>; <see langword="false"/> when observation stopped then (right-censored).</param>
public readonly record struct SurvivalObservation(double Duration, bool EventObserved);

/// <summary>One step of a Kaplan–Meier curve.</summary>
/// <param name="Time">An event time.</param>
/// <param name="AtRisk">Subjects at risk just before it.</param>
/// <param name="Events">Events at it.</param>
/// <param name="Censored">Subjects censored at it (counted at risk, leaving after).</param>
/// <param name="Survival">S(t) from this time on.</param>
/// <param name="StandardError">Greenwood standard error of S(t).</param>
public sealed record SurvivalStep(double Time, long AtRisk, long Events, long Censored, double Survival, double StandardError)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"t = {Show.Number(Time)}: at risk {Show.Count(AtRisk)}, events {Show.Count(Events)}, censored {Show.Count(Censored)}, S = {Show.Percent(Survival)} (SE {Show.Number(StandardError)})";
}

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
    /// <returns>The bounds; (1, 1) before the first event; (0, 0) once S is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public (double Lower, double Upper) ConfidenceIntervalAt(double t, double level = 0.95)
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

/// <summary>The Kaplan–Meier estimator.</summary>
public static class KaplanMeier
{
    /// <summary>Fits the survival curve.</summary>
    /// <param name="observations">The subjects.</param>
    /// <returns>The curve; with no subjects, an empty curve with S = 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, NaN or infinite; the message gives its position.</exception>
    public static KaplanMeierCurve Fit(IEnumerable<SurvivalObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var data = Sorted(observations);
        var steps = new List<SurvivalStep>();
        var greenwood = new List<double>();
        long atRisk = data.Length;
        double s = 1, g = 0;
        for (int i = 0; i < data.Length;)
        {
            double t = data[i].Duration;
            long events = 0, censored = 0;
            while (i < data.Length && data[i].Duration == t)
            {
                if (data[i].EventObserved)
                {
                    events++;
                }
                else
                {
                    censored++;
                }

                i++;
            }

            if (events > 0)
            {
                s *= 1 - ((double)events / atRisk);
                g += atRisk == events ? 0 : events / ((double)atRisk * (atRisk - events));
            }

            steps.Add(new SurvivalStep(t, atRisk, events, censored, s, s * Math.Sqrt(g)));
            greenwood.Add(g);
            atRisk -= events + censored;
        }

        return new KaplanMeierCurve(steps.AsReadOnly(), [.. greenwood], data.Length);
    }

    internal static SurvivalObservation[] Sorted(IEnumerable<SurvivalObservation> observations)
    {
        var data = observations.ToArray();
        for (int i = 0; i < data.Length; i++)
        {
            if (!double.IsFinite(data[i].Duration) || data[i].Duration < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(observations), data[i].Duration,
                    string.Create(CultureInfo.InvariantCulture, $"Observation {i} has duration {data[i].Duration}; durations must be finite and non-negative."));
            }
        }

        var keys = data.Select(o => o.Duration).ToArray();
        Array.Sort(keys, data);
        return data;
    }
}

/// <summary>The result of a log-rank test.</summary>
/// <param name="ChiSquare">The test statistic (χ² with 1 degree of freedom).</param>
/// <param name="PValue">The p-value.</param>
/// <param name="ObservedA">Events observed in the first group.</param>
/// <param name="ExpectedA">Events expected in the first group under equal survival.</param>
public sealed record LogRankResult(double ChiSquare, double PValue, double ObservedA, double ExpectedA)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"log-rank χ² = {Show.Number(ChiSquare)}, p = {Show.Number(PValue)}{(PValue <= 0.05 ? " (curves differ at 5 %)" : " (no difference at 5 %)")}; group A observed {Show.Number(ObservedA)} vs expected {Show.Number(ExpectedA)} events";
}

/// <summary>The log-rank (Mantel–Cox) test for a difference between two survival curves.</summary>
public static class LogRank
{
    /// <summary>Tests whether two groups have the same survival.</summary>
    /// <param name="a">The first group.</param>
    /// <param name="b">The second group.</param>
    /// <returns>χ², p-value, observed and expected events of the first group.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is invalid.</exception>
    public static LogRankResult Test(IEnumerable<SurvivalObservation> a, IEnumerable<SurvivalObservation> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var groupA = KaplanMeier.Sorted(a);
        var groupB = KaplanMeier.Sorted(b);
        var all = groupA.Select(o => (o.Duration, o.EventObserved, InA: true))
            .Concat(groupB.Select(o => (o.Duration, o.EventObserved, InA: false)))
            .OrderBy(o => o.Duration)
            .ToArray();
        double nA = groupA.Length, nB = groupB.Length, observed = 0, expected = 0, variance = 0;
        for (int i = 0; i < all.Length;)
        {
            double t = all[i].Duration;
            double dA = 0, d = 0, leaveA = 0, leaveB = 0;
            while (i < all.Length && all[i].Duration == t)
            {
                if (all[i].EventObserved)
                {
                    d++;
                    dA += all[i].InA ? 1 : 0;
                }

                if (all[i].InA)
                {
                    leaveA++;
                }
                else
                {
                    leaveB++;
                }

                i++;
            }

            double n = nA + nB;
            if (d > 0 && n > 0)
            {
                observed += dA;
                expected += d * nA / n;
                variance += n > 1 ? d * (nA / n) * (nB / n) * (n - d) / (n - 1) : 0;
            }

            nA -= leaveA;
            nB -= leaveB;
        }

        double chi = variance > 0 ? (observed - expected) * (observed - expected) / variance : double.NaN;
        return new LogRankResult(chi, double.IsNaN(chi) ? double.NaN : 1 - ChiSquared.CDF(1, chi), observed, expected);
    }
}
