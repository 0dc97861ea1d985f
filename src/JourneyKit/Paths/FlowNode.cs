using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>One level of a flow (Sankey) diagram: a step reached at that distance from the anchor.</summary>
/// <param name="Level">0 for the anchor, 1 for the next (or previous) step, and so on.</param>
/// <param name="Name">The step; <c>(other)</c> gathers steps outside the top k, <c>(end)</c>/<c>(start)</c> journeys that ended/began.</param>
/// <param name="Count">How many journeys.</param>
public sealed record FlowNode(int Level, string Name, long Count)
{
    /// <inheritdoc/>
    public override string ToString() => $"step {Level}: {Name} ({Show.Count(Count)})";
}
