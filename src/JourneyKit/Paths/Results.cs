using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>A move between two stages and how often it happened.</summary>
/// <param name="From">The stage moved from.</param>
/// <param name="To">The stage moved to.</param>
/// <param name="Count">How many times.</param>
public sealed record StageRoute(string From, string To, long Count)
{
    /// <inheritdoc/>
    public override string ToString() => $"{From} → {To}: {Show.Count(Count)}";
}

/// <summary>
/// How non-linear the journeys are. Backtracks and skips are judged against the map's stage order: a backtrack moves to
/// an earlier stage, a skip jumps over at least one stage. A loop is a return to a touchpoint already visited in the
/// journey; a channel switch is a change of channel between consecutive events (both known). Mergeable.
/// </summary>
public sealed class NonLinearitySummary
{
    internal NonLinearitySummary(long journeys, long stageMoves, long backtracks, long skips, long loops, long channelSwitches,
        long withBacktrack, long withSkip, long withLoop, long withSwitch, Dictionary<(string, string), long> backRoutes, Dictionary<(string, string), long> skipRoutes)
    {
        Journeys = journeys;
        StageMoves = stageMoves;
        Backtracks = backtracks;
        Skips = skips;
        Loops = loops;
        ChannelSwitches = channelSwitches;
        JourneysWithBacktrack = withBacktrack;
        JourneysWithSkip = withSkip;
        JourneysWithLoop = withLoop;
        JourneysWithChannelSwitch = withSwitch;
        BackRoutes = backRoutes;
        SkipRouteCounts = skipRoutes;
        BacktrackRoutes = Rank(backRoutes);
        SkipRoutes = Rank(skipRoutes);
    }

    /// <summary>Gets the number of journeys analysed.</summary>
    public long Journeys { get; }

    /// <summary>Gets the number of moves between different (known) stages.</summary>
    public long StageMoves { get; }

    /// <summary>Gets the number of moves to an earlier stage.</summary>
    public long Backtracks { get; }

    /// <summary>Gets the number of moves over at least one stage.</summary>
    public long Skips { get; }

    /// <summary>Gets the number of events at a touchpoint already visited earlier in the journey (rework).</summary>
    public long Loops { get; }

    /// <summary>Gets the number of channel changes between consecutive events.</summary>
    public long ChannelSwitches { get; }

    /// <summary>Gets the number of journeys with at least one backtrack.</summary>
    public long JourneysWithBacktrack { get; }

    /// <summary>Gets the number of journeys with at least one skip.</summary>
    public long JourneysWithSkip { get; }

    /// <summary>Gets the number of journeys with at least one loop.</summary>
    public long JourneysWithLoop { get; }

    /// <summary>Gets the number of journeys with at least one channel switch.</summary>
    public long JourneysWithChannelSwitch { get; }

    /// <summary>Gets the linearity index: 1 − (backtracks + skips) / stage moves; 1 when there are no stage moves. Range: 0..1.</summary>
    public double LinearityIndex => StageMoves == 0 ? 1 : 1 - ((double)(Backtracks + Skips) / StageMoves);

    /// <summary>Gets where people double back from and to, most frequent first.</summary>
    public IReadOnlyList<StageRoute> BacktrackRoutes { get; }

    /// <summary>Gets which stages people skip over (from, to), most frequent first.</summary>
    public IReadOnlyList<StageRoute> SkipRoutes { get; }

    internal Dictionary<(string, string), long> BackRoutes { get; }

    internal Dictionary<(string, string), long> SkipRouteCounts { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Count(Journeys)} journeys: {Show.Count(Backtracks)} backtracks ({Show.Count(JourneysWithBacktrack)} journeys), {Show.Count(Skips)} skips ({Show.Count(JourneysWithSkip)}), " +
        $"{Show.Count(Loops)} loops ({Show.Count(JourneysWithLoop)}), {Show.Count(ChannelSwitches)} channel switches ({Show.Count(JourneysWithChannelSwitch)})";

    /// <summary>Gets the summary of no journeys (the identity of <see cref="Merge"/>).</summary>
    public static NonLinearitySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], []);

    /// <summary>Combines the summaries of two disjoint sets of journeys.</summary>
    /// <param name="a">One summary.</param>
    /// <param name="b">The other.</param>
    /// <returns>The combined summary; equal to analysing the union.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NonLinearitySummary Merge(NonLinearitySummary a, NonLinearitySummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Journeys + b.Journeys, a.StageMoves + b.StageMoves, a.Backtracks + b.Backtracks, a.Skips + b.Skips,
            a.Loops + b.Loops, a.ChannelSwitches + b.ChannelSwitches, a.JourneysWithBacktrack + b.JourneysWithBacktrack,
            a.JourneysWithSkip + b.JourneysWithSkip, a.JourneysWithLoop + b.JourneysWithLoop,
            a.JourneysWithChannelSwitch + b.JourneysWithChannelSwitch, Add(a.BackRoutes, b.BackRoutes), Add(a.SkipRouteCounts, b.SkipRouteCounts));
    }

    internal static Dictionary<(string, string), long> Add(Dictionary<(string, string), long> a, Dictionary<(string, string), long> b)
    {
        var sum = new Dictionary<(string, string), long>(a);
        foreach (var (key, value) in b)
        {
            sum[key] = sum.GetValueOrDefault(key) + value;
        }

        return sum;
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<StageRoute> Rank(Dictionary<(string From, string To), long> routes) =>
        routes.Select(kv => new StageRoute(kv.Key.From, kv.Key.To, kv.Value))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.From, StringComparer.Ordinal)
            .ThenBy(r => r.To, StringComparer.Ordinal)
            .ToList()
            .AsReadOnly();
}

/// <summary>One level of a flow (Sankey) diagram: a step reached at that distance from the anchor.</summary>
/// <param name="Level">0 for the anchor, 1 for the next (or previous) step, and so on.</param>
/// <param name="Name">The step; <c>(other)</c> gathers steps outside the top k, <c>(end)</c>/<c>(start)</c> journeys that ended/began.</param>
/// <param name="Count">How many journeys.</param>
public sealed record FlowNode(int Level, string Name, long Count)
{
    /// <inheritdoc/>
    public override string ToString() => $"step {Level}: {Name} ({Show.Count(Count)})";
}

/// <summary>A band of a flow diagram between two levels.</summary>
/// <param name="Level">The level of the source node.</param>
/// <param name="From">The source node's name.</param>
/// <param name="To">The target node's name (at <paramref name="Level"/> + 1).</param>
/// <param name="Count">How many journeys.</param>
public sealed record FlowLink(int Level, string From, string To, long Count)
{
    /// <inheritdoc/>
    public override string ToString() => $"step {Level}: {From} → {To} ({Show.Count(Count)})";
}

/// <summary>Which way a flow runs from its anchor step.</summary>
public enum FlowDirection
{
    /// <summary>What journeys do after the first visit to the anchor.</summary>
    Forward = 0,

    /// <summary>What journeys did before their last visit to the anchor.</summary>
    Backward,
}

/// <summary>Flow (Sankey) data: nodes per level and links between consecutive levels.</summary>
/// <param name="Anchor">The anchor step.</param>
/// <param name="Direction">Forward or backward.</param>
/// <param name="Nodes">The nodes, by level then count descending.</param>
/// <param name="Links">The links, by level then count descending.</param>
public sealed record FlowGraph(string Anchor, FlowDirection Direction, IReadOnlyList<FlowNode> Nodes, IReadOnlyList<FlowLink> Links)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Direction} flow from {Anchor}: {Show.Count(Nodes.Count)} nodes, {Show.Count(Links.Count)} links";
}

/// <summary>How the journeys went through one stage of the designed path.</summary>
/// <param name="StageId">The stage.</param>
/// <param name="Entered">Journeys with at least one event in the stage.</param>
/// <param name="Completed">Journeys that reached a later stage after entering this one.</param>
/// <param name="Skipped">Journeys that never entered this stage but reached a later one.</param>
/// <param name="Backtracked">Journeys that moved from this stage to an earlier one at least once.</param>
/// <param name="Dropped">Journeys whose last event is in this stage (never counted for the final stage).</param>
public sealed record StageConformance(string StageId, long Entered, long Completed, long Skipped, long Backtracked, long Dropped)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{StageId}: entered {Show.Count(Entered)}, completed {Show.Count(Completed)}, skipped {Show.Count(Skipped)}, backtracked {Show.Count(Backtracked)}, dropped {Show.Count(Dropped)}";
}

/// <summary>
/// How observed journeys conform to the designed path — the map's stage order. A journey's fitness is the share of its
/// stage moves that follow the design, counting its entry as a move from "start" to its first stage (designed: the
/// map's first stage) and counting only moves between different stages (lingering is fine): staying in order gives 1.
/// Events without a known stage are ignored. Mergeable.
/// </summary>
public sealed class ConformanceResult
{
    internal ConformanceResult(long journeys, double fitnessSum, long conforming, long[][] table, IReadOnlyList<string> stageIds)
    {
        Journeys = journeys;
        FitnessSum = fitnessSum;
        ConformingJourneys = conforming;
        Table = table;
        StageIds = stageIds;
        Stages = stageIds.Select((id, s) => new StageConformance(id, table[s][0], table[s][1], table[s][2], table[s][3], table[s][4])).ToList().AsReadOnly();
    }

    /// <summary>Gets the number of journeys with at least one event in a known stage.</summary>
    public long Journeys { get; }

    /// <summary>Gets the number of journeys that follow the designed order exactly (fitness 1).</summary>
    public long ConformingJourneys { get; }

    /// <summary>Gets the share of journeys that follow the designed order; NaN when there are none. Range: 0..1.</summary>
    public double ConformingShare => Journeys == 0 ? double.NaN : (double)ConformingJourneys / Journeys;

    /// <summary>Gets the mean journey fitness; NaN when there are no journeys. Range: 0..1.</summary>
    public double MeanFitness => Journeys == 0 ? double.NaN : FitnessSum / Journeys;

    /// <summary>Gets the per-stage table in map order.</summary>
    public IReadOnlyList<StageConformance> Stages { get; }

    internal double FitnessSum { get; }

    internal long[][] Table { get; }

    internal IReadOnlyList<string> StageIds { get; }

    /// <summary>Combines the results of two disjoint sets of journeys against the same map.</summary>
    /// <param name="a">One result.</param>
    /// <param name="b">The other.</param>
    /// <returns>The combined result; equal to analysing the union.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The results are for maps with different stages.</exception>
    public static ConformanceResult Merge(ConformanceResult a, ConformanceResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.StageIds.SequenceEqual(b.StageIds))
        {
            throw new ArgumentException("Conformance results of maps with different stages cannot be merged.", nameof(b));
        }

        var table = a.Table.Select((row, s) => row.Zip(b.Table[s], (x, y) => x + y).ToArray()).ToArray();
        return new ConformanceResult(a.Journeys + b.Journeys, a.FitnessSum + b.FitnessSum, a.ConformingJourneys + b.ConformingJourneys, table, a.StageIds);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Count(ConformingJourneys)} of {Show.Count(Journeys)} journeys conform ({Show.Percent(ConformingShare)}), mean fitness {Show.Number(MeanFitness)}";
}
