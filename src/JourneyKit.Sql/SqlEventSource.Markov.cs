using JourneyKit.Events;
using JourneyKit.Markov;

namespace JourneyKit.Sql;

public sealed partial class SqlEventSource
{
    /// <summary>
    /// Counts first-order transitions between steps in the database, with the same start and end states, repeat
    /// collapsing, absorbing states and conversion state as <see cref="MarkovChain.FromEventLog"/>; every Markov analysis
    /// then runs on <see cref="TransitionCounts.ToChain"/> as today.
    /// </summary>
    /// <param name="level">The level of the states (stage, touchpoint or channel).</param>
    /// <param name="options">Estimation options; <see cref="MarkovEstimationOptions.Order"/> must be 1.</param>
    /// <param name="conversionState">When set, a conversion event moves the journey into this absorbing state (and ends it there).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The counts, equal to those behind <see cref="MarkovChain.FromEventLog"/> over the same events; states in ordinal order, then the added states.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or an added state's name is also a step of the table.</exception>
    /// <exception cref="NotSupportedException"><see cref="MarkovEstimationOptions.Order"/> is above 1: higher-order states are histories, which are counted in memory.</exception>
    /// <exception cref="InvalidOperationException">The chain would have more than <see cref="MarkovEstimationOptions.MaxStates"/> states.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TransitionCounts> TransitionCountsAsync(PathLevel level, MarkovEstimationOptions? options = null, string? conversionState = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new MarkovEstimationOptions()).ForConversion(conversionState);
        options.Validate();
        if (options.Order != 1)
        {
            throw new NotSupportedException($"Transition counts of order {options.Order} are not computed in SQL ({Dialect.Name}): their states are histories of {options.Order} steps. Use order 1, or read the events (ReadEventLogAsync) and use MarkovChain.FromEventLog.");
        }

        var parameters = new List<object>();
        var absorbing = options.AbsorbingStates.Where(s => s != conversionState).Distinct(StringComparer.Ordinal).ToList();
        string stop = string.Join(" OR ", new[]
        {
            conversionState is null ? null : "conv = 1",
            absorbing.Count == 0 ? null : $"node IN ({string.Join(", ", absorbing.Select(a => { parameters.Add(a); return Dialect.Parameter(parameters.Count - 1); }))})",
        }.OfType<string>());
        string stopFlag = stop.Length == 0 ? "0" : $"CASE WHEN {stop} THEN 1 ELSE 0 END";
        string node = Node(level);

        // Only what the options need: the stop flags (absorbing states, conversions) cut journeys, the end flag needs to
        // know a journey's last event and whether it was absorbed. Plain counts are one window and one aggregation.
        bool stops = stop.Length > 0;
        bool ends = options.EndState is not null;
        var windowed = new List<string> { "node", stops ? "conv" : "0 AS conv", $"LAG(node) OVER ({Window()}) AS prev" };
        if (ends)
        {
            windowed.Add($"CASE WHEN LEAD(t) OVER ({Window()}) IS NULL THEN 1 ELSE 0 END AS last");
        }

        if (stops)
        {
            windowed.Add($"COALESCE(SUM(stop) OVER ({Window()} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before");
            if (ends)
            {
                windowed.Add("SUM(stop) OVER (PARTITION BY c) AS absorbed");
            }
        }

        string openEnd = !ends ? "0" : stops ? "CASE WHEN last = 1 AND absorbed = 0 THEN 1 ELSE 0 END" : "last";
        string sql = $"""
            WITH ev AS ({EventsSelect(LevelNeed(level) | (conversionState is null ? Need.None : Need.Conversion))}),
            s AS (SELECT c, t, {(Table.OrderColumn is null ? "" : "o, ")}tp, ch, st, conv, {node} AS node FROM ev),
            f AS (SELECT c, t, {(Table.OrderColumn is null ? "" : "o, ")}tp, ch, st, conv, node, {stopFlag} AS stop FROM s),
            w AS (SELECT {string.Join(", ", windowed)} FROM f)
            SELECT prev, node, open_end, converted, COUNT(*)
            FROM (SELECT prev, node, {openEnd} AS open_end, {(conversionState is null ? "0" : "conv")} AS converted FROM w{(stops ? " WHERE before = 0" : "")}) x
            GROUP BY prev, node, open_end, converted
            """;
        var rows = await QueryAsync(sql, parameters, cancellationToken).ConfigureAwait(false);

        var names = rows.Select(r => (string)r[1]!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var collision = MarkovChain.LabelCollision(names.Where(n => n != LevelColumns.Unknown).ToList(), level,
            (conversionState, "conversion state"), (options.StartState, "StartState"), (options.EndState, "EndState"));
        if (collision is { } c)
        {
            throw new ArgumentException(c.Message, c.IsConversion ? nameof(conversionState) : nameof(options));
        }

        long sequences = rows.Where(r => r[0] is null).Sum(r => Long(r[4]));
        var result = TransitionCounts.Create(options, sequences);
        var ordered = names.Where(n => n != LevelColumns.Unknown).ToList();
        if (names.Contains(LevelColumns.Unknown))
        {
            ordered.Add(LevelColumns.Unknown);
        }

        var ids = ordered.ToDictionary(n => n, result.StateId, StringComparer.Ordinal);
        int start = options.StartState is { } startName && sequences > 0 ? result.StateId(startName) : -1;
        int? end = null, conversion = null;
        foreach (var row in rows)
        {
            int to = ids[(string)row[1]!];
            long count = Long(row[4]);
            if (row[0] is string prev)
            {
                if (!(options.CollapseRepeats && prev == (string)row[1]!))
                {
                    result.AddCount(ids[prev], to, count);
                }
            }
            else if (start >= 0)
            {
                result.AddCount(start, to, count);
            }

            if (conversionState is not null && Long(row[3]) == 1)
            {
                result.AddCount(to, conversion ??= result.StateId(conversionState), count);
            }

            if (options.EndState is { } endName && Long(row[2]) == 1)
            {
                result.AddCount(to, end ??= result.StateId(endName), count);
            }
        }

        return result;
    }

    /// <summary>Estimates a first-order Markov chain from transitions counted in the database (<see cref="TransitionCountsAsync"/>, then <see cref="TransitionCounts.ToChain"/>).</summary>
    /// <param name="level">The level of the states.</param>
    /// <param name="options">Estimation options; order 1.</param>
    /// <param name="conversionState">When set, conversions move journeys into this absorbing state.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The chain, equal to <see cref="MarkovChain.FromEventLog"/>'s over the same events.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or an added state's name is also a step of the table.</exception>
    /// <exception cref="NotSupportedException">The order is above 1.</exception>
    /// <exception cref="InvalidOperationException">No journey, or too many states.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<MarkovChain> MarkovChainAsync(PathLevel level, MarkovEstimationOptions? options = null, string? conversionState = null, CancellationToken cancellationToken = default) =>
        (await TransitionCountsAsync(level, options, conversionState, cancellationToken).ConfigureAwait(false)).ToChain();
}
