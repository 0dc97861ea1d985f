using System.Globalization;

namespace JourneyKit;

/// <summary>
/// The differences between two journey maps — typically the current-state ("as-is") and the future-state
/// ("to-be") map: parts added, removed and modified, and the emotion change per touchpoint.
/// </summary>
public sealed class JourneyMapDiff
{
    private JourneyMapDiff(IReadOnlyList<MapChange> changes, IReadOnlyList<EmotionDelta> emotionDeltas)
    {
        Changes = changes;
        EmotionDeltas = emotionDeltas;
    }

    /// <summary>Gets every difference, grouped by element kind (map, personas, stages, channels, touchpoints, pain points, opportunities), then in the order of the maps.</summary>
    public IReadOnlyList<MapChange> Changes { get; }

    /// <summary>Gets, for touchpoints present in both maps with a designed emotion in both, every emotion whose value changed.</summary>
    public IReadOnlyList<EmotionDelta> EmotionDeltas { get; }

    /// <summary>Gets a value indicating whether the two maps are equal in every property.</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>Compares two maps.</summary>
    /// <param name="before">The first map, typically the current state.</param>
    /// <param name="after">The second map, typically the future state.</param>
    /// <returns>The differences; <see cref="IsEmpty"/> when the maps are equal.</returns>
    /// <exception cref="ArgumentNullException">A map is null.</exception>
    public static JourneyMapDiff Compare(JourneyMap before, JourneyMap after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var changes = new List<MapChange>();
        var mapProperties = ChangedProperties(MapFields(before), MapFields(after));
        if (mapProperties.Count > 0)
        {
            changes.Add(new MapChange(MapElementKind.Map, after.Id, ChangeKind.Modified, mapProperties));
        }

        CompareAll(changes, MapElementKind.Persona, before.Personas, after.Personas, p => p.Id, PersonaFields);
        CompareAll(changes, MapElementKind.Stage, before.Stages, after.Stages, s => s.Id, StageFields);
        CompareAll(changes, MapElementKind.Channel, before.Channels, after.Channels, c => c.Id, ChannelFields);
        CompareAll(changes, MapElementKind.Touchpoint, before.Touchpoints, after.Touchpoints, t => t.Id, TouchpointFields);
        CompareAll(changes, MapElementKind.PainPoint, before.PainPoints, after.PainPoints, p => p.Id, PainPointFields);
        CompareAll(changes, MapElementKind.Opportunity, before.Opportunities, after.Opportunities, o => o.Id, OpportunityFields);

        var deltas = new List<EmotionDelta>();
        foreach (Touchpoint a in after.Touchpoints)
        {
            if (a.Emotion is { } emotionAfter &&
                before.FindTouchpoint(a.Id)?.Emotion is { } emotionBefore &&
                emotionAfter.Value != emotionBefore.Value)
            {
                deltas.Add(new EmotionDelta(a.Id, emotionBefore, emotionAfter));
            }
        }

        return new JourneyMapDiff(changes.AsReadOnly(), deltas.AsReadOnly());
    }

    /// <summary>Gets the changes of one kind of element.</summary>
    /// <param name="element">The kind of element.</param>
    /// <returns>The matching changes, in the order of <see cref="Changes"/>.</returns>
    public IReadOnlyList<MapChange> ChangesOf(MapElementKind element) =>
        Changes.Where(c => c.Element == element).ToList().AsReadOnly();

    /// <inheritdoc/>
    public override string ToString() =>
        IsEmpty ? "No differences" : string.Join(Environment.NewLine, Changes);

    private static void CompareAll<T>(
        List<MapChange> changes,
        MapElementKind element,
        IReadOnlyList<T> before,
        IReadOnlyList<T> after,
        Func<T, string> id,
        Func<T, (string Name, string? Value)[]> fields)
    {
        var beforeById = before.ToDictionary(id, StringComparer.Ordinal);
        var afterIds = new HashSet<string>(after.Select(id), StringComparer.Ordinal);
        foreach (T item in before.Where(b => !afterIds.Contains(id(b))))
        {
            changes.Add(new MapChange(element, id(item), ChangeKind.Removed, []));
        }

        foreach (T item in after)
        {
            if (!beforeById.TryGetValue(id(item), out T? old))
            {
                changes.Add(new MapChange(element, id(item), ChangeKind.Added, []));
                continue;
            }

            var properties = ChangedProperties(fields(old), fields(item));
            if (properties.Count > 0)
            {
                changes.Add(new MapChange(element, id(item), ChangeKind.Modified, properties));
            }
        }
    }

    private static List<string> ChangedProperties((string Name, string? Value)[] before, (string Name, string? Value)[] after)
    {
        var changed = new List<string>();
        for (int i = 0; i < before.Length; i++)
        {
            if (!string.Equals(before[i].Value, after[i].Value, StringComparison.Ordinal))
            {
                changed.Add(before[i].Name);
            }
        }

        return changed;
    }

    // Canonical text for each property; lists and dictionaries are joined with a unit separator, which cannot
    // be confused with text boundaries because entries are compared as a whole sequence.
    private static string List(IEnumerable<string> values) => string.Join('\u001F', values.Select(v => v.Length.ToString(CultureInfo.InvariantCulture) + ":" + v));

    private static string Dict(IReadOnlyDictionary<string, string> values) => List(values.SelectMany(kv => new[] { kv.Key, kv.Value }));

    private static string? Emotion(Emotion? emotion) =>
        emotion is { } e ? e.Value.ToString("R", CultureInfo.InvariantCulture) + "|" + e.Label : null;

    private static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();

    private static (string, string?)[] MapFields(JourneyMap m) =>
    [
        ("id", m.Id), ("name", m.Name), ("description", m.Description), ("state", Text(m.State)), ("metadata", Dict(m.Metadata)),
    ];

    private static (string, string?)[] PersonaFields(Persona p) =>
    [
        ("name", p.Name), ("description", p.Description), ("goals", List(p.Goals)), ("needs", List(p.Needs)),
        ("frustrations", List(p.Frustrations)), ("segment", p.Segment), ("attributes", Dict(p.Attributes)),
        ("preferredChannels", List(p.PreferredChannels)), ("expectedStages", List(p.ExpectedStages)),
    ];

    private static (string, string?)[] StageFields(Stage s) =>
    [
        ("name", s.Name), ("position", s.Position.ToString(CultureInfo.InvariantCulture)), ("goal", s.Goal),
        ("expectedDwellTime", s.ExpectedDwellTime?.Ticks.ToString(CultureInfo.InvariantCulture)), ("kpis", List(s.Kpis)),
        ("description", s.Description),
    ];

    private static (string, string?)[] ChannelFields(Channel c) => [("name", c.Name), ("kind", Text(c.Kind))];

    private static (string, string?)[] TouchpointFields(Touchpoint t) =>
    [
        ("name", t.Name), ("stageId", t.StageId), ("channelId", t.ChannelId), ("description", t.Description),
        ("owner", t.Owner), ("lane", Text(t.Lane)), ("isMomentOfTruth", t.IsMomentOfTruth ? "true" : "false"),
        ("emotion", Emotion(t.Emotion)),
    ];

    private static (string, string?)[] PainPointFields(PainPoint p) =>
    [
        ("description", p.Description), ("stageId", p.StageId), ("touchpointId", p.TouchpointId),
        ("severity", Text(p.Severity)), ("category", p.Category), ("evidence", List(p.Evidence)),
    ];

    private static (string, string?)[] OpportunityFields(Opportunity o) =>
    [
        ("description", o.Description), ("painPointIds", List(o.PainPointIds)), ("impact", Text(o.Impact)),
        ("effort", Text(o.Effort)), ("owner", o.Owner),
    ];
}
