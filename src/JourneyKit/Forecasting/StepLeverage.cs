using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>How much the probability that a journey converts would rise if fewer journeys ended at one step (<see cref="JourneyModel.LossLeverage"/>).</summary>
/// <param name="Step">The step.</param>
/// <param name="LossShare">The fitted share of the step's exits that end the journey unconverted (lost, and churned when churn is absorbing).</param>
/// <param name="ConversionGain">The rise in the probability of converting (absolute), with its interval.</param>
public sealed record StepLeverage(string Step, double LossShare, ForecastValue ConversionGain)
{
    /// <summary>Formats the lever.</summary>
    /// <returns>"step (loss …): +gain [interval]".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Step} (loss {Show.Percent(LossShare)}): {ConversionGain.Value:+0.0000;-0.0000} {ConversionGain.Interval}");
}
