using JourneyKit.Internal;

namespace JourneyKit.Attribution;

/// <summary>One transition of the attribution chain.</summary>
/// <param name="From">The state moved from; <c>(start)</c> or a channel window.</param>
/// <param name="To">The state moved to; a channel window, <c>(conversion)</c> or <c>(null)</c>.</param>
/// <param name="Weight">The path weight behind the transition.</param>
/// <param name="Probability">The transition probability (weight over the row's total).</param>
public sealed record StateTransition(string From, string To, double Weight, double Probability)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{From} → {To}: {Show.Percent(Probability)} (weight {Show.Number(Weight)})";
}
