using JourneyKit.Internal;

namespace JourneyKit.Discovery;

/// <summary>
/// A draft current-state journey map discovered from events, with how each choice was made: the stages and the numbers
/// behind them, every touchpoint's evidence, each pain point's numbers, and the quality of the stage order.
/// </summary>
public sealed class MapDiscoveryResult
{
    private readonly Dictionary<string, string> _stageOf;

    internal MapDiscoveryResult(JourneyMap map, IReadOnlyList<DiscoveredStage> stages, IReadOnlyList<TouchpointEvidence> touchpoints, IReadOnlyList<PainPointEvidence> painPoints,
        double forwardShare, long transitions, string stageChoice)
    {
        Map = map;
        Stages = stages;
        Touchpoints = touchpoints;
        PainPoints = painPoints;
        ForwardShare = forwardShare;
        Transitions = transitions;
        StageChoice = stageChoice;
        _stageOf = touchpoints.ToDictionary(t => t.Touchpoint, t => t.StageId, StringComparer.Ordinal);
    }

    /// <summary>Gets the draft map: valid, state <see cref="JourneyMapState.Current"/>; every log touchpoint is a map touchpoint whose id is its log label. Edit it with <c>ToBuilder()</c>.</summary>
    public JourneyMap Map { get; }

    /// <summary>Gets the stages in map order.</summary>
    public IReadOnlyList<DiscoveredStage> Stages { get; }

    /// <summary>Gets every touchpoint's evidence, in map order.</summary>
    public IReadOnlyList<TouchpointEvidence> Touchpoints { get; }

    /// <summary>Gets the numbers behind each pain point of the map.</summary>
    public IReadOnlyList<PainPointEvidence> PainPoints { get; }

    /// <summary>Gets the quality figure: the share of the log's transitions (one event to the next in a journey) that stay in their stage or move to a later one under the discovered order.</summary>
    public double ForwardShare { get; }

    /// <summary>Gets the number of transitions <see cref="ForwardShare"/> is measured on.</summary>
    public long Transitions { get; }

    /// <summary>Gets how the number of stages was chosen, in words (the criterion and the explained spread per candidate).</summary>
    public string StageChoice { get; }

    /// <summary>Gets the map's stage id of a log touchpoint.</summary>
    /// <param name="touchpoint">The log label.</param>
    /// <returns>The stage id.</returns>
    /// <exception cref="ArgumentException">The log has no such touchpoint.</exception>
    public string StageOf(string touchpoint) =>
        _stageOf.TryGetValue(touchpoint ?? throw new ArgumentNullException(nameof(touchpoint)), out string? stage)
            ? stage
            : throw new ArgumentException($"Touchpoint '{Guard.Clip(touchpoint)}' is not a touchpoint of the log the map was discovered from.", nameof(touchpoint));

    /// <inheritdoc/>
    public override string ToString() =>
        $"Discovered map: {Show.Count(Stages.Count)} stages, {Show.Count(Touchpoints.Count)} touchpoints, {Show.Count(PainPoints.Count)} pain points; {ForwardShare:P1} of {Show.Count(Transitions)} transitions move forward or stay";
}
