using System.Globalization;
using System.Text;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>
/// A test on one event — a touchpoint, a stage, a channel, an outcome, bounds on the value or the feedback score — and
/// their combinations with <see cref="All"/> (<c>&amp;</c>), <see cref="Any"/> (<c>|</c>) and <see cref="Not"/> (<c>!</c>).
/// Immutable; equal when the trees are equal.
/// </summary>
/// <example><code>
/// // a detractor's answer on the support channel
/// var condition = EventCondition.Feedback(atMost: 6) &amp; EventCondition.Channel("support");
/// </code></example>
public sealed class EventCondition : IEquatable<EventCondition>
{
    /// <summary>The most operands (over the whole tree) a condition may have, so that evaluation stays cheap.</summary>
    public const int MaxNodes = 256;

    /// <summary>
    /// The deepest a condition may nest (a leaf alone has depth 1; <c>!(a &amp; b)</c> has 3), so that every condition
    /// that can be built can also be saved as JSON, read back and evaluated without deep recursion.
    /// </summary>
    public const int MaxDepth = 24;

    /// <summary>The longest touchpoint, stage or channel id a condition may name, in characters.</summary>
    public const int MaxIdLength = 1024;

    private readonly EventCondition[] _operands;

    private EventCondition(ConditionKind kind, string? id, EventOutcome outcome, double? atLeast, double? atMost, EventCondition[] operands)
    {
        Kind = kind;
        Id = id;
        ExpectedOutcome = outcome;
        AtLeast = atLeast;
        AtMost = atMost;
        _operands = operands;
        NodeCount = 1 + operands.Sum(o => o.NodeCount);
        if (NodeCount > MaxNodes)
        {
            throw new ArgumentException($"The condition has {NodeCount} parts; at most {MaxNodes} are allowed (EventCondition.MaxNodes).", nameof(operands));
        }

        Depth = 1 + (operands.Length == 0 ? 0 : operands.Max(o => o.Depth));
        if (Depth > MaxDepth)
        {
            throw new ArgumentException($"The condition nests {Depth} deep; at most {MaxDepth} levels are allowed (EventCondition.MaxDepth).", nameof(operands));
        }
    }

    /// <summary>Gets what the condition looks at.</summary>
    public ConditionKind Kind { get; }

    /// <summary>Gets the touchpoint, stage or channel for those kinds; otherwise <see langword="null"/>.</summary>
    public string? Id { get; }

    /// <summary>Gets the outcome for <see cref="ConditionKind.Outcome"/>; otherwise <see cref="EventOutcome.None"/>.</summary>
    public EventOutcome ExpectedOutcome { get; }

    /// <summary>Gets the inclusive lower bound for <see cref="ConditionKind.Value"/> and <see cref="ConditionKind.Feedback"/>, or <see langword="null"/> for none.</summary>
    public double? AtLeast { get; }

    /// <summary>Gets the inclusive upper bound for <see cref="ConditionKind.Value"/> and <see cref="ConditionKind.Feedback"/>, or <see langword="null"/> for none.</summary>
    public double? AtMost { get; }

    /// <summary>Gets the operands of <see cref="ConditionKind.All"/>, <see cref="ConditionKind.Any"/> and <see cref="ConditionKind.Not"/>; empty otherwise.</summary>
    public IReadOnlyList<EventCondition> Operands => _operands;

    internal int NodeCount { get; }

    internal int Depth { get; }

    /// <summary>The event is at a touchpoint.</summary>
    /// <param name="id">The touchpoint (a map's touchpoint id, or the label the events carry).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, blank, not valid Unicode or longer than <see cref="MaxIdLength"/>.</exception>
    public static EventCondition Touchpoint(string id) => new(ConditionKind.Touchpoint, Label(id), EventOutcome.None, null, null, []);

    /// <summary>The event is in a stage.</summary>
    /// <param name="id">The stage (a map's stage id, or the label the events carry).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, blank, not valid Unicode or longer than <see cref="MaxIdLength"/>.</exception>
    public static EventCondition Stage(string id) => new(ConditionKind.Stage, Label(id), EventOutcome.None, null, null, []);

    /// <summary>The event is on a channel.</summary>
    /// <param name="id">The channel (a map's channel id, or the label the events carry).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, blank, not valid Unicode or longer than <see cref="MaxIdLength"/>.</exception>
    public static EventCondition Channel(string id) => new(ConditionKind.Channel, Label(id), EventOutcome.None, null, null, []);

    /// <summary>The event has an outcome.</summary>
    /// <param name="outcome">The outcome; <see cref="EventOutcome.None"/> matches ordinary interactions.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a defined value.</exception>
    public static EventCondition Outcome(EventOutcome outcome)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a defined EventOutcome.");
        }

        return new(ConditionKind.Outcome, null, outcome, null, null, []);
    }

    /// <summary>The event carries a value within inclusive bounds; an event without a value never matches.</summary>
    /// <param name="atLeast">The lower bound, or <see langword="null"/> for none.</param>
    /// <param name="atMost">The upper bound, or <see langword="null"/> for none.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">Neither bound is given, a bound is not finite, or <paramref name="atLeast"/> &gt; <paramref name="atMost"/>.</exception>
    public static EventCondition Value(double? atLeast = null, double? atMost = null) => Bounded(ConditionKind.Value, atLeast, atMost);

    /// <summary>The event carries a feedback score within inclusive bounds (a detractor: <c>Feedback(atMost: 6)</c>); an event without feedback never matches.</summary>
    /// <param name="atLeast">The lower bound, or <see langword="null"/> for none.</param>
    /// <param name="atMost">The upper bound, or <see langword="null"/> for none.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">Neither bound is given, a bound is not finite, or <paramref name="atLeast"/> &gt; <paramref name="atMost"/>.</exception>
    public static EventCondition Feedback(double? atLeast = null, double? atMost = null) => Bounded(ConditionKind.Feedback, atLeast, atMost);

    /// <summary>Every operand holds.</summary>
    /// <param name="operands">At least one condition.</param>
    /// <returns>The condition (the operand itself when there is one).</returns>
    /// <exception cref="ArgumentException">No operands, a null operand, more than <see cref="MaxNodes"/> parts in all, or nesting deeper than <see cref="MaxDepth"/>.</exception>
    public static EventCondition All(params IEnumerable<EventCondition> operands) => Combine(ConditionKind.All, operands);

    /// <summary>At least one operand holds.</summary>
    /// <param name="operands">At least one condition.</param>
    /// <returns>The condition (the operand itself when there is one).</returns>
    /// <exception cref="ArgumentException">No operands, a null operand, more than <see cref="MaxNodes"/> parts in all, or nesting deeper than <see cref="MaxDepth"/>.</exception>
    public static EventCondition Any(params IEnumerable<EventCondition> operands) => Combine(ConditionKind.Any, operands);

    /// <summary>The operand does not hold.</summary>
    /// <param name="operand">The condition to negate.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operand"/> is null.</exception>
    /// <exception cref="ArgumentException">The negation would have more than <see cref="MaxNodes"/> parts or nest deeper than <see cref="MaxDepth"/>.</exception>
    public static EventCondition Not(EventCondition operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return new(ConditionKind.Not, null, EventOutcome.None, null, null, [operand]);
    }

    /// <summary>Both conditions hold (<see cref="All"/>).</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The condition.</returns>
    public static EventCondition operator &(EventCondition left, EventCondition right) => All(left, right);

    /// <summary>Either condition holds (<see cref="Any"/>).</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The condition.</returns>
    public static EventCondition operator |(EventCondition left, EventCondition right) => Any(left, right);

    /// <summary>The condition does not hold (<see cref="Not"/>).</summary>
    /// <param name="operand">The condition.</param>
    /// <returns>The condition.</returns>
    public static EventCondition operator !(EventCondition operand) => Not(operand);

    /// <summary>Named alternative to <c>&amp;</c>.</summary>
    /// <param name="other">The other condition.</param>
    /// <returns>This condition and <paramref name="other"/>.</returns>
    public EventCondition And(EventCondition other) => All(this, other);

    /// <summary>Named alternative to <c>|</c>.</summary>
    /// <param name="other">The other condition.</param>
    /// <returns>This condition or <paramref name="other"/>.</returns>
    public EventCondition Or(EventCondition other) => Any(this, other);

    /// <summary>Named alternative to <c>!</c>.</summary>
    /// <returns>The negation of this condition.</returns>
    public EventCondition LogicalNot() => Not(this);

    /// <summary>Names of the touchpoints, stages and channels the condition mentions, by kind.</summary>
    /// <param name="kind"><see cref="ConditionKind.Touchpoint"/>, <see cref="ConditionKind.Stage"/> or <see cref="ConditionKind.Channel"/>.</param>
    /// <returns>The ids, in tree order, without duplicates.</returns>
    public IReadOnlyList<string> Mentioned(ConditionKind kind)
    {
        var found = new List<string>();
        Collect(this, kind, found);
        return found;

        static void Collect(EventCondition c, ConditionKind kind, List<string> found)
        {
            if (c.Kind == kind && c.Id is { } id && !found.Contains(id, StringComparer.Ordinal))
            {
                found.Add(id);
            }

            foreach (EventCondition o in c._operands)
            {
                Collect(o, kind, found);
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(EventCondition? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (Kind == other.Kind && string.Equals(Id, other.Id, StringComparison.Ordinal) && ExpectedOutcome == other.ExpectedOutcome &&
          Nullable.Equals(AtLeast, other.AtLeast) && Nullable.Equals(AtMost, other.AtMost) && _operands.AsSpan().SequenceEqual(other._operands)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EventCondition);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(Id, StringComparer.Ordinal);
        hash.Add(ExpectedOutcome);
        hash.Add(AtLeast);
        hash.Add(AtMost);
        foreach (EventCondition o in _operands)
        {
            hash.Add(o);
        }

        return hash.ToHashCode();
    }

    /// <summary>Describes the condition, e.g. <c>touchpoint 'add_to_cart' and feedback ≤ 6</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, nested: false);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, bool nested)
    {
        switch (Kind)
        {
            case ConditionKind.Touchpoint or ConditionKind.Stage or ConditionKind.Channel:
                sb.Append(Kind.ToString().ToLowerInvariant()).Append(" '").Append(Guard.Clip(Id)).Append('\'');
                break;
            case ConditionKind.Outcome:
                sb.Append("outcome ").Append(ExpectedOutcome.ToString().ToLowerInvariant());
                break;
            case ConditionKind.Value or ConditionKind.Feedback:
                string name = Kind.ToString().ToLowerInvariant();
                if (AtLeast is { } lo && AtMost is { } hi)
                {
                    sb.Append(Number(lo)).Append(" ≤ ").Append(name).Append(" ≤ ").Append(Number(hi));
                }
                else if (AtLeast is { } low)
                {
                    sb.Append(name).Append(" ≥ ").Append(Number(low));
                }
                else
                {
                    sb.Append(name).Append(" ≤ ").Append(Number(AtMost!.Value));
                }

                break;
            case ConditionKind.Not:
                sb.Append("not ");
                _operands[0].Write(sb, nested: true);
                break;
            default:
                if (nested)
                {
                    sb.Append('(');
                }

                for (int i = 0; i < _operands.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(Kind == ConditionKind.All ? " and " : " or ");
                    }

                    _operands[i].Write(sb, nested: true);
                }

                if (nested)
                {
                    sb.Append(')');
                }

                break;
        }

        static string Number(double x) => x.ToString("G15", CultureInfo.InvariantCulture);
    }

    private static string Label(string id)
    {
        Guard.Name(id, nameof(id));
        return id.Length <= MaxIdLength
            ? id
            : throw new ArgumentException($"Id '{Guard.Clip(id.AsSpan(0, 20))}…' is {id.Length:N0} characters long; a condition names ids of at most {MaxIdLength:N0} (EventCondition.MaxIdLength).", nameof(id));
    }

    private static EventCondition Bounded(ConditionKind kind, double? atLeast, double? atMost)
    {
        if (atLeast is null && atMost is null)
        {
            throw new ArgumentException($"A {kind.ToString().ToLowerInvariant()} condition needs atLeast, atMost or both.", nameof(atLeast));
        }

        if (atLeast is { } lo && !double.IsFinite(lo))
        {
            throw new ArgumentException($"atLeast must be a finite number, not {lo}.", nameof(atLeast));
        }

        if (atMost is { } hi && !double.IsFinite(hi))
        {
            throw new ArgumentException($"atMost must be a finite number, not {hi}.", nameof(atMost));
        }

        if (atLeast > atMost)
        {
            throw new ArgumentException($"atLeast ({atLeast}) is greater than atMost ({atMost}); no event could match.", nameof(atLeast));
        }

        return new(kind, null, EventOutcome.None, atLeast, atMost, []);
    }

    private static EventCondition Combine(ConditionKind kind, IEnumerable<EventCondition> operands)
    {
        ArgumentNullException.ThrowIfNull(operands);
        EventCondition[] items = operands.ToArray();
        if (items.Length == 0)
        {
            throw new ArgumentException($"{kind} needs at least one condition.", nameof(operands));
        }

        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException($"Condition {i} of {kind} is null.", nameof(operands));
            }
        }

        return items.Length == 1 ? items[0] : new(kind, null, EventOutcome.None, null, null, items);
    }
}
