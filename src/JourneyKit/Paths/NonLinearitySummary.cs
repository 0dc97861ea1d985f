using JourneyKit.Internal;

namespace JourneyKit.Paths;

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
