using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>Customer satisfaction (CSAT) and customer effort (CES) scores.</summary>
public static class SatisfactionScores
{
    /// <summary>CSAT: the share of top-2-box answers (4 or 5) on a 1–5 scale, with a Wilson score interval.</summary>
    /// <param name="ratings">Whole-number ratings. Range: 1..5.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>The share and interval; NaN values without responses.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is outside 1–5 or the level is invalid; the message gives the position.</exception>
    public static Estimate Csat(IEnumerable<int> ratings, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        long n = 0, top = 0;
        foreach (int r in ratings)
        {
            if (r is < 1 or > 5)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), r, string.Create(CultureInfo.InvariantCulture, $"CSAT rating at position {n} is {r}; ratings lie in 1–5."));
            }

            n++;
            top += r >= 4 ? 1 : 0;
        }

        Stats.ConfidenceLevel(level, nameof(level));
        return new Estimate(n == 0 ? double.NaN : (double)top / n, Interval.Of(Stats.Wilson(top, n, level), level), n);
    }

    /// <summary>CES: the mean effort on a 1–7 scale, with a Student-t interval.</summary>
    /// <param name="ratings">Whole-number ratings. Range: 1..7.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>The mean and interval; NaN without responses, and NaN bounds with a single response.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is outside 1–7 or the level is invalid; the message gives the position.</exception>
    public static Estimate Ces(IEnumerable<int> ratings, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        Stats.ConfidenceLevel(level, nameof(level));
        long n = 0;
        double mean = 0, m2 = 0;
        foreach (int r in ratings)
        {
            if (r is < 1 or > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), r, string.Create(CultureInfo.InvariantCulture, $"CES rating at position {n} is {r}; ratings lie in 1–7."));
            }

            // Welford's update.
            n++;
            double delta = r - mean;
            mean += delta / n;
            m2 += delta * (r - mean);
        }

        if (n == 0)
        {
            return new Estimate(double.NaN, new Interval(double.NaN, double.NaN, level), 0);
        }

        return new Estimate(mean, Interval.Of(Stats.MeanInterval(mean, m2, n, level), level), n);
    }
}
