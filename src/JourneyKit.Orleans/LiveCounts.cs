namespace JourneyKit.Orleans;

/// <summary>
/// Mergeable live partials: directly-follows counts at touchpoint and stage level (edges, starts and current ends),
/// funnel steps entered and NPS classes (latest answer per customer). Sums of deltas from the customer grains; merged
/// per silo, then into the cluster's <see cref="ILiveAggregatesGrain"/>.
/// </summary>
[GenerateSerializer]
[Alias("JourneyKit.Orleans.LiveCounts")]
public sealed class LiveCounts
{
    internal const char Separator = '\u0000';

    /// <summary>Gets the touchpoint edge counts, keyed "from\0to".</summary>
    [Id(0)]
    public Dictionary<string, long> Edges { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the journeys starting at each touchpoint.</summary>
    [Id(1)]
    public Dictionary<string, long> Starts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the journeys whose latest event is at each touchpoint.</summary>
    [Id(2)]
    public Dictionary<string, long> Ends { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the stage edge counts, keyed "from\0to" ("(unknown)" for an event without a stage).</summary>
    [Id(3)]
    public Dictionary<string, long> StageEdges { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the journeys starting at each stage.</summary>
    [Id(4)]
    public Dictionary<string, long> StageStarts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the journeys whose latest event is at each stage.</summary>
    [Id(5)]
    public Dictionary<string, long> StageEnds { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the journeys that entered each funnel step (closed, relaxed, from the first entry).</summary>
    [Id(6)]
    public long[] FunnelEntered { get; set; } = [];

    /// <summary>Gets the customers whose latest answer is a promoter, passive and detractor.</summary>
    [Id(7)]
    public long[] Nps { get; set; } = new long[3];

    /// <summary>Gets the events applied.</summary>
    [Id(8)]
    public long Events { get; set; }

    /// <summary>Gets a value indicating whether nothing was counted (no event, no change of an NPS class; edges come only with events).</summary>
    public bool IsEmpty => Events == 0 && Nps.All(n => n == 0);

    /// <summary>Adds another partial to this one.</summary>
    /// <param name="other">The partial.</param>
    public void Add(LiveCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        AddAll(Edges, other.Edges);
        AddAll(Starts, other.Starts);
        AddAll(Ends, other.Ends);
        AddAll(StageEdges, other.StageEdges);
        AddAll(StageStarts, other.StageStarts);
        AddAll(StageEnds, other.StageEnds);
        if (FunnelEntered.Length < other.FunnelEntered.Length)
        {
            var grown = new long[other.FunnelEntered.Length];
            FunnelEntered.CopyTo(grown, 0);
            FunnelEntered = grown;
        }

        for (int i = 0; i < other.FunnelEntered.Length; i++)
        {
            FunnelEntered[i] += other.FunnelEntered[i];
        }

        for (int i = 0; i < 3; i++)
        {
            Nps[i] += other.Nps[i];
        }

        Events += other.Events;
    }

    /// <summary>Gets the touchpoint directly-follows graph the counts make (counts, starts and ends; no durations live).</summary>
    /// <returns>The graph, equal in counts to <see cref="Paths.PathAnalyzer.DirectlyFollows(Events.EventLog, bool, CancellationToken)"/> over the counted events.</returns>
    public Paths.DirectlyFollowsGraph DirectlyFollows() => Graph(Edges, Starts, Ends);

    /// <summary>Gets the stage-level directly-follows graph (stage transition counts, "(unknown)" for events without a stage).</summary>
    /// <returns>The graph, equal in counts to the stage-level in-memory graph over the counted events.</returns>
    public Paths.DirectlyFollowsGraph StageTransitions() => Graph(StageEdges, StageStarts, StageEnds);

    /// <summary>Gets the live funnel as a funnel result (no step times live).</summary>
    /// <param name="stepNames">The names of the steps (the funnel's stage ids, in order).</param>
    /// <returns>The result, equal in counts to <see cref="Paths.PathAnalyzer.Funnel(Events.EventLog, Paths.FunnelDefinition, CancellationToken)"/> for the closed relaxed stage funnel.</returns>
    /// <exception cref="ArgumentException">The number of names differs from the funnel's steps.</exception>
    public Paths.FunnelResult Funnel(IReadOnlyList<string> stepNames)
    {
        ArgumentNullException.ThrowIfNull(stepNames);
        int k = stepNames.Count;
        if (FunnelEntered.Length > k || k == 0)
        {
            throw new ArgumentException($"The live funnel counts {FunnelEntered.Length} steps; {k} names were given.", nameof(stepNames));
        }

        var entered = new long[k];
        FunnelEntered.CopyTo(entered, 0);
        var converted = Enumerable.Range(0, k).Select(s => s + 1 < k ? entered[s + 1] : entered[s]).ToArray();
        return new Paths.FunnelResult(Starts.Values.Sum(), [.. stepNames], entered, converted, [.. Enumerable.Repeat(Paths.DurationSummary.Empty, k)]);
    }

    /// <summary>Gets the net promoter score of the customers' latest answers.</summary>
    /// <returns>The score (counting: latest per customer).</returns>
    public Metrics.NpsResult NetPromoterScore() => new(Nps[0], Nps[1], Nps[2], Metrics.NpsCounting.LatestPerCustomer);

    private static Paths.DirectlyFollowsGraph Graph(Dictionary<string, long> edges, Dictionary<string, long> starts, Dictionary<string, long> ends)
    {
        var names = edges.Keys.SelectMany(k => k.Split(Separator)).Concat(starts.Keys).Concat(ends.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        int n = names.Length;
        var counts = new long[n * n];
        foreach (var (key, count) in edges)
        {
            int cut = key.IndexOf(Separator, StringComparison.Ordinal);
            counts[(index[key[..cut]] * n) + index[key[(cut + 1)..]]] = count;
        }

        var s = new long[n];
        var e = new long[n];
        foreach (var (key, count) in starts)
        {
            s[index[key]] = count;
        }

        foreach (var (key, count) in ends)
        {
            e[index[key]] = count;
        }

        return new Paths.DirectlyFollowsGraph(names, counts, new long[n * n], new int[]?[n * n], s, e);
    }

    internal static void Bump(Dictionary<string, long> counts, string key, long by)
    {
        long value = counts.GetValueOrDefault(key) + by;
        if (value == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = value;
        }
    }

    private static void AddAll(Dictionary<string, long> target, Dictionary<string, long> source)
    {
        foreach (var (key, value) in source)
        {
            Bump(target, key, value);
        }
    }
}
