using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>One step of a Kaplan–Meier curve.</summary>
/// <param name="Time">An event time.</param>
/// <param name="AtRisk">Subjects at risk just before it.</param>
/// <param name="Events">Events at it.</param>
/// <param name="Censored">Subjects censored at it (counted at risk, leaving after).</param>
/// <param name="Survival">S(t) from this time on.</param>
/// <param name="StandardError">Greenwood standard error of S(t).</param>
public sealed record SurvivalStep(double Time, long AtRisk, long Events, long Censored, double Survival, double StandardError)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"t = {Show.Number(Time)}: at risk {Show.Count(AtRisk)}, events {Show.Count(Events)}, censored {Show.Count(Censored)}, S = {Show.Percent(Survival)} (SE {Show.Number(StandardError)})";
}
