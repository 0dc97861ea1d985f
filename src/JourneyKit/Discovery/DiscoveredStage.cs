using JourneyKit.Internal;

namespace JourneyKit.Discovery;

/// <summary>A stage of a discovered map and the numbers behind it.</summary>
/// <param name="Id">The map's stage id (<c>stage-1</c>, …).</param>
/// <param name="Name">The generated name: the stage's most frequent touchpoints (editable through <c>ToBuilder()</c>).</param>
/// <param name="Position">The stage's place in the map, 0 first.</param>
/// <param name="Touchpoints">The log touchpoints in the stage, most frequent first.</param>
/// <param name="TypicalStep">The stage's typical place in a journey: the event-weighted mean over its touchpoints of the step at which a journey first reaches them (0 = a journey's first event).</param>
/// <param name="Events">The events at the stage's touchpoints.</param>
public sealed record DiscoveredStage(string Id, string Name, int Position, IReadOnlyList<string> Touchpoints, double TypicalStep, long Events)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Show.Count(Touchpoints.Count)} touchpoints, typical step {TypicalStep:0.0}, {Show.Count(Events)} events";
}
