using JourneyKit.Internal;

namespace JourneyKit.Paths;

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
