using System.Collections.ObjectModel;
using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>
/// The directly-follows graph of a set of journeys: edge frequencies and durations, plus how many journeys start and
/// end at each step. As data (nodes and edges) for rendering. Mergeable: <see cref="Merge"/> of the graphs of disjoint
/// customer sets equals the graph of their union.
/// </summary>
public sealed class DirectlyFollowsGraph
{
    private readonly string[] _nodes;
    private readonly long[] _counts;
    private readonly long[] _durations;
    private readonly int[]?[] _histograms;
    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly Dictionary<string, int> _index;

    internal DirectlyFollowsGraph(string[] nodes, long[] counts, long[] durations, int[]?[] histograms, long[] starts, long[] ends)
    {
        _nodes = nodes;
        _counts = counts;
        _durations = durations;
        _histograms = histograms;
        _starts = starts;
        _ends = ends;
        _index = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        int n = nodes.Length;
        var edges = new List<DfgEdge>();
        for (int f = 0; f < n; f++)
        {
            for (int t = 0; t < n; t++)
            {
                int e = (f * n) + t;
                if (counts[e] > 0)
                {
                    var h = histograms[e];
                    edges.Add(new DfgEdge(
                        nodes[f],
                        nodes[t],
                        counts[e],
                        TimeSpan.FromTicks(durations[e]),
                        h is null ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Round(LogHistogram.Quantile(h, counts[e], 0.5))),
                        h is null ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Round(LogHistogram.Quantile(h, counts[e], 0.9)))));
                }
            }
        }

        Edges = edges
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList()
            .AsReadOnly();
        StartCounts = Counts(starts);
        EndCounts = Counts(ends);
    }

    /// <summary>Gets the graph of no journeys (the identity of <see cref="Merge"/>).</summary>
    public static DirectlyFollowsGraph Empty { get; } = new([], [], [], [], [], []);

    /// <summary>Gets the steps (nodes), in the log's id order; <c>(unknown)</c> stands for events without a stage or channel.</summary>
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>Gets the edges with a positive count, most frequent first (ties by name).</summary>
    public IReadOnlyList<DfgEdge> Edges { get; }

    /// <summary>Gets how many journeys start at each step (steps with none are absent).</summary>
    public IReadOnlyDictionary<string, long> StartCounts { get; }

    /// <summary>Gets how many journeys end at each step (steps with none are absent).</summary>
    public IReadOnlyDictionary<string, long> EndCounts { get; }

    /// <summary>Gets how often one step was directly followed by another.</summary>
    /// <param name="from">The earlier step.</param>
    /// <param name="to">The next step.</param>
    /// <returns>The count; 0 when either step is not in the graph.</returns>
    public long Count(string from, string to) =>
        _index.TryGetValue(from, out int f) && _index.TryGetValue(to, out int t) ? _counts[(f * _nodes.Length) + t] : 0;

    /// <summary>Combines the graphs of two disjoint sets of journeys (nodes matched by name).</summary>
    /// <param name="a">One graph.</param>
    /// <param name="b">The other.</param>
    /// <returns>The graph of both sets; equal to analysing their union.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DirectlyFollowsGraph Merge(DirectlyFollowsGraph a, DirectlyFollowsGraph b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var nodes = a._nodes.ToList();
        foreach (string node in b._nodes.Where(n => !a._index.ContainsKey(n)))
        {
            nodes.Add(node);
        }

        int n = nodes.Count;
        var index = nodes.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var counts = new long[n * n];
        var durations = new long[n * n];
        var histograms = new int[]?[n * n];
        var starts = new long[n];
        var ends = new long[n];
        foreach (var g in new[] { a, b })
        {
            int m = g._nodes.Length;
            var map = g._nodes.Select(name => index[name]).ToArray();
            for (int i = 0; i < m; i++)
            {
                starts[map[i]] += g._starts[i];
                ends[map[i]] += g._ends[i];
                for (int j = 0; j < m; j++)
                {
                    int from = (i * m) + j, to = (map[i] * n) + map[j];
                    counts[to] += g._counts[from];
                    durations[to] += g._durations[from];
                    if (g._histograms[from] is { } h)
                    {
                        var target = histograms[to] ??= new int[LogHistogram.Buckets];
                        for (int k = 0; k < h.Length; k++)
                        {
                            target[k] += h[k];
                        }
                    }
                }
            }
        }

        return new DirectlyFollowsGraph([.. nodes], counts, durations, histograms, starts, ends);
    }

    private ReadOnlyDictionary<string, long> Counts(long[] values)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] > 0)
            {
                result[_nodes[i]] = values[i];
            }
        }

        return new ReadOnlyDictionary<string, long>(result);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Directly-follows graph: {Show.Count(Nodes.Count)} steps, {Show.Count(Edges.Count)} edges, {Show.Count(Edges.Sum(e => e.Count))} transitions";
}
