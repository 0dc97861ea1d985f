using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using JourneyKit.Internal;

namespace JourneyKit.Rules;

/// <summary>
/// Reads and writes rule sets as JSON (schema version <see cref="SchemaVersion"/>), so that a CRM can store the rules its
/// marketers author: camelCase names, enums as names, unknown and duplicated properties rejected, windows as
/// <c>d.hh:mm:ss</c>. Every problem of a file is reported at once, each naming the rule and the id at fault.
/// </summary>
/// <example><code>
/// {
///   "schemaVersion": 1,
///   "rules": [
///     { "name": "cart-abandoned", "kind": "Absence", "when": { "touchpoint": "add_to_cart" },
///       "then": { "touchpoint": "purchase" }, "within": "1.00:00:00" },
///     { "name": "detractor", "kind": "Occurrence", "when": { "feedback": { "atMost": 6 } }, "maxFirings": 1 },
///     { "name": "stuck-in-consideration", "kind": "Stall", "stage": "consideration" }
///   ]
/// }
/// </code></example>
public static class RuleSetSerializer
{
    /// <summary>The version of the format this library writes and the newest it reads.</summary>
    public const int SchemaVersion = 1;

    internal const int MaxDepth = 64;

    private static readonly JsonSerializerOptions Indented = new(RuleJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonTypeInfo<RuleSetDocument> SetInfo = new RuleJsonContext(Indented).RuleSetDocument;
    private static readonly JsonTypeInfo<RuleDocument> RuleInfo = RuleJsonContext.Default.RuleDocument;

    /// <summary>Writes rules as JSON text.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>Indented JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of them is null.</exception>
    /// <exception cref="NotSupportedException">A rule has a <see cref="JourneyRule.Holdout"/>: the JSON form does not carry holdouts (they are set in code, beside the measurement); serialize <see cref="JourneyRule.WithoutHoldout"/> and apply the split after reading.</exception>
    public static string Serialize(IEnumerable<JourneyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var document = new RuleSetDocument
        {
            SchemaVersion = SchemaVersion,
            Rules = [.. rules.Select(r => (RuleDocument?)ToDocument(WithoutHoldoutOrThrow(r ?? throw new ArgumentNullException(nameof(rules), "A rule is null."))))],
        };
        return JsonSerializer.Serialize(document, SetInfo);
    }

    /// <summary>Reads rules from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON, has an unknown or duplicated property or a wrong value type, lacks <c>schemaVersion</c> or has a newer one; the message and <see cref="JsonException.Path"/> say where.</exception>
    /// <exception cref="RuleValidationException">The JSON is well-formed but rules are incomplete or contradictory; every error is listed with its rule.</exception>
    public static IReadOnlyList<JourneyRule> Deserialize(string json) => Deserialize(json, null);

    /// <summary>Reads rules from a UTF-8 JSON stream.</summary>
    /// <param name="utf8Json">The source stream; left open.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="JsonException">The JSON is malformed or does not follow the schema.</exception>
    /// <exception cref="RuleValidationException">Rules are incomplete or contradictory; every error is listed.</exception>
    public static IReadOnlyList<JourneyRule> Deserialize(Stream utf8Json) => Deserialize(utf8Json, null);

    /// <summary>Reads rules from JSON text, checked against a journey map when one is given.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="map">The map every touchpoint, stage and channel must be in (and that gives stall rules their dwell times), or <see langword="null"/>.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON, has an unknown or duplicated property or a wrong value type, lacks <c>schemaVersion</c> or has a newer one; the message and <see cref="JsonException.Path"/> say where.</exception>
    /// <exception cref="RuleValidationException">The JSON is well-formed but rules are incomplete, contradictory or do not fit the map; every error is listed with its rule.</exception>
    public static IReadOnlyList<JourneyRule> Deserialize(string json, JourneyMap? map)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromDocument(JsonSerializer.Deserialize(json, SetInfo), map);
    }

    /// <summary>Reads rules from a UTF-8 JSON stream, checked against a journey map when one is given.</summary>
    /// <param name="utf8Json">The source stream; left open.</param>
    /// <param name="map">The map every touchpoint, stage and channel must be in, or <see langword="null"/>.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="JsonException">The JSON is malformed or does not follow the schema.</exception>
    /// <exception cref="RuleValidationException">Rules are incomplete, contradictory or do not fit the map; every error is listed.</exception>
    public static IReadOnlyList<JourneyRule> Deserialize(Stream utf8Json, JourneyMap? map)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return FromDocument(JsonSerializer.Deserialize(utf8Json, SetInfo), map);
    }

    private static JourneyRule WithoutHoldoutOrThrow(JourneyRule rule) => rule.Holdout is not { } h ? rule :
        throw new NotSupportedException($"Rule '{Guard.Clip(rule.Name)}' holds out customers (split '{Guard.Clip(h.Key)}'); the rules' JSON form does not carry holdouts — they are set in code with WithHoldout, beside the measurement. Serialize rule.WithoutHoldout() and apply the split after reading.");

    /// <summary>One rule as compact JSON without its holdout (which only flags firings, never changes an episode): what a monitor snapshot compares on restore.</summary>
    internal static string Fingerprint(JourneyRule rule) => JsonSerializer.Serialize(ToDocument(rule), RuleInfo);

    private static List<JourneyRule> FromDocument(RuleSetDocument? document, JourneyMap? map)
    {
        if (document is null)
        {
            throw new JsonException("The JSON is 'null', not a rule set.");
        }

        if (document.SchemaVersion is not { } version)
        {
            throw new JsonException("The rule set has no 'schemaVersion'.");
        }

        if (version < 1 || version > SchemaVersion)
        {
            throw new JsonException($"The rule set has schemaVersion {version}; this library reads 1 to {SchemaVersion}.");
        }

        if (document.Rules is not { } items)
        {
            throw new JsonException("The rule set has no 'rules' array (an empty rule set is written \"rules\": []).");
        }

        var errors = new List<ValidationProblem>();
        var rules = new List<JourneyRule>();
        for (int i = 0; i < items.Count; i++)
        {
            RuleDocument? item = items[i];
            string where = item?.Name is { } n ? $"Rule '{Guard.Clip(n)}' (rules[{i}])" : $"Rule rules[{i}]";
            if (item is null)
            {
                errors.Add(new ValidationProblem(where, "Required", "The rule is null."));
                continue;
            }

            try
            {
                rules.Add(ToRule(item, where));
            }
            catch (ArgumentException ex)
            {
                errors.Add(new ValidationProblem(where, "InvalidValue", ex.Message));
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(ResolvedRules.Validate(rules, map));
        }

        return errors.Count > 0 ? throw new RuleValidationException(errors) : rules;
    }

    private static JourneyRule ToRule(RuleDocument d, string where)
    {
        if (d.Name is null)
        {
            throw new ArgumentException("'name' is missing.");
        }

        if (d.Kind is not { } kind)
        {
            throw new ArgumentException("'kind' is missing (Occurrence, Absence, Sequence or Stall).");
        }

        JourneyRuleBuilder builder = JourneyRule.Named(d.Name);
        JourneyRule rule;
        if (kind == RuleKind.Stall)
        {
            if (d.Stage is null)
            {
                throw new ArgumentException("a Stall rule needs 'stage'.");
            }

            if (d.When is not null || d.Then is not null)
            {
                throw new ArgumentException("a Stall rule takes 'stage' and 'within', not 'when' or 'then'.");
            }

            rule = builder.Stalled(d.Stage, d.Within);
        }
        else
        {
            if (d.Stage is not null)
            {
                throw new ArgumentException($"'stage' belongs to Stall rules; a {kind} rule states its stages in 'when' and 'then'.");
            }

            if (d.When is null)
            {
                throw new ArgumentException($"a {kind} rule needs 'when'.");
            }

            rule = builder.When(ToCondition(d.When, "when"));
            if (kind == RuleKind.Occurrence)
            {
                if (d.Then is not null || d.Within is not null)
                {
                    throw new ArgumentException("an Occurrence rule takes no 'then' or 'within'.");
                }
            }
            else
            {
                if (d.Then is null || d.Within is not { } within)
                {
                    throw new ArgumentException($"a {kind} rule needs 'then' and 'within'.");
                }

                EventCondition then = ToCondition(d.Then, "then");
                rule = kind == RuleKind.Absence ? rule.NotFollowedBy(then, within) : rule.FollowedBy(then, within);
            }
        }

        if (d.Cooldown is { } cooldown)
        {
            rule = rule.WithCooldown(cooldown);
        }

        if (d.MaxFirings is { } max)
        {
            rule = rule.WithMaxFirings(max);
        }

        if (d.Rearm is { } rearm)
        {
            rule = rule.WithRearm(rearm);
        }

        return d.Description is null ? rule : rule.WithDescription(d.Description);
    }

    private static EventCondition ToCondition(ConditionDocument d, string path)
    {
        var parts = new List<EventCondition>(1);
        if (d.Touchpoint is { } tp)
        {
            parts.Add(EventCondition.Touchpoint(tp));
        }

        if (d.Stage is { } stage)
        {
            parts.Add(EventCondition.Stage(stage));
        }

        if (d.Channel is { } channel)
        {
            parts.Add(EventCondition.Channel(channel));
        }

        if (d.Outcome is { } outcome)
        {
            parts.Add(EventCondition.Outcome(outcome));
        }

        if (d.Value is { } value)
        {
            parts.Add(EventCondition.Value(value.AtLeast, value.AtMost));
        }

        if (d.Feedback is { } feedback)
        {
            parts.Add(EventCondition.Feedback(feedback.AtLeast, feedback.AtMost));
        }

        if (d.All is { } all)
        {
            parts.Add(EventCondition.All(all.Select((c, i) => ToCondition(c ?? throw new ArgumentException($"'{path}.all[{i}]' is null."), $"{path}.all[{i}]"))));
        }

        if (d.Any is { } any)
        {
            parts.Add(EventCondition.Any(any.Select((c, i) => ToCondition(c ?? throw new ArgumentException($"'{path}.any[{i}]' is null."), $"{path}.any[{i}]"))));
        }

        if (d.Not is { } not)
        {
            parts.Add(EventCondition.Not(ToCondition(not, path + ".not")));
        }

        return parts.Count == 1
            ? parts[0]
            : throw new ArgumentException($"'{path}' must have exactly one of touchpoint, stage, channel, outcome, value, feedback, all, any, not; it has {parts.Count}.");
    }

    private static RuleDocument ToDocument(JourneyRule rule) => new()
    {
        Name = rule.Name,
        Kind = rule.Kind,
        Description = rule.Description,
        When = rule.Kind == RuleKind.Stall ? null : ToDocument(rule.Trigger),
        Then = rule.Follow is { } follow ? ToDocument(follow) : null,
        Stage = rule.StallStage,
        Within = rule.Within,
        Cooldown = rule.Cooldown,
        MaxFirings = rule.MaxFirings,
        Rearm = rule.Rearm == RearmPolicy.Ignore ? null : rule.Rearm,
    };

    private static ConditionDocument ToDocument(EventCondition c) => c.Kind switch
    {
        ConditionKind.Touchpoint => new() { Touchpoint = c.Id },
        ConditionKind.Stage => new() { Stage = c.Id },
        ConditionKind.Channel => new() { Channel = c.Id },
        ConditionKind.Outcome => new() { Outcome = c.ExpectedOutcome },
        ConditionKind.Value => new() { Value = new() { AtLeast = c.AtLeast, AtMost = c.AtMost } },
        ConditionKind.Feedback => new() { Feedback = new() { AtLeast = c.AtLeast, AtMost = c.AtMost } },
        ConditionKind.All => new() { All = [.. c.Operands.Select(o => (ConditionDocument?)ToDocument(o))] },
        ConditionKind.Any => new() { Any = [.. c.Operands.Select(o => (ConditionDocument?)ToDocument(o))] },
        _ => new() { Not = ToDocument(c.Operands[0]) },
    };
}
