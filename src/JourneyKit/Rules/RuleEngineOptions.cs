using JourneyKit.Internal;
namespace JourneyKit.Rules;

/// <summary>Limits of a <see cref="RuleEngine"/>: rules often arrive from a CRM as data, and what they cost to compile is bounded here.</summary>
public sealed record RuleEngineOptions
{
    /// <summary>The default of <see cref="MaxConditionParts"/>.</summary>
    public const int DefaultMaxConditionParts = 262_144;

    /// <summary>
    /// Gets the most condition parts (the nodes of every rule's X and Y: a touchpoint test is one part, <c>a | b</c> three)
    /// the rule set may have in all. Compiling a rule set costs at most its parts times <see cref="EventCondition.MaxNodes"/>
    /// simple steps and memory linear in its parts; a larger rule set is refused with a <see cref="RuleValidationException"/>
    /// naming this option.
    /// </summary>
    /// <value>Default: 262,144 (4,096 rules of 64 parts). Range: ≥ 1.</value>
    public int MaxConditionParts { get; init; } = DefaultMaxConditionParts;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(RuleEngineOptions))
            .AtLeast(MaxConditionParts, 1, nameof(MaxConditionParts))
            .ThrowIfAny();
    }
}
