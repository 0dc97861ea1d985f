using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>
/// The rules evaluated over an event log as of a moment (<see cref="RuleEngine.Evaluate(Events.EventLog, DateTimeOffset, CancellationToken)"/>):
/// what fired, what is still open, and per rule the back-test figures.
/// </summary>
public sealed class RuleEvaluation
{
    internal RuleEvaluation(DateTimeOffset asOf, IReadOnlyList<RuleFiring> fired, IReadOnlyList<RuleFiring> pending, IReadOnlyList<RuleFiring> recovered, RuleSummary[] summaries, IReadOnlyList<string>? warnings = null,
        IReadOnlyList<JourneyRule>? rules = null, IReadOnlyList<TimeSpan>? windows = null)
    {
        Definitions = rules ?? [];
        Windows = windows ?? [];
        Warnings = warnings ?? [];
        AsOf = asOf;
        Fired = fired;
        Pending = pending;
        RecoveredAnyway = recovered;
        Summaries = summaries;
    }

    /// <summary>Gets the moment the rules were evaluated as of; events after it were not seen.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>
    /// Gets every firing at or before <see cref="AsOf"/>, by customer in the log's order and each customer's by
    /// <see cref="RuleFiring.FiredAt"/>, then rule (in the engine's order), then start. Held compactly (ids and ticks);
    /// each element is made when read.
    /// </summary>
    public IReadOnlyList<RuleFiring> Fired { get; }

    /// <summary>Gets the episodes open at <see cref="AsOf"/> (due later), ordered like <see cref="Fired"/> (each customer's by due time); <see cref="RuleFiring.FiredAt"/> holds the due time. Never counted as fired.</summary>
    public IReadOnlyList<RuleFiring> Pending { get; }

    /// <summary>Gets the absence and stall firings after which the customer did Y anyway at or before <see cref="AsOf"/> (a subset of <see cref="Fired"/>, same order).</summary>
    public IReadOnlyList<RuleFiring> RecoveredAnyway { get; }

    /// <summary>
    /// Gets what the evaluation could not check for the caller: with no journey map, each touchpoint, stage or channel a
    /// rule names that no event of the log carries (a misspelling, <c>white-paper</c> for <c>white_paper</c>, or a label
    /// the log just lacks) — the rule cannot fire on it. Each names the rule and the closest labels of the log. Empty when
    /// every label was found (or a map checked them).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The rules evaluated, in the engine's order (for pictures that name what a rule waits for).</summary>
    internal IReadOnlyList<JourneyRule> Definitions { get; }

    /// <summary>Each rule's window T as evaluated (a stall rule's from the map), in the engine's order; zero for occurrence rules.</summary>
    internal IReadOnlyList<TimeSpan> Windows { get; }

    /// <summary>Gets one summary per rule, in the engine's order.</summary>
    public IReadOnlyList<RuleSummary> Summaries { get; }

    /// <summary>Gets the summary of one rule.</summary>
    /// <param name="ruleName">The rule's name.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="KeyNotFoundException">No rule has that name.</exception>
    public RuleSummary this[string ruleName] =>
        Summaries.FirstOrDefault(s => string.Equals(s.RuleName, ruleName, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No rule named '{Guard.Clip(ruleName)}' was evaluated.");

    /// <inheritdoc/>
    public override string ToString() =>
        $"Rules as of {AsOf.UtcDateTime:yyyy-MM-dd HH:mm:ss}: {Show.Count(Fired.Count)} fired, {Show.Count(Pending.Count)} pending over {Summaries.Count} rules" +
        (Warnings.Count == 0 ? "" : $"; {Warnings.Count} warning(s): {Warnings[0]}");
}
