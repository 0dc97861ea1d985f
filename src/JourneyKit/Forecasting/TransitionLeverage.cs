using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>
/// A lever: how much the probability that a journey converts would rise if one observed transition became more likely
/// (<see cref="JourneyModel.Leverage"/>).
/// </summary>
/// <param name="From">The step the transition leaves.</param>
/// <param name="To">The step it enters, or <see cref="JourneyModel.ConvertedState"/>.</param>
/// <param name="Probability">The transition's fitted probability.</param>
/// <param name="ConversionGain">The rise in the probability of converting (absolute), with its interval.</param>
public sealed record TransitionLeverage(string From, string To, double Probability, ForecastValue ConversionGain)
{
    /// <summary>Formats the lever.</summary>
    /// <returns>"from → to (p = …): +gain [interval]".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{From} → {To} (p = {Show.Number(Probability)}): {ConversionGain.Value:+0.0000;-0.0000} {ConversionGain.Interval}");
}
