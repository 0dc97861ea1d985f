using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>A path variant within a persona: the steps at the discovery's level and how many of its customers walked exactly them.</summary>
/// <param name="Steps">The steps; at most 20 (longer journeys end in <c>…</c>).</param>
/// <param name="Customers">The persona's customers with this path.</param>
/// <param name="Share">Over the persona's customers.</param>
public sealed record PersonaPath(IReadOnlyList<string> Steps, int Customers, double Share)
{
    /// <summary>The most steps kept of one path.</summary>
    public const int MaxSteps = 20;

    /// <inheritdoc/>
    public override string ToString() => $"{Show.Percent(Share)}  {string.Join(" → ", Steps.Select(s => Guard.Clip(s)))}";
}
