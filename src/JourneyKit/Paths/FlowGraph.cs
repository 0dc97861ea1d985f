using JourneyKit.Internal;

namespace JourneyKit.Paths;

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
