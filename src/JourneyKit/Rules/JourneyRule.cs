using System.Text;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>
/// A rule that acts on journeys: fire on X (<see cref="RuleKind.Occurrence"/>), when X is not followed by Y within T
/// (<see cref="RuleKind.Absence"/>), when it is (<see cref="RuleKind.Sequence"/>), or when a customer stalls in a stage
/// (<see cref="RuleKind.Stall"/>). Immutable: the <c>With…</c> methods return a new rule. Start with <see cref="Named"/>.
/// </summary>
/// <remarks>
/// <para><b>Episode semantics.</b> Per customer and rule, events in journey order (time, then input order). With no
/// episode open, an X opens one at t_X with due time t_X + T. A Y after X (later in journey order) with t_Y ≤ due closes
/// it without firing. When time passes the due time with the episode still open, the rule fires once:
/// <see cref="RuleFiring.StartedAt"/> = t_X of the opening X, <see cref="RuleFiring.DueAt"/> = t_X + T. The next X after a
/// close or a firing opens a new episode.</para>
/// <para>An event that is both Y and X is taken as Y first (closing the open episode), then as X (opening the next).
/// A <see cref="RuleKind.Sequence"/> rule fires at the Y that closes an episode in time (<see cref="RuleFiring.FiredAt"/> =
/// t_Y) and lets an episode without Y lapse silently at its due time. An <see cref="RuleKind.Occurrence"/> rule fires at
/// every X. A <see cref="RuleKind.Stall"/> rule is an absence rule whose X is entering the stage and whose Y is any
/// event in another stage.</para>
/// <para>A repeated X while an episode is open is ignored, or restarts the clock under <see cref="RearmPolicy.Restart"/>.
/// With a <see cref="Cooldown"/> C, a firing less than C after the customer's previous firing of the rule is suppressed
/// (the episode ends without firing); with <see cref="MaxFirings"/> N, no episode opens once the rule has fired N
/// times for the customer.</para>
/// </remarks>
public sealed class JourneyRule : IEquatable<JourneyRule>
{
    internal JourneyRule(string name, RuleKind kind, EventCondition trigger, EventCondition? follow, TimeSpan? within, TimeSpan? cooldown, int? maxFirings, string? description, RearmPolicy rearm, IHoldoutAssignment? holdout = null)
    {
        Holdout = holdout;
        Name = name;
        Kind = kind;
        Trigger = trigger;
        Follow = follow;
        Within = within;
        Cooldown = cooldown;
        MaxFirings = maxFirings;
        Description = description;
        Rearm = rearm;
    }

    /// <summary>
    /// The longest window, cooldown (and monitor lateness) a rule may have: 36,525 days, about 100 years. Longer spans
    /// are refused where they are set, in code and in JSON — a window near <see cref="TimeSpan.MaxValue"/> would overflow
    /// the time arithmetic. An episode whose due time falls after <see cref="DateTimeOffset.MaxValue"/> (a window that
    /// starts near year 9999) is never due: it stays pending, listed with <see cref="RuleFiring.DueAt"/> =
    /// <see cref="DateTimeOffset.MaxValue"/>.
    /// </summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(36_525);

    /// <summary>Gets the rule's name: unique within a rule set, part of every firing's id.</summary>
    public string Name { get; }

    /// <summary>Gets the pattern the rule looks for.</summary>
    public RuleKind Kind { get; }

    /// <summary>Gets X, the condition that opens an episode (for a <see cref="RuleKind.Stall"/> rule, the stage condition).</summary>
    public EventCondition Trigger { get; }

    /// <summary>Gets Y, the condition that closes an episode; <see langword="null"/> for <see cref="RuleKind.Occurrence"/> and <see cref="RuleKind.Stall"/> rules.</summary>
    public EventCondition? Follow { get; }

    /// <summary>Gets T, the window after X; <see langword="null"/> for <see cref="RuleKind.Occurrence"/> rules and for stall rules that take the stage's expected dwell time.</summary>
    public TimeSpan? Within { get; }

    /// <summary>Gets the cooldown C: no second firing for the same customer less than C after the previous one; <see langword="null"/> for none.</summary>
    public TimeSpan? Cooldown { get; }

    /// <summary>Gets the most firings per customer; <see langword="null"/> for no limit.</summary>
    public int? MaxFirings { get; }

    /// <summary>Gets what a repeated X does while an episode is open.</summary>
    /// <value>Default: <see cref="RearmPolicy.Ignore"/>.</value>
    public RearmPolicy Rearm { get; }

    /// <summary>Gets a note for the people who maintain the rule, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>
    /// Gets the holdout: the customers it puts in the control arm still have their firings listed, flagged
    /// <see cref="RuleFiring.IsHoldout"/>, so that the rule's effect can be measured against them; a sender acts only on
    /// firings that are not held out. <see langword="null"/> (default) for no holdout.
    /// </summary>
    public IHoldoutAssignment? Holdout { get; }

    /// <summary>Gets the stage a <see cref="RuleKind.Stall"/> rule watches; otherwise <see langword="null"/>.</summary>
    public string? StallStage => Kind == RuleKind.Stall ? Trigger.Id : null;

    /// <summary>Starts a rule.</summary>
    /// <param name="name">The rule's name: not blank, no surrounding white space, at most 200 characters.</param>
    /// <returns>A builder; call <see cref="JourneyRuleBuilder.When(string)"/> or <see cref="JourneyRuleBuilder.Stalled"/> next.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid id.</exception>
    public static JourneyRuleBuilder Named(string name) => new(Guard.Id(name, nameof(name)));

    /// <summary>Makes this rule an absence rule: fire when no event at <paramref name="touchpoint"/> follows X within <paramref name="within"/>.</summary>
    /// <param name="touchpoint">The touchpoint Y.</param>
    /// <param name="within">The window T. Range: 0 &lt; T ≤ <see cref="MaxWindow"/>.</param>
    /// <returns>The <see cref="RuleKind.Absence"/> rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="touchpoint"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is not positive or exceeds <see cref="MaxWindow"/>.</exception>
    /// <exception cref="InvalidOperationException">This rule is not a plain <c>When(X)</c> rule.</exception>
    public JourneyRule NotFollowedBy(string touchpoint, TimeSpan within) => NotFollowedBy(EventCondition.Touchpoint(touchpoint), within);

    /// <summary>Makes this rule an absence rule: fire when no event meeting <paramref name="condition"/> follows X within <paramref name="within"/>.</summary>
    /// <param name="condition">The condition Y.</param>
    /// <param name="within">The window T. Range: 0 &lt; T ≤ <see cref="MaxWindow"/>.</param>
    /// <returns>The <see cref="RuleKind.Absence"/> rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is not positive or exceeds <see cref="MaxWindow"/>.</exception>
    /// <exception cref="InvalidOperationException">This rule is not a plain <c>When(X)</c> rule.</exception>
    public JourneyRule NotFollowedBy(EventCondition condition, TimeSpan within) => Followed(RuleKind.Absence, condition, within);

    /// <summary>Makes this rule a sequence rule: fire at the event at <paramref name="touchpoint"/> that follows X within <paramref name="within"/>.</summary>
    /// <param name="touchpoint">The touchpoint Y.</param>
    /// <param name="within">The window T. Range: 0 &lt; T ≤ <see cref="MaxWindow"/>.</param>
    /// <returns>The <see cref="RuleKind.Sequence"/> rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="touchpoint"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is not positive or exceeds <see cref="MaxWindow"/>.</exception>
    /// <exception cref="InvalidOperationException">This rule is not a plain <c>When(X)</c> rule.</exception>
    public JourneyRule FollowedBy(string touchpoint, TimeSpan within) => FollowedBy(EventCondition.Touchpoint(touchpoint), within);

    /// <summary>Makes this rule a sequence rule: fire at the event meeting <paramref name="condition"/> that follows X within <paramref name="within"/>.</summary>
    /// <param name="condition">The condition Y.</param>
    /// <param name="within">The window T. Range: 0 &lt; T ≤ <see cref="MaxWindow"/>.</param>
    /// <returns>The <see cref="RuleKind.Sequence"/> rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is not positive or exceeds <see cref="MaxWindow"/>.</exception>
    /// <exception cref="InvalidOperationException">This rule is not a plain <c>When(X)</c> rule.</exception>
    public JourneyRule FollowedBy(EventCondition condition, TimeSpan within) => Followed(RuleKind.Sequence, condition, within);

    /// <summary>Returns this rule with a cooldown.</summary>
    /// <param name="cooldown">No second firing for the same customer less than this after the previous one. Range: 0 &lt; cooldown ≤ <see cref="MaxWindow"/>.</param>
    /// <returns>The new rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cooldown"/> is not positive or exceeds <see cref="MaxWindow"/>.</exception>
    public JourneyRule WithCooldown(TimeSpan cooldown)
    {
        CheckWindow(cooldown, nameof(cooldown));
        return new(Name, Kind, Trigger, Follow, Within, cooldown, MaxFirings, Description, Rearm, Holdout);
    }

    /// <summary>Returns this rule with a limit on firings per customer.</summary>
    /// <param name="maxFirings">The most firings per customer. Range: ≥ 1.</param>
    /// <returns>The new rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFirings"/> is less than 1.</exception>
    public JourneyRule WithMaxFirings(int maxFirings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFirings, 1);
        return new(Name, Kind, Trigger, Follow, Within, Cooldown, maxFirings, Description, Rearm, Holdout);
    }

    /// <summary>Returns this rule with a re-arm policy for a repeated X while an episode is open.</summary>
    /// <param name="rearm">The policy.</param>
    /// <returns>The new rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rearm"/> is not a defined value.</exception>
    public JourneyRule WithRearm(RearmPolicy rearm)
    {
        if (!Enum.IsDefined(rearm))
        {
            throw new ArgumentOutOfRangeException(nameof(rearm), rearm, "Not a defined RearmPolicy.");
        }

        return new(Name, Kind, Trigger, Follow, Within, Cooldown, MaxFirings, Description, rearm, Holdout);
    }

    /// <summary>
    /// Returns this rule with a holdout: customers the split puts in its control arm are held out — their firings are
    /// listed with <see cref="RuleFiring.IsHoldout"/> set, in every driver alike, and a sender must not act on them.
    /// Nothing else changes: episodes, cooldowns and firing limits run the same in both arms, so the arms differ only in
    /// whether the firing was acted on.
    /// </summary>
    /// <param name="split">The assignment, e.g. a <c>JourneyKit.Experiments.HoldoutSplit</c>.</param>
    /// <returns>The new rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="split"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The split's control share is not strictly between 0 and 1.</exception>
    public JourneyRule WithHoldout(IHoldoutAssignment split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (!(split.ControlShare > 0 && split.ControlShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(split), split.ControlShare, "The split's ControlShare must lie strictly between 0 and 1.");
        }

        return new(Name, Kind, Trigger, Follow, Within, Cooldown, MaxFirings, Description, Rearm, split);
    }

    /// <summary>Returns this rule without a holdout: it acts on every customer.</summary>
    /// <returns>The new rule.</returns>
    public JourneyRule WithoutHoldout() =>
        Holdout is null ? this : new(Name, Kind, Trigger, Follow, Within, Cooldown, MaxFirings, Description, Rearm);

    /// <summary>Returns this rule with a note for the people who maintain it.</summary>
    /// <param name="description">The note, or <see langword="null"/> to remove it.</param>
    /// <returns>The new rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="description"/> is not valid Unicode.</exception>
    public JourneyRule WithDescription(string? description) =>
        new(Name, Kind, Trigger, Follow, Within, Cooldown, MaxFirings, Guard.Optional(description), Rearm, Holdout);

    /// <inheritdoc/>
    public bool Equals(JourneyRule? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (string.Equals(Name, other.Name, StringComparison.Ordinal) && Kind == other.Kind && Trigger.Equals(other.Trigger) &&
          Equals(Follow, other.Follow) && Within == other.Within && Cooldown == other.Cooldown && MaxFirings == other.MaxFirings &&
          Rearm == other.Rearm && string.Equals(Description, other.Description, StringComparison.Ordinal) && Equals(Holdout, other.Holdout)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as JourneyRule);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Kind, Trigger, Follow, Within, Cooldown, MaxFirings, Rearm);

    /// <summary>Describes the rule, e.g. <c>cart-abandoned: when touchpoint 'add_to_cart' not followed by touchpoint 'purchase' within 1.00:00:00</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Guard.Clip(Name)).Append(": ");
        _ = Kind switch
        {
            RuleKind.Occurrence => sb.Append("when ").Append(Trigger),
            RuleKind.Absence => sb.Append("when ").Append(Trigger).Append(" not followed by ").Append(Follow).Append(" within ").Append(Within),
            RuleKind.Sequence => sb.Append("when ").Append(Trigger).Append(" followed by ").Append(Follow).Append(" within ").Append(Within),
            _ => sb.Append("stalled in stage '").Append(Guard.Clip(Trigger.Id)).Append("' for ").Append(Within?.ToString() ?? "its expected dwell time"),
        };
        if (Cooldown is { } c)
        {
            sb.Append(", cooldown ").Append(c);
        }

        if (MaxFirings is { } m)
        {
            sb.Append(", at most ").Append(m).Append(m == 1 ? " firing" : " firings");
        }

        if (Rearm == RearmPolicy.Restart)
        {
            sb.Append(", a repeated X restarts the clock");
        }

        if (Holdout is { } h)
        {
            sb.Append(", holding out ").Append(Show.Percent(h.ControlShare)).Append(" ('").Append(Guard.Clip(h.Key)).Append("')");
        }

        return sb.ToString();
    }

    /// <summary>Gets whether this rule holds out the customer's firings.</summary>
    internal bool HoldsOut(string customerId) => Holdout is { } h && h.IsControl(customerId);

    internal static void CheckWindow(TimeSpan value, string paramName)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Must be positive.");
        }

        if (value > MaxWindow)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Must be at most JourneyRule.MaxWindow ({MaxWindow.Days:N0} days, about 100 years).");
        }
    }

    private JourneyRule Followed(RuleKind kind, EventCondition condition, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(condition);
        CheckWindow(within, nameof(within));
        if (Kind != RuleKind.Occurrence || Follow is not null)
        {
            throw new InvalidOperationException($"Rule '{Guard.Clip(Name)}' is already a {Kind.ToString().ToLowerInvariant()} rule; NotFollowedBy and FollowedBy apply to a plain When(X) rule.");
        }

        return new(Name, kind, Trigger, condition, within, Cooldown, MaxFirings, Description, Rearm, Holdout);
    }
}
