using System.Collections.ObjectModel;
using System.Globalization;
using JourneyKit.Events;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Metrics;

/// <summary>Net Promoter Score calculators.</summary>
public static class NetPromoterScore
{
    /// <summary>Computes the NPS of 0–10 ratings.</summary>
    /// <param name="ratings">The ratings. Range: 0..10 each.</param>
    /// <returns>The result; its score is NaN when there are no ratings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is outside 0–10; the message gives its position.</exception>
    public static NpsResult FromRatings(IEnumerable<int> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        long promoters = 0, passives = 0, detractors = 0, position = 0;
        foreach (int rating in ratings)
        {
            Classify(rating, position++, ref promoters, ref passives, ref detractors);
        }

        return new NpsResult(promoters, passives, detractors);
    }

    /// <summary>Computes the NPS of 0–10 ratings held in a span (the fast path: one counting pass).</summary>
    /// <param name="ratings">The ratings. Range: 0..10 each.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rating is outside 0–10; the message gives its position.</exception>
    public static NpsResult FromRatings(ReadOnlySpan<int> ratings)
    {
        Span<long> bins = stackalloc long[11];
        for (int i = 0; i < ratings.Length; i++)
        {
            int r = ratings[i];
            if ((uint)r > 10)
            {
                throw OutOfRange(r, i);
            }

            bins[r]++;
        }

        long detractors = 0;
        for (int r = 0; r <= 6; r++)
        {
            detractors += bins[r];
        }

        return new NpsResult(bins[9] + bins[10], bins[7] + bins[8], detractors);
    }

    /// <summary>Computes the NPS of ratings given as numbers, which must be whole numbers from 0 to 10.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is not a whole number in 0–10; the message gives its position.</exception>
    public static NpsResult FromScores(IEnumerable<double> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        long promoters = 0, passives = 0, detractors = 0, position = 0;
        foreach (double rating in ratings)
        {
            if (!double.IsFinite(rating) || rating != Math.Floor(rating) || rating < 0 || rating > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), rating,
                    string.Create(CultureInfo.InvariantCulture, $"Rating at position {position} is {rating}; NPS ratings are whole numbers from 0 to 10."));
            }

            Classify((int)rating, position++, ref promoters, ref passives, ref detractors);
        }

        return new NpsResult(promoters, passives, detractors);
    }

    /// <summary>Computes the NPS from counts.</summary>
    /// <param name="promoters">Promoters. Range: ≥ 0.</param>
    /// <param name="passives">Passives. Range: ≥ 0.</param>
    /// <param name="detractors">Detractors. Range: ≥ 0.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the counts add up to more than <see cref="long.MaxValue"/>.</exception>
    public static NpsResult FromCounts(long promoters, long passives, long detractors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promoters);
        ArgumentOutOfRangeException.ThrowIfNegative(passives);
        ArgumentOutOfRangeException.ThrowIfNegative(detractors);
        if (promoters > long.MaxValue - passives || promoters + passives > long.MaxValue - detractors)
        {
            throw new ArgumentOutOfRangeException(nameof(promoters), promoters,
                string.Create(CultureInfo.InvariantCulture, $"The counts {promoters}, {passives} and {detractors} add up to more than {long.MaxValue}."));
        }

        return new NpsResult(promoters, passives, detractors);
    }

    /// <summary>Tests whether two independent NPS values differ: z = (NPS₁ − NPS₂) / √(SE₁² + SE₂²).</summary>
    /// <param name="a">The first result.</param>
    /// <param name="b">The second result.</param>
    /// <returns>The difference, its standard error, z and the two-sided p-value (NaN when either has no responses).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NpsComparison TestDifference(NpsResult a, NpsResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double diff = a.Score - b.Score;
        double se = Math.Sqrt((a.StandardError * a.StandardError) + (b.StandardError * b.StandardError));
        double z = diff / se;
        return new NpsComparison(diff, se, z, double.IsNaN(z) ? double.NaN : 2 * (1 - Normal.CDF(0, 1, Math.Abs(z))));
    }

    /// <summary>
    /// Compares the NPS of several groups pairwise (two-sample z-tests), with p-values adjusted by Holm's method so that
    /// the chance of any false "significant" among all pairs stays at most <paramref name="alpha"/>.
    /// </summary>
    /// <param name="groups">The groups (at least two), for example the result of <see cref="BySegment"/>.</param>
    /// <param name="alpha">The family-wise significance level. Range: 0 &lt; α &lt; 1. Default 0.05.</param>
    /// <returns>Every pair, smallest adjusted p-value first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two groups.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public static NpsGroupComparison TestDifferences(IReadOnlyDictionary<string, NpsResult> groups, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The significance level must lie strictly between 0 and 1.");
        }

        var keys = groups.Keys.ToList();
        if (keys.Count < 2)
        {
            throw new ArgumentException("Comparing groups needs at least two.", nameof(groups));
        }

        var tests = new List<(string A, string B, NpsComparison Test)>();
        for (int i = 0; i < keys.Count; i++)
        {
            for (int j = i + 1; j < keys.Count; j++)
            {
                tests.Add((keys[i], keys[j], TestDifference(groups[keys[i]], groups[keys[j]])));
            }
        }

        // Holm: sort by p; the k-th smallest (0-based) is multiplied by (m − k), made monotone, capped at 1.
        var ordered = tests.OrderBy(t => double.IsNaN(t.Test.PValue) ? 2 : t.Test.PValue).ToList();
        int m = ordered.Count;
        double running = 0;
        var pairs = new List<NpsPairComparison>(m);
        for (int k = 0; k < m; k++)
        {
            double p = ordered[k].Test.PValue;
            running = double.IsNaN(p) ? double.NaN : Math.Max(running, Math.Min(1, (m - k) * p));
            pairs.Add(new NpsPairComparison(ordered[k].A, ordered[k].B, ordered[k].Test, running, running <= alpha));
        }

        return new NpsGroupComparison(pairs.AsReadOnly(), alpha);
    }

    /// <summary>Computes the NPS of the log's feedback per step (touchpoint, stage or channel); events without feedback are skipped.</summary>
    /// <param name="log">The log; feedback must be whole numbers 0–10.</param>
    /// <param name="level">The level of the steps.</param>
    /// <param name="counting">How repeated answers of one customer count: the latest per customer and group by default (say <see cref="NpsCounting.EveryResponse"/> to count every event).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The result per step with at least one response.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feedback score is not a whole number in 0–10; the message names the customer and event.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyDictionary<string, NpsResult> ByStep(EventLog log, PathLevel level, NpsCounting counting = NpsCounting.LatestPerCustomer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        var (ids, names) = LevelColumns.At(log, level);
        return Breakdown(log, (l, e) => LevelColumns.NameOf(ids, names, e), counting, cancellationToken);
    }

    /// <summary>
    /// Computes the NPS of the log's whole feedback: with the default counting, each customer's latest answer counts once
    /// (a customer who answered ten times is one voice).
    /// </summary>
    /// <param name="log">The log; feedback must be whole numbers 0–10.</param>
    /// <param name="counting">How repeated answers of one customer count. Default: the latest per customer.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The result; with no answers, a result of zero responses (its score NaN).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feedback score is not a whole number in 0–10.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static NpsResult FromLog(EventLog log, NpsCounting counting = NpsCounting.LatestPerCustomer, CancellationToken cancellationToken = default) =>
        Breakdown(log, static (_, _) => "all", counting, cancellationToken).TryGetValue("all", out NpsResult? all) ? all : new NpsResult(0, 0, 0, counting);

    /// <summary>
    /// Computes the NPS of the log's feedback per customer segment (for example a persona's segment). Customers without a
    /// segment are grouped under <c>(none)</c> (<see cref="CustomerAttributes.Missing"/>), as
    /// <see cref="CustomerAttributes.Breakdown{T}"/> groups them: nobody is left out unseen.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="segmentOf">The segment of a customer id; <see langword="null"/> or blank for none (grouped under <c>(none)</c>).</param>
    /// <param name="counting">How repeated answers of one customer count: the latest per customer and group by default (say <see cref="NpsCounting.EveryResponse"/> to count every event).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The result per segment.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feedback score is not a whole number in 0–10.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyDictionary<string, NpsResult> BySegment(EventLog log, Func<string, string?> segmentOf, NpsCounting counting = NpsCounting.LatestPerCustomer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(segmentOf);
        cancellationToken.ThrowIfCancellationRequested();
        var cache = new Dictionary<int, string?>();
        return Breakdown(log, (l, e) =>
        {
            int c = l.CustomerOf(e);
            if (!cache.TryGetValue(c, out string? segment))
            {
                string? given = segmentOf(l.CustomerIds[c]);
                cache[c] = segment = string.IsNullOrWhiteSpace(given) ? CustomerAttributes.Missing : given;
            }

            return segment;
        }, counting, cancellationToken);
    }

    /// <summary>Computes the NPS of the log's feedback per calendar month (UTC), keyed "yyyy-MM".</summary>
    /// <param name="log">The log.</param>
    /// <param name="counting">How repeated answers of one customer count: the latest per customer and group by default (say <see cref="NpsCounting.EveryResponse"/> to count every event).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The result per month.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feedback score is not a whole number in 0–10.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyDictionary<string, NpsResult> ByMonth(EventLog log, NpsCounting counting = NpsCounting.LatestPerCustomer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        return Breakdown(log, (l, e) => new DateTime(l.UtcTicks[e], DateTimeKind.Utc).ToString("yyyy-MM", CultureInfo.InvariantCulture), counting, cancellationToken);
    }

    /// <summary>Computes the NPS of the log's feedback grouped by any key of an event.</summary>
    /// <param name="log">The log.</param>
    /// <param name="keyOf">The group of an event (log, event index), or <see langword="null"/> to leave it out.</param>
    /// <param name="counting">How repeated answers of one customer count: the latest per customer and group by default (say <see cref="NpsCounting.EveryResponse"/> to count every event).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The result per group, ordered by key (ordinal).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A feedback score is not a whole number in 0–10.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyDictionary<string, NpsResult> Breakdown(EventLog log, Func<EventLog, int, string?> keyOf, NpsCounting counting = NpsCounting.LatestPerCustomer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(keyOf);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Enum.IsDefined(counting))
        {
            throw new ArgumentOutOfRangeException(nameof(counting), counting, "Unknown counting.");
        }

        // Per (group, customer): first, latest, sum and number of answers; events are in journey order.
        var perCustomer = new Dictionary<(string Key, int Customer), (double First, double Last, double Sum, int Count)>();
        var counts = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var feedback = log.Feedback;
        for (int e = 0; e < feedback.Length; e++)
        {
            if ((e & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double f = feedback[e];
            if (double.IsNaN(f))
            {
                continue;
            }

            if (f != Math.Floor(f) || f < 0 || f > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(log), f,
                    string.Create(CultureInfo.InvariantCulture, $"Feedback {f} of customer '{log.CustomerIds[log.CustomerOf(e)]}' (event {e}) is not an NPS rating (a whole number from 0 to 10)."));
            }

            if (keyOf(log, e) is not { } key)
            {
                continue;
            }

            if (counting == NpsCounting.EveryResponse)
            {
                Count(counts, key, f);
                continue;
            }

            var id = (key, log.CustomerOf(e));
            perCustomer[id] = perCustomer.TryGetValue(id, out var seen) ? (seen.First, f, seen.Sum + f, seen.Count + 1) : (f, f, f, 1);
        }

        foreach (var ((key, _), (first, last, sum, n)) in perCustomer)
        {
            Count(counts, key, counting switch { NpsCounting.FirstPerCustomer => first, NpsCounting.MeanPerCustomer => sum / n, _ => last });
        }

        return new ReadOnlyDictionary<string, NpsResult>(counts.ToDictionary(kv => kv.Key, kv => new NpsResult(kv.Value[0], kv.Value[1], kv.Value[2], counting), StringComparer.Ordinal));
    }

    private static void Count(SortedDictionary<string, long[]> counts, string key, double rating)
    {
        if (!counts.TryGetValue(key, out var c))
        {
            counts[key] = c = new long[3];
        }

        c[rating >= 9 ? 0 : rating >= 7 ? 1 : 2]++;
    }

    private static void Classify(int rating, long position, ref long promoters, ref long passives, ref long detractors)
    {
        switch (rating)
        {
            case >= 9 and <= 10:
                promoters++;
                break;
            case >= 7 and <= 8:
                passives++;
                break;
            case >= 0 and <= 6:
                detractors++;
                break;
            default:
                throw OutOfRange(rating, position);
        }
    }

    private static ArgumentOutOfRangeException OutOfRange(int rating, long position, string paramName = "ratings") =>
        new(paramName, rating, string.Create(CultureInfo.InvariantCulture, $"Rating at position {position} is {rating}; NPS ratings lie in 0–10."));
}
