using System.Collections.ObjectModel;
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Metrics;

namespace JourneyKit.Sql;

public sealed partial class SqlEventSource
{
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Counts promoters, passives and detractors per step in the database, as <see cref="NetPromoterScore.ByStep"/> does.</summary>
    /// <param name="level">The step level whose labels key the scores.</param>
    /// <param name="counting">Which answers count when a customer answered several times at a step.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The scores by step, in ordinal key order; empty when the table has no feedback column or no answers.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="counting"/> is not defined.</exception>
    /// <exception cref="InvalidDataException">A feedback value is not a whole number from 0 to 10 (the message names the customer and the value).</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<IReadOnlyDictionary<string, NpsResult>> NpsAsync(PathLevel level, NpsCounting counting = NpsCounting.LatestPerCustomer, CancellationToken cancellationToken = default) =>
        NpsByAsync(Node(level), counting, cancellationToken, need: LevelNeed(level));

    /// <summary>Counts promoters, passives and detractors per value of any column of the table (a segment, a region, a product), as <see cref="NetPromoterScore.Breakdown"/> does; rows whose key is null or blank are left out (keys are trimmed, as labels are).</summary>
    /// <param name="keyColumn">The column whose values (as text) key the scores; quoted as an identifier.</param>
    /// <param name="counting">Which answers count when a customer answered several times under one key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The scores by key, in ordinal key order.</returns>
    /// <exception cref="ArgumentException"><paramref name="keyColumn"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="counting"/> is not defined.</exception>
    /// <exception cref="InvalidDataException">A feedback value is not a whole number from 0 to 10.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query (the column does not exist, for instance).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<IReadOnlyDictionary<string, NpsResult>> NpsByColumnAsync(string keyColumn, NpsCounting counting = NpsCounting.LatestPerCustomer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyColumn);
        return NpsByAsync("key_column", counting, cancellationToken, (TrimmedLabel(Dialect.QuoteIdentifier(keyColumn)), "key_column"));
    }

    private async Task<IReadOnlyDictionary<string, NpsResult>> NpsByAsync(string key, NpsCounting counting, CancellationToken cancellationToken, (string Expression, string Alias)? keyColumn = null, Need need = Need.None)
    {
        if (!Enum.IsDefined(counting))
        {
            throw new ArgumentOutOfRangeException(nameof(counting), counting, "Unknown counting.");
        }

        if (Table.FeedbackColumn is null)
        {
            return new ReadOnlyDictionary<string, NpsResult>(new Dictionary<string, NpsResult>());
        }

        string events = EventsSelect(need | Need.Feedback, keyColumn);
        string columns = $"c, t, {(Table.OrderColumn is null ? "" : "o, ")}tp, ch, st";
        string bad = $"""
            WITH ev AS ({events})
            SELECT c, fb FROM ev WHERE fb IS NOT NULL AND (fb <> FLOOR(fb) OR fb < 0 OR fb > 10) {Dialect.Limit(1)}
            """;
        if ((await QueryAsync(bad, [], cancellationToken).ConfigureAwait(false)).FirstOrDefault() is { } row)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Feedback {Double(row[1])} of customer '{Str(row[0])}' in column {Table.FeedbackColumn} is not an NPS rating (a whole number from 0 to 10)."));
        }

        string answers = counting switch
        {
            NpsCounting.EveryResponse => "SELECT k, fb FROM a",
            NpsCounting.MeanPerCustomer => "SELECT k, AVG(fb) AS fb FROM a GROUP BY k, c",
            _ => $"SELECT k, fb FROM (SELECT k, fb, ROW_NUMBER() OVER (PARTITION BY k, c ORDER BY {JourneyOrder(descending: counting == NpsCounting.LatestPerCustomer)}) AS rn FROM a) x WHERE rn = 1",
        };
        string sql = $"""
            WITH ev AS ({events}),
            a AS (SELECT {columns}, fb, {key} AS k FROM ev WHERE fb IS NOT NULL),
            r AS ({answers})
            SELECT k, SUM(CASE WHEN fb >= 9 THEN 1 ELSE 0 END), SUM(CASE WHEN fb >= 7 AND fb < 9 THEN 1 ELSE 0 END), SUM(CASE WHEN fb < 7 THEN 1 ELSE 0 END)
            FROM r WHERE k IS NOT NULL GROUP BY k
            """;
        var rows = await QueryAsync(sql, [], cancellationToken).ConfigureAwait(false);
        var result = new SortedDictionary<string, NpsResult>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            result[Str(r[0])] = new NpsResult(Long(r[1]), Long(r[2]), Long(r[3]), counting);
        }

        return new ReadOnlyDictionary<string, NpsResult>(result.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// Builds Kaplan–Meier input in the database: per customer, the time from the first event to the first event with
    /// <paramref name="outcome"/> (observed), or to <paramref name="observationEnd"/> when it never happened (censored).
    /// Pass the result to <see cref="KaplanMeier.Fit"/>.
    /// </summary>
    /// <param name="outcome">The outcome that ends the survival time (<see cref="EventOutcome.Conversion"/> for time to convert, <see cref="EventOutcome.Churn"/> for time to churn).</param>
    /// <param name="observationEnd">When observation ended; <see langword="null"/> for the latest event of the table (as the HTML report does).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One observation per customer, durations in days, in customer order (binary).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is <see cref="EventOutcome.None"/> or not defined.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<SurvivalObservation>> SurvivalAsync(EventOutcome outcome, DateTimeOffset? observationEnd = null, CancellationToken cancellationToken = default)
    {
        if (outcome is not (EventOutcome.Conversion or EventOutcome.Churn))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Survival ends at a conversion or a churn.");
        }

        string flag = outcome == EventOutcome.Conversion ? "conv" : "churn";
        string sql = $"""
            WITH ev AS ({EventsSelect(outcome == EventOutcome.Conversion ? Need.Conversion : Need.Churn)})
            SELECT c, MIN(t), MIN(CASE WHEN {flag} = 1 THEN t END), (SELECT MAX(t) FROM ev) FROM ev GROUP BY c ORDER BY {Dialect.Binary(Dialect.Text("c"))}
            """;
        var rows = await QueryAsync(sql, [], cancellationToken).ConfigureAwait(false);
        return rows.Select(r =>
        {
            long first = Long(r[1]) * 10;
            bool observed = r[2] is not null;
            long end = observed ? Long(r[2]) * 10 : observationEnd is { } e ? e.UtcTicks - DateTime.UnixEpoch.Ticks : Long(r[3]) * 10;
            return new SurvivalObservation(TimeSpan.FromTicks(Math.Max(0, end - first)).TotalDays, observed);
        }).ToList().AsReadOnly();
    }

    /// <summary>
    /// Summarises purchases per customer in the database for BG/NBD (<see cref="BgNbdModel.Fit(IEnumerable{RfmSummary}, CancellationToken)"/>),
    /// as <see cref="RfmSummary.FromTransactions"/> does: purchases are conversion events (or events at
    /// <paramref name="purchaseTouchpoint"/>), counted once per UTC calendar day.
    /// </summary>
    /// <param name="observationEnd">The last day of observation; later purchases are left out.</param>
    /// <param name="unit">The time unit of recency and age. Default one week.</param>
    /// <param name="purchaseTouchpoint">The touchpoint of a purchase, or <see langword="null"/> for conversion events.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Per customer with a purchase: (x, t_x, T), in ordinal customer order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not positive.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyDictionary<string, RfmSummary>> RfmAsync(DateOnly observationEnd, TimeSpan? unit = null, string? purchaseTouchpoint = null, CancellationToken cancellationToken = default)
    {
        double days = (unit ?? TimeSpan.FromDays(7)).TotalDays;
        if (!(days > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "The time unit must be positive.");
        }

        var parameters = new List<object> { (long)(observationEnd.DayNumber - EpochDayNumber) };
        string purchase = purchaseTouchpoint is null ? "conv = 1" : $"tp = {Dialect.Parameter(1)}";
        if (purchaseTouchpoint is not null)
        {
            parameters.Add(purchaseTouchpoint);
        }

        string sql = $"""
            WITH ev AS ({EventsSelect(Need.Conversion)}),
            d AS (SELECT c, CAST(FLOOR(t / 86400000000.0) AS BIGINT) AS day FROM ev WHERE {purchase})
            SELECT c, COUNT(DISTINCT day), MIN(day), MAX(day) FROM d WHERE day <= {Dialect.Parameter(0)} GROUP BY c
            """;
        var rows = await QueryAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        var result = new SortedDictionary<string, RfmSummary>(StringComparer.Ordinal);
        long end = observationEnd.DayNumber - EpochDayNumber;
        foreach (var r in rows)
        {
            long first = Long(r[2]), last = Long(r[3]);
            result[Str(r[0])] = new RfmSummary(Long(r[1]) - 1, (last - first) / days, (end - first) / days);
        }

        return result.AsReadOnly();
    }
}
