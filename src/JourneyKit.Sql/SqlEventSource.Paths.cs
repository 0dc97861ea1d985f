using System.Globalization;
using JourneyKit.Paths;

namespace JourneyKit.Sql;

public sealed partial class SqlEventSource
{
    private const int HistogramSmall = 128;

    /// <summary>Computes the directly-follows graph in the database, with edge durations (exact mean; median and p90 from the same log-scale histogram as in memory, so they equal <see cref="PathAnalyzer.DirectlyFollows(Events.EventLog, bool, CancellationToken)"/>'s).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The graph: the same type and semantics as <see cref="PathAnalyzer.DirectlyFollows(Events.EventLog, bool, CancellationToken)"/>; its nodes are in ordinal order.</returns>
    /// <exception cref="System.Data.Common.DbException">The database refused the query (a column missing, for instance).</exception>
    /// <exception cref="InvalidOperationException">There are more distinct steps than <see cref="PathAnalyzerOptions.MaxNodes"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<DirectlyFollowsGraph> DirectlyFollowsAsync(CancellationToken cancellationToken) => DirectlyFollowsAsync(true, cancellationToken);

    /// <summary>Computes the directly-follows graph in the database.</summary>
    /// <param name="includeDurations">Whether to measure edge durations; counts alone need one aggregation less.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The graph: the same type and semantics as <see cref="PathAnalyzer.DirectlyFollows(Events.EventLog, bool, CancellationToken)"/>; its nodes are in ordinal order.</returns>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="InvalidOperationException">There are more distinct steps than <see cref="PathAnalyzerOptions.MaxNodes"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DirectlyFollowsGraph> DirectlyFollowsAsync(bool includeDurations, CancellationToken cancellationToken = default)
    {
        // One sort per journey (the window) and one aggregation by (previous step, step[, duration bucket]). End counts
        // need no second window: every event but a journey's last has one outgoing pair, so ends = events − outgoing.
        string durations = includeDurations
            ? $"""
              ,
              h AS (SELECT prev, node, dt, CASE WHEN dt >= {HistogramSmall} THEN {Dialect.Log2Floor($"GREATEST(dt, {HistogramSmall})")} END AS e FROM (SELECT prev, node, d * 10 AS dt FROM w) x),
              b AS (SELECT prev, node, dt, CASE WHEN dt IS NULL THEN NULL WHEN dt < {HistogramSmall} THEN dt ELSE {HistogramSmall} + ((e - 7) * 64) + {Dialect.Mod64(Dialect.ShiftRight("dt", "e - 6"))} END AS bucket FROM h)
              SELECT prev, node, bucket, COUNT(*), SUM(dt) FROM b GROUP BY prev, node, bucket
              """
            : """

              SELECT prev, node, NULL AS bucket, COUNT(*), NULL FROM w GROUP BY prev, node
              """;
        string sql = $"""
            WITH ev AS ({EventsSelect(LevelNeed(Options.Level))}),
            {KeptSteps("k", "ev")},
            w AS (SELECT node, LAG(node) OVER ({Window()}) AS prev{(includeDurations ? $", t - LAG(t) OVER ({Window()}) AS d" : "")} FROM k){durations}
            """;
        var rows = await QueryAsync(sql, [], cancellationToken).ConfigureAwait(false);

        var names = rows.SelectMany(r => new[] { r[0] as string, (string)r[1]! }).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        CheckNodes(names.Length);
        var index = names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        int n = names.Length;
        var counts = new long[n * n];
        var sums = new long[n * n];
        var histograms = new int[]?[n * n];
        var starts = new long[n];
        var ends = new long[n];
        foreach (var row in rows)
        {
            int to = index[(string)row[1]!];
            long count = Long(row[3]);
            ends[to] += count;
            if (row[0] is not string prev)
            {
                starts[to] += count;
                continue;
            }

            int from = index[prev];
            ends[from] -= count;
            int e = (from * n) + to;
            counts[e] += count;
            if (includeDurations)
            {
                sums[e] += Long(row[4]);
                (histograms[e] ??= new int[LogHistogram.Buckets])[checked((int)Long(row[2]))] += checked((int)count);
            }
        }

        return new DirectlyFollowsGraph(names, counts, sums, histograms, starts, ends);
    }

    /// <summary>Finds the <paramref name="top"/> most frequent paths in the database.</summary>
    /// <param name="top">How many variants to keep. Range: ≥ 1.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>
    /// The variants in the same order and with the same ties as <see cref="PathAnalyzer.Variants(Events.EventLog, int, CancellationToken)"/>
    /// (count descending, then steps in ordinal order); each carries its median duration computed in the database, so
    /// these variants cannot be passed to <see cref="PathVariant.Merge"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    /// <exception cref="System.Data.Common.DbException">The database refused the query.</exception>
    /// <exception cref="InvalidOperationException">There are more distinct steps than <see cref="PathAnalyzerOptions.MaxNodes"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<PathVariant>> VariantsAsync(int top, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        int max = Options.MaxVariantLength;
        string maxText = max.ToString(CultureInfo.InvariantCulture);
        string keep = Options.CollapseRepeats ? $"CASE WHEN LAG(node) OVER ({Window()}) = node THEN 0 ELSE 1 END" : "1";
        string kpos = Options.CollapseRepeats ? "SUM(keep) OVER (PARTITION BY c ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)" : "pos";
        string sql = $"""
            WITH ev AS ({EventsSelect(LevelNeed(Options.Level) | Need.Conversion)}),
            s AS (SELECT c, t, {(Table.OrderColumn is null ? "" : "o, ")}tp, ch, st, conv, {Node(Options.Level)} AS node FROM ev),
            nodes AS (SELECT node, ROW_NUMBER() OVER (ORDER BY {Dialect.Binary("node")}) - 1 AS id FROM (SELECT DISTINCT node FROM s) d),
            m1 AS (SELECT c, t, conv, node, {keep} AS keep, ROW_NUMBER() OVER ({Window()}) AS pos FROM s),
            m2 AS (SELECT m1.c, m1.t, m1.conv, m1.pos, m1.keep, {kpos} AS kpos, nodes.id FROM m1 JOIN nodes ON m1.node = nodes.node),
            j AS (SELECT c, {Dialect.OrderedIds($"CASE WHEN keep = 1 AND kpos <= {maxText} THEN id END", "pos")} AS path,
                         CASE WHEN MAX(kpos) > {maxText} THEN 1 ELSE 0 END AS truncated, (MAX(t) - MIN(t)) * 10 AS d, MAX(conv) AS converted
                  FROM m2 GROUP BY c),
            v AS (SELECT path, truncated, COUNT(*) AS n, SUM(converted) AS conversions, {Dialect.Median("d")} AS median FROM j GROUP BY path, truncated)
            SELECT 0 AS kind, path, truncated, n, conversions, median, (SELECT COUNT(*) FROM j) AS total
            FROM v WHERE n >= (SELECT MIN(n) FROM (SELECT n FROM v ORDER BY n DESC {Dialect.Limit(top)}) x)
            UNION ALL
            SELECT 1, node, id, NULL, NULL, NULL, NULL FROM nodes
            """;
        var rows = await QueryAsync(sql, [], cancellationToken).ConfigureAwait(false);
        var nodeRows = rows.Where(r => Long(r[0]) == 1).ToList();
        CheckNodes(nodeRows.Count);
        var names = new string[nodeRows.Count];
        foreach (var row in nodeRows)
        {
            names[Long(row[2])] = (string)row[1]!;
        }

        var rank = new int[names.Length];
        var byName = Enumerable.Range(0, names.Length).OrderBy(i => names[i], StringComparer.Ordinal).ToArray();
        for (int r = 0; r < byName.Length; r++)
        {
            rank[byName[r]] = r;
        }

        var variants = rows.Where(r => Long(r[0]) == 0).Select(r =>
        {
            string path = r[1] as string ?? "";
            var key = path.Length == 0 ? [] : path.Split(',').Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();
            if (Long(r[2]) == 1)
            {
                key.Add(VariantKernel.Accumulator.Truncated);
            }

            return (Key: key.ToArray(), Count: Long(r[3]), Conversions: Long(r[4]), Median: Double(r[5]), Total: Long(r[6]));
        }).ToList();
        variants.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : VariantKernel.StepList.Compare(x.Key, y.Key, rank));
        return variants.Take(top)
            .Select(v => new PathVariant(new VariantKernel.StepList(v.Key, names), v.Key.Length > 0 && v.Key[^1] == VariantKernel.Accumulator.Truncated, v.Count, v.Conversions,
                TimeSpan.FromTicks((long)Math.Round(v.Median)), v.Total))
            .ToList()
            .AsReadOnly();
    }

    // The events of ev with their step, repeats collapsed when the options say so.
    private string KeptSteps(string name, string from)
    {
        string columns = $"c, t, {(Table.OrderColumn is null ? "" : "o, ")}tp, ch, st, conv";
        return Options.CollapseRepeats
            ? $"{name} AS (SELECT {columns}, node FROM (SELECT {columns}, {Node(Options.Level)} AS node, LAG({Node(Options.Level)}) OVER ({Window()}) AS pn FROM {from}) x WHERE pn IS NULL OR pn <> node)"
            : $"{name} AS (SELECT {columns}, {Node(Options.Level)} AS node FROM {from})";
    }
}
