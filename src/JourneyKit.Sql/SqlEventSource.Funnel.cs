using System.Globalization;
using System.Text;
using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Sql;

public sealed partial class SqlEventSource
{
    /// <summary>
    /// Computes a closed, relaxed funnel in the database: each journey enters at an event of the first step and moves
    /// on at the next event of the following step; step windows and a conversion window cut progress exactly as
    /// <see cref="PathAnalyzer.Funnel(EventLog, FunnelDefinition, CancellationToken)"/> does (the entry with the most progress counts,
    /// the earliest among equals).
    /// </summary>
    /// <param name="funnel">The funnel: stage, touchpoint or channel steps, relaxed order, closed.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The same result as the in-memory funnel, with exact step-to-step times.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="funnel"/> is null.</exception>
    /// <exception cref="ArgumentException">A step names a label no event of the table has (and <see cref="FunnelDefinition.AllowUnknownSteps"/> is off); the message lists the closest labels.</exception>
    /// <exception cref="NotSupportedException">The funnel is open, strict or in any order, has exclusions, or a step is a .NET predicate (<see cref="FunnelStep.Where"/>): those are computed in memory only.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FunnelResult> FunnelAsync(FunnelDefinition funnel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        string unsupported = funnel.IsOpen ? "an open funnel"
            : funnel.Order != FunnelOrder.Relaxed ? $"a funnel in {funnel.Order} order"
            : funnel.Exclusions.Count > 0 ? "a funnel with exclusions"
            : funnel.Steps.FirstOrDefault(s => s.Level is null) is { } predicate ? $"the predicate step '{predicate.Name}'"
            : "";
        if (unsupported.Length > 0)
        {
            throw new NotSupportedException($"FunnelAsync computes closed, relaxed funnels of stage, touchpoint and channel steps in SQL; {unsupported} is not translated for {Dialect.Name}. Read the events (ReadEventLogAsync) and use PathAnalyzer.Funnel.");
        }

        var parameters = new List<object>();
        string sql = FunnelQuery(funnel, parameters);
        int k = funnel.Steps.Count;
        var reached = new long[k];
        var times = Enumerable.Range(0, k).Select(_ => new List<long>()).ToArray();
        long journeys = 0;
        await using (var command = CreateCommand(sql, parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long kind = reader.GetInt64(0), a = reader.GetInt64(1), n = reader.GetInt64(3);
                switch (kind)
                {
                    case 0:
                        reached[a] += n;
                        break;
                    case 1:
                        var list = times[a];
                        long duration = reader.GetInt64(2);
                        for (long i = 0; i < n; i++)
                        {
                            list.Add(duration);
                        }

                        break;
                    default:
                        journeys = n;
                        break;
                }
            }
        }

        // Entered step s: journeys whose best progress reached s or further; converted: reached s + 1 (the last step converts on entry).
        var entered = new long[k];
        for (int s = k - 1; s >= 0; s--)
        {
            entered[s] = reached[s] + (s + 1 < k ? entered[s + 1] : 0);
        }

        var converted = new long[k];
        for (int s = 0; s < k; s++)
        {
            converted[s] = s + 1 < k ? entered[s + 1] : entered[s];
        }

        if (!funnel.AllowUnknownSteps)
        {
            // A step nobody entered may name a label no row has (a misspelling): refused as the in-memory funnel refuses it.
            foreach (FunnelStep step in funnel.Steps.Where((_, s) => entered[s] == 0))
            {
                await CheckStepLabelAsync(step, nameof(funnel), cancellationToken).ConfigureAwait(false);
            }
        }

        return new FunnelResult(journeys, [.. funnel.Steps.Select(s => s.Name)], entered, converted, [.. times.Select(t => new DurationSummary([.. t]))]);
    }

    // The funnel as one query: step matches chained by CTEs (the first match after the previous step, within the windows),
    // every entry's depth and step times, the best entry per journey; rows of (kind, a, b, n) to finish in memory.
    private string FunnelQuery(FunnelDefinition funnel, List<object> parameters)
    {
        string Param(object value)
        {
            parameters.Add(value);
            return Dialect.Parameter(parameters.Count - 1);
        }

        string Match(FunnelStep step, string prefix) => $"{prefix}{step.Level switch { PathLevel.Stage => "st", PathLevel.Channel => "ch", _ => "tp" }} = {Param(step.Id!)}";

        // A window in ticks allows a gap of ⌊ticks / 10⌋ whole microseconds.
        string Micros(TimeSpan window) => Param(window.Ticks / 10);

        int k = funnel.Steps.Count;
        bool windowed = funnel.ConversionWindow is not null || funnel.Steps.Any(s => s.Window is not null);
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"""
            WITH ev AS ({EventsSelect(funnel.Steps.Aggregate(Need.None, (need, step) => need | LevelNeed(step.Level!.Value)))}),
            p AS (SELECT c, t, tp, ch, st, ROW_NUMBER() OVER ({Window()}) AS pos FROM ev),
            """);
        sql.AppendLine();

        // Without windows the first entry goes furthest (later entries see a subset of its events).
        sql.AppendLine(windowed
            ? $"s0 AS (SELECT c, pos AS e, t AS t0, pos AS p0 FROM p WHERE {Match(funnel.Steps[0], "")}),"
            : $"s0 AS (SELECT c, MIN(pos) AS e, MIN(t) AS t0, MIN(pos) AS p0 FROM p WHERE {Match(funnel.Steps[0], "")} GROUP BY c),");
        var columns = new List<string> { "t0", "p0" };
        for (int s = 1; s < k; s++)
        {
            var step = funnel.Steps[s];
            string conditions = Match(step, "p.") +
                (step.Window is { } w ? $" AND p.t - x.t{s - 1} <= {Micros(w)}" : "") +
                (funnel.ConversionWindow is { } g ? $" AND p.t - x.t0 <= {Micros(g)}" : "");
            // The next match is the first event of the step after the previous one; its time is the least time among the
            // matches, since time never decreases along a journey — no second join to fetch it.
            sql.AppendLine(CultureInfo.InvariantCulture,
                $"m{s} AS (SELECT x.c, x.e, MIN(p.pos) AS p{s}, MIN(p.t) AS t{s} FROM s{s - 1} x JOIN p ON p.c = x.c AND p.pos > x.p{s - 1} AND {conditions} GROUP BY x.c, x.e),");
            sql.AppendLine(CultureInfo.InvariantCulture,
                $"s{s} AS (SELECT x.c, x.e, {string.Join(", ", columns.Select(col => "x." + col))}, m.p{s}, m.t{s} FROM s{s - 1} x JOIN m{s} m ON m.c = x.c AND m.e = x.e),");
            columns.Add($"p{s}");
            columns.Add($"t{s}");
        }

        // Every entry with how far it got and its step times; the best entry per journey.
        sql.Append("r AS (");
        for (int s = 0; s < k; s++)
        {
            if (s > 0)
            {
                sql.Append(" UNION ALL ");
            }

            var stepTimes = Enumerable.Range(0, k).Select(i => i <= s ? $"t{i}" : "CAST(NULL AS BIGINT)");
            sql.Append(CultureInfo.InvariantCulture, $"SELECT c, e, {s} AS depth, {string.Join(", ", stepTimes.Select((x, i) => $"{x} AS t{i}"))} FROM s{s}");
        }

        sql.AppendLine("),");
        sql.AppendLine(CultureInfo.InvariantCulture,
            $"best AS (SELECT * FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY c ORDER BY depth DESC, e) AS rk FROM r) x WHERE rk = 1)");
        // Every column BIGINT, so the rows (one per distinct step time) are read without boxing.
        sql.AppendLine("SELECT CAST(0 AS BIGINT) AS kind, CAST(depth AS BIGINT) AS a, CAST(0 AS BIGINT) AS b, CAST(COUNT(*) AS BIGINT) AS n FROM best GROUP BY depth");
        for (int s = 0; s + 1 < k; s++)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"UNION ALL SELECT CAST(1 AS BIGINT), CAST({s} AS BIGINT), CAST((t{s + 1} - t{s}) * 10 AS BIGINT), CAST(COUNT(*) AS BIGINT) FROM best WHERE depth > {s} GROUP BY t{s + 1} - t{s}");
        }

        sql.AppendLine("UNION ALL SELECT CAST(2 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(COUNT(DISTINCT c) AS BIGINT) FROM ev");

        return sql.ToString();
    }

    private async Task CheckStepLabelAsync(FunnelStep step, string paramName, CancellationToken cancellationToken)
    {
        PathLevel level = step.Level!.Value;
        string column = level switch { PathLevel.Stage => "st", PathLevel.Channel => "ch", _ => "tp" };
        string events = EventsSelect(LevelNeed(level));
        var found = await QueryAsync($"WITH ev AS ({events}) SELECT {column} FROM ev WHERE {column} = {Dialect.Parameter(0)} {Dialect.Limit(1)}", [step.Id!], cancellationToken).ConfigureAwait(false);
        if (found.Count > 0)
        {
            return;
        }

        var labels = (await QueryAsync($"WITH ev AS ({events}) SELECT DISTINCT {column} FROM ev WHERE {column} IS NOT NULL {Dialect.Limit(100_000)}", [], cancellationToken).ConfigureAwait(false))
            .Select(r => Str(r[0])).ToList();
        string what = level.ToString().ToLowerInvariant();
        throw new ArgumentException(
            $"Funnel step '{Internal.Guard.Clip(step.Name)}' names {what} '{Internal.Guard.Clip(step.Id)}', which no event of the table has; {Internal.Closest.Describe(step.Id!, labels, what)}; or set FunnelDefinition.AllowUnknownSteps.",
            paramName);
    }
}
