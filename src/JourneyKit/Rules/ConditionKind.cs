namespace JourneyKit.Rules;

/// <summary>What an <see cref="EventCondition"/> looks at.</summary>
public enum ConditionKind
{
    /// <summary>The event is at a touchpoint (<see cref="EventCondition.Id"/>).</summary>
    Touchpoint = 0,

    /// <summary>The event is in a stage (<see cref="EventCondition.Id"/>).</summary>
    Stage = 1,

    /// <summary>The event is on a channel (<see cref="EventCondition.Id"/>).</summary>
    Channel = 2,

    /// <summary>The event has an outcome (<see cref="EventCondition.ExpectedOutcome"/>).</summary>
    Outcome = 3,

    /// <summary>The event carries a value within bounds (<see cref="EventCondition.AtLeast"/>, <see cref="EventCondition.AtMost"/>).</summary>
    Value = 4,

    /// <summary>The event carries a feedback score within bounds (<see cref="EventCondition.AtLeast"/>, <see cref="EventCondition.AtMost"/>).</summary>
    Feedback = 5,

    /// <summary>Every operand holds.</summary>
    All = 6,

    /// <summary>At least one operand holds.</summary>
    Any = 7,

    /// <summary>The one operand does not hold.</summary>
    Not = 8,
}
