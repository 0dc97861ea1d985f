using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Metrics;

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
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CohortRetention FromEventLog(EventLog log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        return FromActivity(log.Journeys.SelectMany(j => Enumerable.Range(j.Start, j.Count)
            .Select(e => (j.CustomerId, new DateTimeOffset(j.Log.UtcTicks[e], TimeSpan.Zero)))));
    }

    /// <inheritdoc/>
    public override string ToString() => $"Retention of {Show.Count(Cohorts.Count)} cohorts ({Show.Count(Sizes.Sum())} customers)";
}
