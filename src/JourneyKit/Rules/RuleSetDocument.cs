using System.Text.Json.Serialization;
using JourneyKit.Events;
using JourneyKit.Serialization;

namespace JourneyKit.Rules;

// The JSON shape of a rule set (schema version 1). Everything optional here so that a missing part is reported by name
// in RuleSetSerializer rather than as a serializer message.
internal sealed class RuleSetDocument
{
    public int? SchemaVersion { get; set; }

    public List<RuleDocument?>? Rules { get; set; }
}

internal sealed class RuleDocument
{
    public string? Name { get; set; }

    public RuleKind? Kind { get; set; }

    public string? Description { get; set; }

    public ConditionDocument? When { get; set; }

    public ConditionDocument? Then { get; set; }

    public string? Stage { get; set; }

    public TimeSpan? Within { get; set; }

    public TimeSpan? Cooldown { get; set; }

    public int? MaxFirings { get; set; }

    public RearmPolicy? Rearm { get; set; }
}

internal sealed class ConditionDocument
{
    public string? Touchpoint { get; set; }

    public string? Stage { get; set; }

    public string? Channel { get; set; }

    public EventOutcome? Outcome { get; set; }

    public BoundsDocument? Value { get; set; }

    public BoundsDocument? Feedback { get; set; }

    public List<ConditionDocument?>? All { get; set; }

    public List<ConditionDocument?>? Any { get; set; }

    public ConditionDocument? Not { get; set; }
}

internal sealed class BoundsDocument
{
    public double? AtLeast { get; set; }

    public double? AtMost { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(StrictEnumConverter<RuleKind>), typeof(StrictEnumConverter<RearmPolicy>), typeof(StrictEnumConverter<EventOutcome>)],
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = RuleSetSerializer.MaxDepth)]
[JsonSerializable(typeof(RuleSetDocument))]
[JsonSerializable(typeof(RuleDocument))]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
