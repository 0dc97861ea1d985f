using JourneyKit.Internal;
using System.Globalization;

namespace JourneyKit.Metrics;

/// <summary>The Kaplan–Meier estimator.</summary>
public static class KaplanMeier
{
    /// <summary>Fits the survival curve.</summary>
    /// <param name="observations">The subjects.</param>
    /// <param name="cancellationToken">Cancels the fit (checked while the observations are read).</param>
    /// <returns>The curve; with no subjects, an empty curve with S = 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, NaN or infinite; the message gives its position.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static KaplanMeierCurve Fit(IEnumerable<SurvivalObservation> observations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var data = Sorted(observations.Checked(cancellationToken));
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
