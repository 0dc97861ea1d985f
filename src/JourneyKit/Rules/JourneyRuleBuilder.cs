namespace JourneyKit.Rules;

/// <summary>The first step of writing a rule in code: <c>JourneyRule.Named("cart-abandoned").When("add_to_cart")…</c>.</summary>
public sealed class JourneyRuleBuilder
{
    internal JourneyRuleBuilder(string name) => Name = name;

    /// <summary>Gets the rule's name.</summary>
    public string Name { get; }

    /// <summary>A rule that fires on every event at a touchpoint; follow with <see cref="JourneyRule.NotFollowedBy(string, TimeSpan)"/> or <see cref="JourneyRule.FollowedBy(string, TimeSpan)"/> for absence and sequence rules.</summary>
    /// <param name="touchpoint">The touchpoint X.</param>
    /// <returns>An <see cref="RuleKind.Occurrence"/> rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="touchpoint"/> is null, blank or not valid Unicode.</exception>
    public JourneyRule When(string touchpoint) => When(EventCondition.Touchpoint(touchpoint));

    /// <summary>A rule that fires on every event that meets a condition; follow with <see cref="JourneyRule.NotFollowedBy(EventCondition, TimeSpan)"/> or <see cref="JourneyRule.FollowedBy(EventCondition, TimeSpan)"/> for absence and sequence rules.</summary>
    /// <param name="condition">The condition X.</param>
    /// <returns>An <see cref="RuleKind.Occurrence"/> rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    public JourneyRule When(EventCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new JourneyRule(Name, RuleKind.Occurrence, condition, null, null, null, null, null, RearmPolicy.Ignore);
    }

    /// <summary>
    /// A stall rule: the customer entered <paramref name="stage"/> (an event in it after an event in another stage, or
    /// as their first event with a stage) and had no event in any other stage for <paramref name="within"/>. Events without
    /// a stage neither enter nor leave.
    /// </summary>
    /// <param name="stage">The stage S.</param>
    /// <param name="within">How long is too long; <see langword="null"/> takes the stage's <see cref="JourneyKit.Stage.ExpectedDwellTime"/> from the journey map the rule runs with (an error there when neither is given).</param>
    /// <returns>A <see cref="RuleKind.Stall"/> rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is null, blank or not valid Unicode.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is not positive or exceeds <see cref="JourneyRule.MaxWindow"/>.</exception>
    public JourneyRule Stalled(string stage, TimeSpan? within = null)
    {
        EventCondition condition = EventCondition.Stage(stage);
        if (within is { } t)
        {
            JourneyRule.CheckWindow(t, nameof(within));
        }

        return new JourneyRule(Name, RuleKind.Stall, condition, null, within, null, null, null, RearmPolicy.Ignore);
    }

    /// <inheritdoc/>
    public override string ToString() => $"rule '{Name}'";
}
