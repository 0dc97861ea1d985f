using JourneyKit.Events;

namespace JourneyKit.Metrics;

/// <summary>
/// Survival observations straight from an event log, one per customer, durations in days from the customer's first
/// event: time to an event of interest (a conversion, a purchase, a support call), or time until a customer falls
/// inactive. Feed them to <see cref="KaplanMeier.Fit"/>.
/// </summary>
public static class SurvivalData
{
    /// <summary>
    /// Time to the first event for which <paramref name="happened"/> holds: observed at it, or censored at
    /// <paramref name="observationEnd"/> for a customer it never happened to.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="happened">The event of interest (log, event index).</param>
    /// <param name="observationEnd">When observation ended; <see langword="null"/> for the log's latest event.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>One observation per customer, in the log's customer order; a customer whose first event is after the end is left out.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<SurvivalObservation> TimeTo(EventLog log, Func<EventLog, int, bool> happened, DateTimeOffset? observationEnd = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(happened);
        cancellationToken.ThrowIfCancellationRequested();
        long end = End(log, observationEnd);
        return PerCustomer(log, end, (from, to) =>
        {
            ReadOnlySpan<long> ticks = log.UtcTicks;
            int at = -1;
            for (int e = from; e < to && ticks[e] <= end; e++)
            {
                if (happened(log, e))
                {
                    at = e;
                    break;
                }
            }

            return new SurvivalObservation(Days((at >= 0 ? ticks[at] : end) - ticks[from]), at >= 0);
        }, cancellationToken);
    }

    /// <summary>Time to the first event with an outcome (time to convert, time to churn); see <see cref="TimeTo(EventLog, Func{EventLog, int, bool}, DateTimeOffset?, CancellationToken)"/>.</summary>
    /// <param name="log">The log.</param>
    /// <param name="outcome">The outcome: <see cref="EventOutcome.Conversion"/> or <see cref="EventOutcome.Churn"/>.</param>
    /// <param name="observationEnd">When observation ended; <see langword="null"/> for the log's latest event.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>One observation per customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is none or undefined.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<SurvivalObservation> TimeToOutcome(EventLog log, EventOutcome outcome, DateTimeOffset? observationEnd = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (outcome is not (EventOutcome.Conversion or EventOutcome.Churn))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "The outcome must be Conversion or Churn.");
        }

        return TimeTo(log, (l, e) => l.Outcomes[e] == outcome, observationEnd, cancellationToken);
    }

    /// <summary>
    /// Customer lifetime by inactivity: a customer is lost once <paramref name="inactivity"/> passes with no event of
    /// theirs — at their last event + <paramref name="inactivity"/>, when that is at or before
    /// <paramref name="observationEnd"/> (observed); otherwise still active, censored at the end. Measuring the loss at the
    /// moment it becomes known keeps one-time customers from a lifetime of 0 days (which made every median 0).
    /// </summary>
    /// <param name="log">The log (purchases, visits — any events that show a customer is active).</param>
    /// <param name="inactivity">How long without an event counts as lost. Range: &gt; 0.</param>
    /// <param name="observationEnd">When observation ended; <see langword="null"/> for the log's latest event.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>One observation per customer, in days from their first event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inactivity"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<SurvivalObservation> UntilInactive(EventLog log, TimeSpan inactivity, DateTimeOffset? observationEnd = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        if (inactivity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(inactivity), inactivity, "The inactivity window must be positive.");
        }

        long end = End(log, observationEnd);
        return PerCustomer(log, end, (from, to) =>
        {
            ReadOnlySpan<long> ticks = log.UtcTicks;
            int last = to - 1;
            while (ticks[last] > end)
            {
                last--;
            }

            long lostAt = ticks[last] + Math.Min(inactivity.Ticks, long.MaxValue - ticks[last]);
            bool lost = lostAt <= end;
            return new SurvivalObservation(Days((lost ? lostAt : end) - ticks[from]), lost);
        }, cancellationToken);
    }

    // One observation per customer whose first event is at or before the end, in the log's customer order.
    private static List<SurvivalObservation> PerCustomer(EventLog log, long end, Func<int, int, SurvivalObservation> observe, CancellationToken cancellationToken)
    {
        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        ReadOnlySpan<long> ticks = log.UtcTicks;
        var result = new List<SurvivalObservation>(log.CustomerCount);
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int from = offsets[c], to = offsets[c + 1];
            if (from != to && ticks[from] <= end)
            {
                result.Add(observe(from, to));
            }
        }

        return result;
    }

    private static long End(EventLog log, DateTimeOffset? observationEnd)
    {
        if (observationEnd is { } given)
        {
            return given.UtcTicks;
        }

        long latest = long.MinValue;
        foreach (long t in log.UtcTicks)
        {
            latest = Math.Max(latest, t);
        }

        return latest;
    }

    private static double Days(long ticks) => (double)ticks / TimeSpan.TicksPerDay;
}
