using System.Globalization;
using System.Text;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>
/// What a scenario would do to today's journeys (<see cref="JourneyModel.Forecast"/>): the probability that a journey
/// converts before and after, the lift, and what follows from it — expected conversions, revenue, time to convert — each
/// with a credible interval from the same posterior draws (so a lift's interval is the lift's own).
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Changes">The changes, in the order applied.</param>
/// <param name="Journeys">The number of journeys the expected conversions and revenue are for.</param>
/// <param name="Baseline">The probability that a journey converts today.</param>
/// <param name="Conversion">The probability that a journey converts under the scenario.</param>
/// <param name="Lift">Scenario − baseline (absolute, in probability).</param>
/// <param name="ExpectedConversions">Expected conversions of <paramref name="Journeys"/> journeys.</param>
/// <param name="Revenue">Expected revenue of those journeys (conversions × value per conversion); <see langword="null"/> when the log carries no conversion values.</param>
/// <param name="DaysToConvert">Mean days from a journey's first event to its conversion, among journeys that convert; <see langword="null"/> when the scenario leaves a draw with no conversion at all.</param>
/// <param name="Notes">What the forecast could not apply and why (a step dropped from the future map that no journey had before converting); empty when every change applied.</param>
public sealed record ScenarioForecast(
    string Scenario,
    IReadOnlyList<ScenarioChange> Changes,
    long Journeys,
    ForecastValue Baseline,
    ForecastValue Conversion,
    ForecastValue Lift,
    ForecastComparison ExpectedConversions,
    ForecastComparison? Revenue,
    ForecastComparison? DaysToConvert,
    IReadOnlyList<string> Notes)
{
    /// <summary>Formats the forecast for a person: the scenario, its changes and every quantity.</summary>
    /// <returns>Several lines.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Scenario '{Scenario}' ({Changes.Count} change{(Changes.Count == 1 ? "" : "s")}, {Show.Count(Journeys)} journeys)").AppendLine();
        foreach (ScenarioChange change in Changes)
        {
            text.Append("  ").Append(change).AppendLine();
        }

        text.Append(CultureInfo.InvariantCulture, $"  conversion {Baseline} → {Conversion}, lift {Lift}").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  expected conversions {ExpectedConversions}");
        if (Revenue is not null)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  revenue {Revenue}");
        }

        if (DaysToConvert is not null)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  days to convert {DaysToConvert}");
        }

        foreach (string note in Notes)
        {
            text.AppendLine().Append("  note: ").Append(note);
        }

        return text.ToString();
    }
}
