using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>One change of a <see cref="JourneyScenario"/>.</summary>
/// <param name="Kind">What the change does.</param>
/// <param name="Step">The step changed (the "from" step of a transition); <see langword="null"/> for <see cref="ScenarioChangeKind.SetConversionValue"/>.</param>
/// <param name="To">The "to" step of a transition (a step or <see cref="JourneyModel.ConvertedState"/>, <see cref="JourneyModel.LostState"/>, <see cref="JourneyModel.ChurnedState"/>); otherwise <see langword="null"/>.</param>
/// <param name="Value">The probability, factor or conversion value; NaN for <see cref="ScenarioChangeKind.RemoveStep"/>.</param>
/// <param name="Reason">Why the change is made: the map change or stated assumption it comes from, or <see langword="null"/>.</param>
public sealed record ScenarioChange(ScenarioChangeKind Kind, string? Step, string? To, double Value, string? Reason)
{
    /// <summary>
    /// Gets a value indicating whether the change was derived from a map diff (<see cref="JourneyScenario.FromMaps"/>) rather
    /// than stated: a removed touchpoint the log never has before a conversion cannot change one, and is noted instead of refused.
    /// </summary>
    internal bool FromMap { get; init; }

    /// <summary>Describes the change for a person, e.g. "P(checkout → purchase) = 0.75".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string text = Kind switch
        {
            ScenarioChangeKind.SetTransition => $"P({Step} → {To}) = {Show.Number(Value)}",
            ScenarioChangeKind.ScaleTransition => $"P({Step} → {To}) × {Show.Number(Value)}",
            ScenarioChangeKind.RemoveStep => $"remove '{Step}'",
            ScenarioChangeKind.ScaleDwell => $"dwell at '{Step}' × {Show.Number(Value)}",
            _ => string.Create(CultureInfo.InvariantCulture, $"conversion value = {Show.Number(Value)}"),
        };
        return Reason is null ? text : $"{text} ({Reason})";
    }
}
