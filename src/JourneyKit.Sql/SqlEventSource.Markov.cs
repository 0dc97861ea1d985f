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
        options ??= new MarkovEstimationOptions();
        if (conversionState is not null)
        {
            options = options with { AbsorbingStates = [.. options.AbsorbingStates, conversionState] };
        }

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
        string sql = $"""
            WITH ev AS ({EventsSelect()}),
            s AS (SELECT c, t, {(Table.OrderColumn is null ? "" : "o, ")}tp, ch, st, conv, {node} AS node FROM ev),
            f AS (SELECT c, t, {(Table.OrderColumn is null ? "" : "o, ")}tp, ch, st, conv, node, {stopFlag} AS stop FROM s),
            w AS (SELECT node, conv, LAG(node) OVER ({Window()}) AS prev,
                         CASE WHEN LEAD(t) OVER ({Window()}) IS NULL THEN 1 ELSE 0 END AS last,
                         COALESCE(SUM(stop) OVER ({Window()} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
                         SUM(stop) OVER (PARTITION BY c) AS absorbed
                  FROM f)
            SELECT prev, node, open_end, converted, COUNT(*)
            FROM (SELECT prev, node, CASE WHEN last = 1 AND absorbed = 0 THEN 1 ELSE 0 END AS open_end, {(conversionState is null ? "0" : "conv")} AS converted FROM w WHERE before = 0) x
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
