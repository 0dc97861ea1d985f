using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;
using JourneyKit.Paths;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Metrics;

/// <summary>A proportion or mean with its confidence interval.</summary>
/// <param name="Value">The estimate (a share in [0, 1] for CSAT, a mean for CES); NaN without responses.</param>
/// <param name="Lower">Lower bound of the confidence interval.</param>
/// <param name="Upper">Upper bound of the confidence interval.</param>
/// <param name="Responses">The number of responses.</param>
public sealed record Estimate(double Value, double Lower, double Upper, long Responses)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Number(Value)} [{Show.Number(Lower)}, {Show.Number(Upper)}] (n = {Show.Count(Responses)})";
}

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

        var (lo, hi) = Stats.Wilson(top, n, Stats.Level(level, nameof(level)));
        return new Estimate(n == 0 ? double.NaN : (double)top / n, lo, hi, n);
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
        Stats.Level(level, nameof(level));
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
            return new Estimate(double.NaN, double.NaN, double.NaN, 0);
        }

        if (n == 1)
        {
            return new Estimate(mean, double.NaN, double.NaN, 1);
        }

        double se = Math.Sqrt(m2 / (n - 1) / n);
        double t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - level) / 2));
        return new Estimate(mean, mean - (t * se), mean + (t * se), n);
    }
}

/// <summary>The observed emotion at a touchpoint next to the designed one.</summary>
/// <param name="StageId">The touchpoint's stage.</param>
/// <param name="TouchpointId">The touchpoint.</param>
/// <param name="Designed">The emotion designed in the map, or <see langword="null"/> when not mapped.</param>
/// <param name="Observed">Mean feedback mapped onto the −2..+2 scale.</param>
/// <param name="Responses">The number of feedback scores behind it.</param>
public sealed record EmotionGap(string StageId, string TouchpointId, Emotion? Designed, Emotion Observed, long Responses)
{
    /// <summary>Gets observed − designed on the −2..+2 scale (negative: worse than designed); NaN when nothing is designed.</summary>
    public double Gap => Designed is { } d ? Observed.Value - d.Value : double.NaN;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TouchpointId} ({StageId}): observed {Show.Number(Observed.Value)}" + (Designed is { } d ? $" vs designed {Show.Number(d.Value)}, gap {Show.Number(Gap)}" : "") + $" (n = {Show.Count(Responses)})";
}

/// <summary>The observed emotion curve: feedback per touchpoint on the journey map's emotion scale, against the design.</summary>
public static class ObservedEmotions
{
    /// <summary>
    /// Maps the mean feedback at each touchpoint onto the −2..+2 emotion scale (linearly from the feedback scale) and puts
    /// it next to the designed emotion, in journey order.
    /// </summary>
    /// <param name="log">The log, built with a map.</param>
    /// <param name="scaleMinimum">The lowest feedback score (0 for NPS, 1 for CSAT).</param>
    /// <param name="scaleMaximum">The highest feedback score (10 for NPS, 5 for CSAT).</param>
    /// <returns>One gap per touchpoint with feedback, in journey order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is empty, or a feedback score lies outside it.</exception>
    public static IReadOnlyList<EmotionGap> Compare(EventLog log, double scaleMinimum = 0, double scaleMaximum = 10)
    {
        ArgumentNullException.ThrowIfNull(log);
        var map = log.Map ?? throw new InvalidOperationException("The observed emotion curve needs the map's touchpoints: build the log with new EventLogBuilder(map).");
        var sums = new double[log.TouchpointNames.Count];
        var counts = new long[sums.Length];
        var feedback = log.Feedback;
        var touchpoints = log.TouchpointIds;
        for (int e = 0; e < feedback.Length; e++)
        {
            if (!double.IsNaN(feedback[e]))
            {
                sums[touchpoints[e]] += feedback[e];
                counts[touchpoints[e]]++;
            }
        }

        var gaps = new List<EmotionGap>();
        foreach (Stage stage in map.Stages)
        {
            foreach (Touchpoint tp in map.TouchpointsIn(stage.Id))
            {
                int id = log.TouchpointNames.ToList().IndexOf(tp.Id);
                if (id >= 0 && counts[id] > 0)
                {
                    var observed = Emotion.FromScale(sums[id] / counts[id], scaleMinimum, scaleMaximum);
                    gaps.Add(new EmotionGap(stage.Id, tp.Id, tp.Emotion, observed, counts[id]));
                }
            }
        }

        return gaps.AsReadOnly();
    }
}

/// <summary>Churn rates and cohort retention.</summary>
public static class Churn
{
    /// <summary>The period churn rate: customers lost during the period / customers at its start, with a Wilson interval.</summary>
    /// <param name="customersAtStart">Customers at the start of the period. Range: ≥ 0.</param>
    /// <param name="customersLost">Customers lost during the period. Range: 0..customersAtStart.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>The rate and interval; NaN when there were no customers.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or more were lost than there were.</exception>
    public static Estimate PeriodRate(long customersAtStart, long customersLost, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customersAtStart);
        ArgumentOutOfRangeException.ThrowIfNegative(customersLost);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customersLost, customersAtStart);
        var (lo, hi) = Stats.Wilson(customersLost, customersAtStart, level);
        return new Estimate(customersAtStart == 0 ? double.NaN : (double)customersLost / customersAtStart, lo, hi, customersAtStart);
    }
}

/// <summary>
/// A cohort retention matrix: customers grouped by the month of their first activity, and the share of each cohort
/// active in each later month. Months after the end of the data are not observed — reported as <see langword="null"/>,
/// never as 0.
/// </summary>
public sealed class CohortRetention
{
    private CohortRetention(IReadOnlyList<string> cohorts, IReadOnlyList<long> sizes, double?[][] retention)
    {
        Cohorts = cohorts;
        Sizes = sizes;
        Retention = retention;
    }

    /// <summary>Gets the cohorts ("yyyy-MM", UTC) in time order.</summary>
    public IReadOnlyList<string> Cohorts { get; }

    /// <summary>Gets the number of customers in each cohort.</summary>
    public IReadOnlyList<long> Sizes { get; }

    /// <summary>Gets, per cohort, the share active in month k after the first (k = 0 is 1); <see langword="null"/> where not yet observed.</summary>
    public IReadOnlyList<IReadOnlyList<double?>> Retention { get; }

    /// <summary>Builds the matrix from customer activity.</summary>
    /// <param name="activity">(customer id, instant) pairs in any order.</param>
    /// <returns>The matrix; observation ends with the month of the latest activity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> is null.</exception>
    public static CohortRetention FromActivity(IEnumerable<(string CustomerId, DateTimeOffset Time)> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var months = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        int last = int.MinValue;
        foreach (var (customer, time) in activity)
        {
            var utc = time.UtcDateTime;
            int month = (utc.Year * 12) + utc.Month - 1;
            last = Math.Max(last, month);
            if (!months.TryGetValue(customer, out var set))
            {
                months[customer] = set = [];
            }

            set.Add(month);
        }

        var cohorts = months.Values.GroupBy(s => s.Min).OrderBy(g => g.Key).ToList();
        var names = cohorts.Select(g => $"{g.Key / 12:D4}-{(g.Key % 12) + 1:D2}").ToList();
        var sizes = cohorts.Select(g => (long)g.Count()).ToList();
        var retention = cohorts.Select(g =>
        {
            int span = last - g.Key;
            return Enumerable.Range(0, span + 1 + Math.Max(0, (last - cohorts[0].Key) - span))
                .Select(k => k <= span ? (double?)g.Count(s => s.Contains(g.Key + k)) / g.Count() : null)
                .ToArray();
        }).ToArray();
        return new CohortRetention(names.AsReadOnly(), sizes.AsReadOnly(), retention);
    }

    /// <summary>Builds the matrix from an event log's activity.</summary>
    /// <param name="log">The log.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public static CohortRetention FromEventLog(EventLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return FromActivity(log.Journeys.SelectMany(j => Enumerable.Range(j.Start, j.Count)
            .Select(e => (j.CustomerId, new DateTimeOffset(j.Log.UtcTicks[e], TimeSpan.Zero)))));
    }

    /// <inheritdoc/>
    public override string ToString() => $"Retention of {Show.Count(Cohorts.Count)} cohorts ({Show.Count(Sizes.Sum())} customers)";
}
