using System.Globalization;

namespace JourneyKit.Forecasting;

/// <summary>One quantity before and after a scenario, and the lift (scenario − baseline), each with its interval from the same paired draws.</summary>
/// <param name="Baseline">The quantity under today's (fitted) model.</param>
/// <param name="Scenario">The quantity under the scenario.</param>
/// <param name="Lift">Scenario − baseline, per draw: its interval is the lift's own, narrower than the two intervals side by side.</param>
public sealed record ForecastComparison(ForecastValue Baseline, ForecastValue Scenario, ForecastValue Lift)
{
    /// <summary>Formats the comparison.</summary>
    /// <returns>"baseline → scenario (lift …)".</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Baseline} → {Scenario} (lift {Lift})");
}
