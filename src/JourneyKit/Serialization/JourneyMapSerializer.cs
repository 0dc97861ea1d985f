using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using JourneyKit.Internal;

namespace JourneyKit.Serialization;

/// <summary>
/// Reads and writes journey maps as JSON (schema version <see cref="SchemaVersion"/>): camelCase property
/// names, enums as names, optional values omitted, no type-name handling. A file is validated exactly like a map
/// built in code: every broken rule is reported at once. Thread-safe; uses source-generated metadata (AOT-safe).
/// </summary>
public sealed class JourneyMapSerializer
{
    /// <summary>The version of the file format this library writes and the newest it reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The default maximum nesting depth accepted when reading.</summary>
    public const int DefaultMaxDepth = 32;

    private readonly JsonTypeInfo<JourneyMapDocument> _typeInfo;

    /// <summary>Creates a serializer.</summary>
    /// <param name="writeIndented">Whether to write indented, diff-friendly JSON.</param>
    /// <param name="maxDepth">The maximum nesting depth accepted when reading. Range: 8 ≤ maxDepth ≤ 256 (a journey map nests 4 levels).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is out of range.</exception>
    public JourneyMapSerializer(bool writeIndented = true, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, 256);
        var options = new JsonSerializerOptions(JourneyKitJsonContext.Default.Options)
        {
            WriteIndented = writeIndented,
            MaxDepth = maxDepth,

            // Letters as letters (Bestellbestätigung, Müller's), so files diff well in every language. What JSON needs
            // escaped (quotes, backslash, control characters) still is; HTML output escapes its own text.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        _typeInfo = new JourneyKitJsonContext(options).JourneyMapDocument;
        WriteIndented = writeIndented;
        MaxDepth = maxDepth;
    }

    /// <summary>Gets a shared serializer with the default settings (indented output, depth 32).</summary>
    public static JourneyMapSerializer Default { get; } = new();

    /// <summary>Gets a value indicating whether output is indented.</summary>
    public bool WriteIndented { get; }

    /// <summary>Gets the maximum nesting depth accepted when reading.</summary>
    public int MaxDepth { get; }

    /// <summary>Writes a map as JSON text.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public string Serialize(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return JsonSerializer.Serialize(ToDocument(map), _typeInfo);
    }

    /// <summary>Writes a map as UTF-8 JSON to a stream.</summary>
    /// <param name="utf8Json">The target stream; left open.</param>
    /// <param name="map">The map.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Serialize(Stream utf8Json, JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(map);
        JsonSerializer.Serialize(utf8Json, ToDocument(map), _typeInfo);
    }

    /// <summary>Writes a map as UTF-8 JSON to a stream, asynchronously (the pair of <see cref="DeserializeAsync"/>).</summary>
    /// <param name="utf8Json">The target stream; left open.</param>
    /// <param name="map">The map.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the map is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task SerializeAsync(Stream utf8Json, JourneyMap map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(map);
        return JsonSerializer.SerializeAsync(utf8Json, ToDocument(map), _typeInfo, cancellationToken);
    }

    /// <summary>Writes a map with a <see cref="Utf8JsonWriter"/> (used by <see cref="JourneyKitJsonExtensions.ConfigureForJourneyKit"/>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="map">The map.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Serialize(Utf8JsonWriter writer, JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(map);
        JsonSerializer.Serialize(writer, ToDocument(map), _typeInfo);
    }

    /// <summary>Reads a map from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The validated map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">
    /// The text is not valid JSON, has an unknown or duplicated property, a wrong value type, nests deeper than
    /// <see cref="MaxDepth"/>, lacks <c>schemaVersion</c> or has a newer one; the message and
    /// <see cref="JsonException.Path"/> say where.
    /// </exception>
    /// <exception cref="JourneyMapValidationException">The JSON is well-formed but the map breaks rules; every error is listed.</exception>
    public JourneyMap Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromDocument(JsonSerializer.Deserialize(json, _typeInfo));
    }

    /// <summary>Reads a map from a UTF-8 JSON stream.</summary>
    /// <param name="utf8Json">The source stream; left open.</param>
    /// <returns>The validated map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="JsonException">The JSON is malformed or does not follow the schema (see <see cref="Deserialize(string)"/>).</exception>
    /// <exception cref="JourneyMapValidationException">The map breaks rules; every error is listed.</exception>
    public JourneyMap Deserialize(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return FromDocument(JsonSerializer.Deserialize(utf8Json, _typeInfo));
    }

    /// <summary>Reads a map from a UTF-8 JSON stream asynchronously.</summary>
    /// <param name="utf8Json">The source stream; left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The validated map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="JsonException">The JSON is malformed or does not follow the schema (see <see cref="Deserialize(string)"/>).</exception>
    /// <exception cref="JourneyMapValidationException">The map breaks rules; every error is listed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<JourneyMap> DeserializeAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return FromDocument(await JsonSerializer.DeserializeAsync(utf8Json, _typeInfo, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a map at the reader's position (used by <see cref="JourneyKitJsonExtensions.ConfigureForJourneyKit"/>).</summary>
    /// <param name="reader">The reader, positioned at the map's start token.</param>
    /// <returns>The validated map.</returns>
    /// <exception cref="JsonException">The JSON does not follow the schema, or the map breaks rules (the inner exception is the <see cref="JourneyMapValidationException"/>).</exception>
    public JourneyMap Deserialize(ref Utf8JsonReader reader)
    {
        var document = JsonSerializer.Deserialize(ref reader, _typeInfo);
        try
        {
            return FromDocument(document);
        }
        catch (JourneyMapValidationException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    private static JourneyMapDocument ToDocument(JourneyMap map) => new()
    {
        SchemaVersion = SchemaVersion,
        Id = map.Id,
        Name = map.Name,
        Description = map.Description,
        State = map.State,
        Metadata = map.Metadata.Count == 0 ? null : new Dictionary<string, string>(map.Metadata, StringComparer.Ordinal),
        Personas = NullIfEmpty(map.Personas.Select(p => (PersonaDocument?)ToDocument(p))),
        Stages = NullIfEmpty(map.Stages.Select(s => (StageDocument?)ToDocument(s))),
        Channels = NullIfEmpty(map.Channels.Select(c => (ChannelDocument?)new ChannelDocument { Id = c.Id, Name = c.Name, Kind = c.Kind })),
        Touchpoints = NullIfEmpty(map.Touchpoints.Select(t => (TouchpointDocument?)ToDocument(t))),
        PainPoints = NullIfEmpty(map.PainPoints.Select(p => (PainPointDocument?)ToDocument(p))),
        Opportunities = NullIfEmpty(map.Opportunities.Select(o => (OpportunityDocument?)ToDocument(o))),
    };

    private static PersonaDocument ToDocument(Persona p) => new()
    {
        Id = p.Id,
        Name = p.Name,
        Description = p.Description,
        Goals = NullIfEmpty(p.Goals),
        Needs = NullIfEmpty(p.Needs),
        Frustrations = NullIfEmpty(p.Frustrations),
        Segment = p.Segment,
        Attributes = p.Attributes.Count == 0 ? null : new Dictionary<string, string>(p.Attributes, StringComparer.Ordinal),
        PreferredChannels = NullIfEmpty(p.PreferredChannels),
        ExpectedStages = NullIfEmpty(p.ExpectedStages),
    };

    private static StageDocument ToDocument(Stage s) => new()
    {
        Id = s.Id,
        Name = s.Name,
        Position = s.Position,
        Goal = s.Goal,
        ExpectedDwellTime = s.ExpectedDwellTime,
        Kpis = NullIfEmpty(s.Kpis),
        Description = s.Description,
    };

    private static TouchpointDocument ToDocument(Touchpoint t) => new()
    {
        Id = t.Id,
        Name = t.Name,
        StageId = t.StageId,
        ChannelId = t.ChannelId,
        Description = t.Description,
        Owner = t.Owner,
        Lane = t.Lane,
        IsMomentOfTruth = t.IsMomentOfTruth,
        Emotion = t.Emotion is { } e ? new EmotionDocument { Value = e.Value, Label = e.Label } : null,
    };

    private static PainPointDocument ToDocument(PainPoint p) => new()
    {
        Id = p.Id,
        Description = p.Description,
        StageId = p.StageId,
        TouchpointId = p.TouchpointId,
        Severity = p.Severity,
        Category = p.Category,
        Evidence = NullIfEmpty(p.Evidence),
    };

    private static OpportunityDocument ToDocument(Opportunity o) => new()
    {
        Id = o.Id,
        Description = o.Description,
        PainPointIds = NullIfEmpty(o.PainPointIds),
        Impact = o.Impact,
        Effort = o.Effort,
        Owner = o.Owner,
    };

    private static JourneyMap FromDocument(JourneyMapDocument? document)
    {
        if (document is null)
        {
            throw new JsonException("The JSON is 'null'; a journey map object is required.");
        }

        switch (document.SchemaVersion)
        {
            case null:
                throw new JsonException("Property 'schemaVersion' is missing; journey map files must state their schema version.");
            case < 1 or > SchemaVersion:
                throw new JsonException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"schemaVersion {document.SchemaVersion} is not supported; this library reads versions 1 to {SchemaVersion}."));
        }

        var builder = JourneyMap.CreateBuilder(document.Id!, document.Name!)
            .WithDescription(document.Description)
            .WithState(document.State);
        foreach (var (key, value) in document.Metadata ?? [])
        {
            builder.WithMetadata(key, value);
        }

        foreach (var p in Items(document.Personas, "personas"))
        {
            builder.AddPersona(p.Id!, p.Name!, p.Description, p.Goals, p.Needs, p.Frustrations, p.Segment, p.Attributes, p.PreferredChannels, p.ExpectedStages);
        }

        int index = 0;
        foreach (var s in Items(document.Stages, "stages"))
        {
            int position = s.Position ?? throw Missing("stages", index, s.Id, "position");
            index++;
            builder.AddStageAt(s.Id!, s.Name!, position, s.Goal, s.ExpectedDwellTime, s.Kpis, s.Description);
        }

        foreach (var c in Items(document.Channels, "channels"))
        {
            builder.AddChannel(c.Id!, c.Name!, c.Kind);
        }

        index = 0;
        foreach (var t in Items(document.Touchpoints, "touchpoints"))
        {
            double? emotion = t.Emotion is null ? null : t.Emotion.Value ?? throw Missing("touchpoints", index, t.Id, "emotion.value");
            index++;
            builder.AddTouchpointWithEmotionValue(t.Id!, t.Name!, t.StageId!, t.ChannelId!, t.Description, t.Owner, t.Lane, t.IsMomentOfTruth, emotion, t.Emotion?.Label);
        }

        foreach (var p in Items(document.PainPoints, "painPoints"))
        {
            builder.AddPainPoint(p.Id!, p.Description!, p.StageId, p.TouchpointId, p.Severity, p.Category, p.Evidence);
        }

        foreach (var o in Items(document.Opportunities, "opportunities"))
        {
            builder.AddOpportunity(o.Id!, o.Description!, o.PainPointIds, o.Impact, o.Effort, o.Owner);
        }

        return builder.Build();
    }

    // The elements of an array property; a null element is an error naming its path, not a NullReferenceException.
    private static IEnumerable<T> Items<T>(List<T?>? items, string property)
        where T : class
    {
        if (items is null)
        {
            yield break;
        }

        for (int i = 0; i < items.Count; i++)
        {
            yield return items[i] ?? throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"$.{property}[{i}] is null; each element must be an object."));
        }
    }

    private static JsonException Missing(string property, int index, string? id, string member) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"$.{property}[{index}]{(id is null ? "" : $" ('{Guard.Clip(id)}')")} has no '{member}'; it is required (a default would silently change the map)."));

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }
}
