using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>A step of a discovered persona's chain next to the same step in the whole population.</summary>
/// <param name="From">The state the step leaves.</param>
/// <param name="To">The state it goes to (<c>(end)</c>: the journey ends).</param>
/// <param name="Probability">P(To | From) in the persona's chain.</param>
/// <param name="PopulationProbability">P(To | From) over all journeys (smoothed the same way).</param>
public sealed record PersonaTransition(string From, string To, double Probability, double PopulationProbability)
{
    /// <summary>Gets <see cref="Probability"/> / <see cref="PopulationProbability"/>: how many times as often as average the persona takes this step.</summary>
    public double Lift => Probability / PopulationProbability;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Guard.Clip(From)} → {Guard.Clip(To)}: {Probability:P1} vs {PopulationProbability:P1} overall ({Lift:F1}×)");
}
