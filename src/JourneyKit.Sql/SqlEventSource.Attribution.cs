using System.Globalization;
using JourneyKit.Attribution;
using JourneyKit.Events;

namespace JourneyKit.Sql;

public sealed partial class SqlEventSource
{
    /// <summary>
    /// Builds attribution paths in the database, as <see cref="PathDataSet.FromEventLog"/> does — per customer, the steps
    /// up to and including each conversion (within <paramref name="lookback"/> before it), and what follows the last
    /// conversion as a path with one null — aggregated by distinct path, so that only distinct paths leave the database.
    /// </summary>
    /// <param name="level">The step level (<see cref="PathLevel.Channel"/> for channel attribution), stated as for <see cref="PathDataSet.FromEventLog"/>.</param>
    /// <param name="lookback">Only touches this long before a conversion count; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>
    /// One record per distinct path with its conversions, conversion value and nulls summed: every heuristic, Markov
    /// and Shapley model gives the same credit as on the in-memory paths. Aggregated paths carry no touch ages, so
    /// time-decay attribution needs the in-memory paths.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookback"/> is not positive.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<PathDataSet> AttributionPathsAsync(PathLevel level, TimeSpan? lookback = null, CancellationToken cancellationToken = default)
    {
        if (lookback is { } l && l <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lookback), l, "The lookback window must be positive.");
        }

        var parameters = new List<object>();
        string window = "";
        if (lookback is { } w)
        {
            parameters.Add(w.Ticks / 10);
            window = $" AND (g.converted = 0 OR g.ct - g.t <= {Dialect.Parameter(0)})";
        }

        string sql = $"""
            WITH ev AS ({EventsSelect(LevelNeed(level) | Need.Conversion | Need.Value)}),
            s AS (SELECT c, t, conv, val, {Node(level)} AS node, ROW_NUMBER() OVER ({Window()}) AS pos FROM ev),
            nodes AS (SELECT node, ROW_NUMBER() OVER (ORDER BY {Dialect.Binary("node")}) - 1 AS id FROM (SELECT DISTINCT node FROM s) d),
            a AS (SELECT s.c, s.t, s.conv, s.val, s.pos, nodes.id,
                         COALESCE(SUM(s.conv) OVER (PARTITION BY s.c ORDER BY s.pos ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS seg
                  FROM s JOIN nodes ON s.node = nodes.node),
            e AS (SELECT c, seg, MAX(conv) AS converted, MAX(CASE WHEN conv = 1 THEN t END) AS ct, MAX(CASE WHEN conv = 1 THEN COALESCE(val, 0) END) AS cv FROM a GROUP BY c, seg),
            g AS (SELECT a.c, a.seg, a.t, a.pos, a.id, e.converted, e.ct, e.cv FROM a JOIN e ON a.c = e.c AND a.seg = e.seg),
            p AS (SELECT c, seg, MAX(converted) AS converted, MAX(cv) AS cv, {Dialect.OrderedIds("id", "pos")} AS path FROM g WHERE 1 = 1{window} GROUP BY c, seg)
            SELECT 0 AS kind, path, SUM(converted), SUM(COALESCE(cv, 0)), SUM(1 - converted) FROM p GROUP BY path
            UNION ALL
            SELECT 1, node, id, NULL, NULL FROM nodes
            """;
        var rows = await QueryAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        var names = new Dictionary<int, string>();
        foreach (var row in rows.Where(r => Long(r[0]) == 1))
        {
            names[(int)Long(row[2])] = Str(row[1]);
        }

        var records = rows.Where(r => Long(r[0]) == 0)
            .Select(r => (Steps: Str(r[1]).Split(',').Select(id => names[int.Parse(id, CultureInfo.InvariantCulture)]).ToArray(), Conversions: Double(r[2]), Value: Double(r[3]), Nulls: Double(r[4])))
            .OrderBy(r => string.Join('\u0000', r.Steps), StringComparer.Ordinal)
            .Select(r => new PathRecord(r.Steps, r.Conversions, r.Value, r.Nulls));
        return PathDataSet.FromRecords(records);
    }
}
