using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>The customers of one funnel step.</summary>
/// <param name="Name">The step.</param>
/// <param name="Entered">Customers who reached the step.</param>
/// <param name="Converted">Customers who went on to the next step (for the last step: all who reached it).</param>
/// <param name="Dropped">Customers whose progress ended at this step, with the time they reached it (the last step has none).</param>
public sealed record FunnelStepAudience(string Name, IReadOnlyList<string> Entered, IReadOnlyList<string> Converted, IReadOnlyList<FunnelDrop> Dropped)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: entered {Show.Count(Entered.Count)}, went on {Show.Count(Converted.Count)}, dropped {Show.Count(Dropped.Count)}";
}
