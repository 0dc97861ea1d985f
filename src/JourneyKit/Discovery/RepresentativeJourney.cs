using JourneyKit.Internal;

namespace JourneyKit.Discovery;

/// <summary>A real journey that stands for a group of journeys (a medoid), with the customers it stands for.</summary>
/// <param name="Steps">The journey's touchpoints (log labels), in order.</param>
/// <param name="Customers">The customers it stands for (each customer counted in exactly one representative).</param>
/// <param name="Share">Its customers' share of all.</param>
/// <param name="MeanDistance">The mean normalised edit distance (0 = the same path, 1 = nothing in common) from its customers' journeys to it.</param>
public sealed record RepresentativeJourney(IReadOnlyList<string> Steps, int Customers, double Share, double MeanDistance)
{
    /// <inheritdoc/>
    public override string ToString() => $"{string.Join(" > ", Steps)}: {Show.Count(Customers)} customers ({Share:P0}), mean distance {MeanDistance:0.00}";
}
