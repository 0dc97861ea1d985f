using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>Who moved through a funnel: the customers per step (see <see cref="PathAnalyzer.FunnelAudience(Events.EventLog, FunnelDefinition, CancellationToken)"/>).</summary>
public sealed class FunnelAudience
{
    internal FunnelAudience(IReadOnlyList<FunnelStepAudience> steps) => Steps = steps;

    /// <summary>Gets the customers of each step, in funnel order.</summary>
    public IReadOnlyList<FunnelStepAudience> Steps { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        "Funnel audience: " + string.Join(" → ", Steps.Select(s => $"{s.Name} {Show.Count(s.Entered.Count)} (dropped {Show.Count(s.Dropped.Count)})"));
}
