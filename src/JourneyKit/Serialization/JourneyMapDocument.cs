using System.Text.Json.Serialization;

namespace JourneyKit.Serialization;

// Data-transfer shapes of the journey-map file format (schema version 1). They mirror the domain types
// one-to-one; the domain types stay free of serializer concerns and are rebuilt through JourneyMapBuilder so
// that a file is validated exactly like code.
internal sealed class JourneyMapDocument
{
    public int? SchemaVersion { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public JourneyMapState State { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public List<PersonaDocument?>? Personas { get; set; }

    public List<StageDocument?>? Stages { get; set; }

    public List<ChannelDocument?>? Channels { get; set; }

    public List<TouchpointDocument?>? Touchpoints { get; set; }

    public List<PainPointDocument?>? PainPoints { get; set; }

    public List<OpportunityDocument?>? Opportunities { get; set; }
}

internal sealed class PersonaDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<string>? Goals { get; set; }

    public List<string>? Needs { get; set; }

    public List<string>? Frustrations { get; set; }

    public string? Segment { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }

    public List<string>? PreferredChannels { get; set; }

    public List<string>? ExpectedStages { get; set; }
}

internal sealed class StageDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public int? Position { get; set; }

    public string? Goal { get; set; }

    public TimeSpan? ExpectedDwellTime { get; set; }

    public List<string>? Kpis { get; set; }

    public string? Description { get; set; }
}

internal sealed class ChannelDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public ChannelKind Kind { get; set; }
}

internal sealed class TouchpointDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? StageId { get; set; }

    public string? ChannelId { get; set; }

    public string? Description { get; set; }

    public string? Owner { get; set; }

    public Lane Lane { get; set; }

    public bool IsMomentOfTruth { get; set; }

    public EmotionDocument? Emotion { get; set; }
}

internal sealed class EmotionDocument
{
    public double? Value { get; set; }

    public string? Label { get; set; }
}

internal sealed class PainPointDocument
{
    public string? Id { get; set; }

    public string? Description { get; set; }

    public string? StageId { get; set; }

    public string? TouchpointId { get; set; }

    public Severity Severity { get; set; } = Severity.Medium;

    public string? Category { get; set; }

    public List<string>? Evidence { get; set; }
}

internal sealed class OpportunityDocument
{
    public string? Id { get; set; }

    public string? Description { get; set; }

    public List<string>? PainPointIds { get; set; }

    public Magnitude Impact { get; set; } = Magnitude.Medium;

    public Magnitude Effort { get; set; } = Magnitude.Medium;

    public string? Owner { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(StrictEnumConverter<JourneyMapState>), typeof(StrictEnumConverter<ChannelKind>), typeof(StrictEnumConverter<Lane>),
        typeof(StrictEnumConverter<Severity>), typeof(StrictEnumConverter<Magnitude>),
    ],
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = JourneyMapSerializer.DefaultMaxDepth)]
[JsonSerializable(typeof(JourneyMapDocument))]
internal sealed partial class JourneyKitJsonContext : JsonSerializerContext;
