using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>What one rule did over history, as of a moment: the back-test a marketer asks for before switching it on.</summary>
/// <param name="RuleName">The rule's name.</param>
/// <param name="Kind">The rule's kind.</param>
/// <param name="Fired">Firings with <see cref="RuleFiring.FiredAt"/> at or before the moment.</param>
/// <param name="FiredCustomers">Distinct customers with at least one firing.</param>
/// <param name="Pending">Episodes still open at the moment (due later; right-censored, not counted as fired).</param>
/// <param name="Suppressed">Firings held back by the rule's cooldown.</param>
/// <param name="RecoveredAnyway">
/// Absence and stall firings after which the customer did Y anyway (a later event meeting Y — for a stall rule, an
/// event in another stage — at or before the moment): the follow-up would not have been needed. Zero for other kinds.
/// </param>
public sealed record RuleSummary(string RuleName, RuleKind Kind, int Fired, int FiredCustomers, int Pending, int Suppressed, int RecoveredAnyway)
{
    /// <summary>Gets the firings (of <see cref="Fired"/>) held out by the rule's holdout (<see cref="RuleFiring.IsHoldout"/>): listed, never to be sent. 0 without a holdout.</summary>
    public int HeldOut { get; init; }

    /// <summary>Gets <see cref="RecoveredAnyway"/> / <see cref="Fired"/>.</summary>
    /// <value>NaN when the rule has not fired, or is not an absence or stall rule.</value>
    public double RecoveredShare => Fired == 0 || Kind is not (RuleKind.Absence or RuleKind.Stall) ? double.NaN : (double)RecoveredAnyway / Fired;

    /// <summary>Describes the summary, e.g. <c>cart-abandoned: 1,204 fired (1,198 customers), 87 pending, 31.0 % recovered anyway</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Guard.Clip(RuleName)}: {Show.Count(Fired)} fired ({Show.Count(FiredCustomers)} customers), {Show.Count(Pending)} pending" +
        (Suppressed > 0 ? $", {Show.Count(Suppressed)} suppressed by cooldown" : string.Empty) +
        (HeldOut > 0 ? $", {Show.Count(HeldOut)} held out" : string.Empty) +
        (double.IsNaN(RecoveredShare) ? string.Empty : $", {Show.Percent(RecoveredShare)} recovered anyway");
}
