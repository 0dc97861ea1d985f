using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>A move between two stages and how often it happened.</summary>
/// <param name="From">The stage moved from.</param>
/// <param name="To">The stage moved to.</param>
/// <param name="Count">How many times.</param>
public sealed record StageRoute(string From, string To, long Count)
{
    /// <inheritdoc/>
    public override string ToString() => $"{From} → {To}: {Show.Count(Count)}";
}
