using JourneyKit.Internal;

namespace JourneyKit.Paths;

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
