using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>A validated rule set with every window in ticks: what the engine, the monitor and the serializer share.</summary>
internal sealed class ResolvedRules
{
    /// <summary>The most rules one engine or monitor runs.</summary>
    public const int MaxRules = 4096;

    private ResolvedRules(JourneyRule[] rules, RuleSpec[] specs)
    {
        Rules = rules;
        Specs = specs;
    }

    public JourneyRule[] Rules { get; }

    public RuleSpec[] Specs { get; }

    /// <summary>
    /// Validates the rules (and against the map when given) and resolves stall windows; with <c>checkIds</c> false the map
    /// only gives dwell times and the touchpoints, stages and channels the rules mention need not be in it.
    /// </summary>
    /// <exception cref="RuleValidationException">Every error found, each naming the rule and the id at fault.</exception>
    public static ResolvedRules Resolve(IEnumerable<JourneyRule> rules, JourneyMap? map, string paramName, bool checkIds = true)
    {
        ArgumentNullException.ThrowIfNull(rules, paramName);
        JourneyRule[] list = rules.ToArray();
        var errors = Validate(list, map, checkIds: checkIds);
        if (errors.Count > 0)
        {
            throw new RuleValidationException(errors);
        }

        var specs = new RuleSpec[list.Length];
        for (int r = 0; r < list.Length; r++)
        {
            JourneyRule rule = list[r];
            TimeSpan within = rule.Within ?? (rule.Kind == RuleKind.Occurrence
                ? TimeSpan.Zero
                : map!.FindStage(rule.StallStage!)!.ExpectedDwellTime!.Value);
            specs[r] = new RuleSpec(rule.Kind, within.Ticks, rule.Cooldown?.Ticks ?? 0, rule.MaxFirings ?? int.MaxValue, rule.Rearm);
        }

        return new ResolvedRules(list, specs);
    }

    /// <summary>Every problem of a rule set, each naming the rule and the id at fault; empty when it is sound.</summary>
    public static List<ValidationProblem> Validate(IReadOnlyList<JourneyRule> rules, JourneyMap? map, bool mapMayComeLater = false, bool checkIds = true)
    {
        var errors = new List<ValidationProblem>();
        if (rules.Count > MaxRules)
        {
            errors.Add(new ValidationProblem("rules", "Range", $"{rules.Count} rules were given; one engine or monitor runs at most {MaxRules}."));
            return errors;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 0; r < rules.Count; r++)
        {
            JourneyRule? rule = rules[r];
            if (rule is null)
            {
                errors.Add(new ValidationProblem($"rules[{r}]", "Required", "The rule is null."));
                continue;
            }

            string name = Guard.Clip(rule.Name);
            if (!names.Add(rule.Name))
            {
                errors.Add(new ValidationProblem($"Rule '{name}'", "Duplicate", $"the name is used by an earlier rule; names must be unique (they are part of every firing's id)."));
            }

            if (rule.Kind == RuleKind.Stall && rule.Within is null)
            {
                Stage? stage = map?.FindStage(rule.StallStage!);
                if (map is null && !mapMayComeLater)
                {
                    errors.Add(new ValidationProblem($"Rule '{name}'", "Required", $"a stall rule without 'within' takes stage '{Guard.Clip(rule.StallStage)}''s expected dwell time from a journey map, and none was given."));
                }
                else if (map is not null && stage is null && !checkIds)
                {
                    errors.Add(new ValidationProblem($"Rule '{name}'", "UnknownReference", $"stage '{Guard.Clip(rule.StallStage)}' is not in journey map '{Guard.Clip(map.Id)}', which was to give its expected dwell time."));
                }
                else if (map is not null && stage is not null && stage.ExpectedDwellTime is null)
                {
                    errors.Add(new ValidationProblem($"Rule '{name}'", "Required", $"stage '{Guard.Clip(rule.StallStage)}' of journey map '{Guard.Clip(map.Id)}' has no expected dwell time; give the rule a 'within'."));
                }
                else if (stage?.ExpectedDwellTime is { } d && (d <= TimeSpan.Zero || d > JourneyRule.MaxWindow))
                {
                    errors.Add(new ValidationProblem($"Rule '{name}'", "Range", $"stage '{Guard.Clip(rule.StallStage)}' has an expected dwell time of {d}; a stall window must be positive and at most JourneyRule.MaxWindow ({JourneyRule.MaxWindow.Days:N0} days)."));
                }
            }

            if (map is not null && checkIds)
            {
                Check(rule, name, map, errors);
            }
        }

        return errors;
    }

    private static void Check(JourneyRule rule, string name, JourneyMap map, List<ValidationProblem> errors)
    {
        (ConditionKind Kind, Func<string, bool> InMap)[] references =
        [
            (ConditionKind.Touchpoint, id => map.FindTouchpoint(id) is not null),
            (ConditionKind.Stage, id => map.FindStage(id) is not null),
            (ConditionKind.Channel, id => map.FindChannel(id) is not null),
        ];
        foreach (EventCondition condition in rule.Follow is { } follow ? [rule.Trigger, follow] : new[] { rule.Trigger })
        {
            foreach ((ConditionKind kind, Func<string, bool> inMap) in references)
            {
                foreach (string id in condition.Mentioned(kind).Where(id => !inMap(id)))
                {
                    errors.Add(new ValidationProblem($"Rule '{name}'", "UnknownReference", $"{kind.ToString().ToLowerInvariant()} '{Guard.Clip(id)}' is not in journey map '{Guard.Clip(map.Id)}'."));
                }
            }
        }
    }
}
