namespace JourneyKit;

/// <summary>
/// A customer journey map: the persona(s) who walk it, the ordered stages, the channels and touchpoints, the
/// designed emotions, pain points and opportunities. Immutable and validated: every reference resolves and
/// every id is unique within its kind. Create one with <see cref="CreateBuilder"/>.
/// </summary>
public sealed class JourneyMap
{
    private readonly Dictionary<string, Persona> _personas;
    private readonly Dictionary<string, Stage> _stages;
    private readonly Dictionary<string, Channel> _channels;
    private readonly Dictionary<string, Touchpoint> _touchpoints;
    private readonly Dictionary<string, PainPoint> _painPoints;
    private readonly Dictionary<string, Opportunity> _opportunities;

    internal JourneyMap(
        string id,
        string name,
        string? description,
        JourneyMapState state,
        IReadOnlyDictionary<string, string> metadata,
        List<Persona> personas,
        List<Stage> stages,
        List<Channel> channels,
        List<Touchpoint> touchpoints,
        List<PainPoint> painPoints,
        List<Opportunity> opportunities)
    {
        Id = id;
        Name = name;
        Description = description;
        State = state;
        Metadata = metadata;
        Personas = personas.AsReadOnly();
        Stages = stages.OrderBy(s => s.Position).ToList().AsReadOnly();
        Channels = channels.AsReadOnly();
        Touchpoints = touchpoints.AsReadOnly();
        PainPoints = painPoints.AsReadOnly();
        Opportunities = opportunities.AsReadOnly();
        _personas = personas.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _stages = stages.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _channels = channels.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _touchpoints = touchpoints.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _painPoints = painPoints.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _opportunities = opportunities.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    /// <summary>Gets the map's id.</summary>
    public string Id { get; }

    /// <summary>Gets the map's display name.</summary>
    public string Name { get; }

    /// <summary>Gets the description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Gets whether the map is a current-state ("as-is") or future-state ("to-be") map.</summary>
    public JourneyMapState State { get; }

    /// <summary>Gets free metadata (author, version, source research…), ordered by key (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Gets the personas who walk this journey, in declaration order.</summary>
    public IReadOnlyList<Persona> Personas { get; }

    /// <summary>Gets the stages in journey order (by <see cref="Stage.Position"/>): the designed path.</summary>
    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>Gets the channels, in declaration order.</summary>
    public IReadOnlyList<Channel> Channels { get; }

    /// <summary>Gets the touchpoints, in declaration order.</summary>
    public IReadOnlyList<Touchpoint> Touchpoints { get; }

    /// <summary>Gets the pain points, in declaration order.</summary>
    public IReadOnlyList<PainPoint> PainPoints { get; }

    /// <summary>Gets the opportunities, in declaration order.</summary>
    public IReadOnlyList<Opportunity> Opportunities { get; }

    /// <summary>Starts a new, empty map.</summary>
    /// <param name="id">The map's id: not blank, no surrounding white space.</param>
    /// <param name="name">The map's display name; not blank.</param>
    /// <returns>A builder; invalid values are reported by <see cref="JourneyMapBuilder.Build"/> together with every other error.</returns>
    public static JourneyMapBuilder CreateBuilder(string id, string name) => new(id, name);

    /// <summary>Starts a builder that holds a copy of this map, to derive a changed map (for example a future-state map from a current-state one).</summary>
    /// <returns>A builder with every part of this map.</returns>
    public JourneyMapBuilder ToBuilder() => new(this);

    /// <summary>Finds a stage by id.</summary>
    /// <param name="id">The stage id (ordinal comparison).</param>
    /// <returns>The stage, or <see langword="null"/> when the map has no such stage.</returns>
    public Stage? FindStage(string id) => Find(_stages, id);

    /// <summary>Gets a stage by id.</summary>
    /// <param name="id">The stage id (ordinal comparison).</param>
    /// <returns>The stage.</returns>
    /// <exception cref="KeyNotFoundException">The map has no stage with this id.</exception>
    public Stage GetStage(string id) => Get(_stages, id, "stage");

    /// <summary>Finds a touchpoint by id.</summary>
    /// <param name="id">The touchpoint id (ordinal comparison).</param>
    /// <returns>The touchpoint, or <see langword="null"/> when the map has no such touchpoint.</returns>
    public Touchpoint? FindTouchpoint(string id) => Find(_touchpoints, id);

    /// <summary>Gets a touchpoint by id.</summary>
    /// <param name="id">The touchpoint id (ordinal comparison).</param>
    /// <returns>The touchpoint.</returns>
    /// <exception cref="KeyNotFoundException">The map has no touchpoint with this id.</exception>
    public Touchpoint GetTouchpoint(string id) => Get(_touchpoints, id, "touchpoint");

    /// <summary>Finds a channel by id.</summary>
    /// <param name="id">The channel id (ordinal comparison).</param>
    /// <returns>The channel, or <see langword="null"/> when the map has no such channel.</returns>
    public Channel? FindChannel(string id) => Find(_channels, id);

    /// <summary>Gets a channel by id.</summary>
    /// <param name="id">The channel id (ordinal comparison).</param>
    /// <returns>The channel.</returns>
    /// <exception cref="KeyNotFoundException">The map has no channel with this id.</exception>
    public Channel GetChannel(string id) => Get(_channels, id, "channel");

    /// <summary>Finds a persona by id.</summary>
    /// <param name="id">The persona id (ordinal comparison).</param>
    /// <returns>The persona, or <see langword="null"/> when the map has no such persona.</returns>
    public Persona? FindPersona(string id) => Find(_personas, id);

    /// <summary>Finds a pain point by id.</summary>
    /// <param name="id">The pain point id (ordinal comparison).</param>
    /// <returns>The pain point, or <see langword="null"/> when the map has no such pain point.</returns>
    public PainPoint? FindPainPoint(string id) => Find(_painPoints, id);

    /// <summary>Finds an opportunity by id.</summary>
    /// <param name="id">The opportunity id (ordinal comparison).</param>
    /// <returns>The opportunity, or <see langword="null"/> when the map has no such opportunity.</returns>
    public Opportunity? FindOpportunity(string id) => Find(_opportunities, id);

    /// <summary>Gets the touchpoints of one stage, in declaration order.</summary>
    /// <param name="stageId">The stage id.</param>
    /// <returns>The touchpoints; empty when the stage has none.</returns>
    /// <exception cref="KeyNotFoundException">The map has no stage with this id.</exception>
    public IReadOnlyList<Touchpoint> TouchpointsIn(string stageId)
    {
        Stage stage = GetStage(stageId);
        return Touchpoints.Where(t => t.StageId == stage.Id).ToList().AsReadOnly();
    }

    /// <summary>Gets the pain points attached to a stage directly or through one of its touchpoints.</summary>
    /// <param name="stageId">The stage id.</param>
    /// <returns>The pain points in declaration order; empty when there are none.</returns>
    /// <exception cref="KeyNotFoundException">The map has no stage with this id.</exception>
    public IReadOnlyList<PainPoint> PainPointsIn(string stageId)
    {
        Stage stage = GetStage(stageId);
        return PainPoints
            .Where(p => p.StageId == stage.Id || (p.TouchpointId is { } tp && _touchpoints[tp].StageId == stage.Id))
            .ToList()
            .AsReadOnly();
    }

    /// <summary>
    /// Gets the designed emotion curve: the touchpoints that carry an emotion, in journey order (stage position,
    /// then declaration order within a stage).
    /// </summary>
    /// <returns>The curve; empty when no touchpoint carries an emotion.</returns>
    public IReadOnlyList<EmotionPoint> EmotionCurve() =>
        Touchpoints
            .Where(t => t.Emotion.HasValue)
            .OrderBy(t => _stages[t.StageId].Position)
            .Select(t => new EmotionPoint(t.StageId, t.Id, t.Emotion!.Value))
            .ToList()
            .AsReadOnly();

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({State}, {Stages.Count} stages, {Touchpoints.Count} touchpoints)";

    private static T? Find<T>(Dictionary<string, T> items, string id)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(id);
        return items.GetValueOrDefault(id);
    }

    private T Get<T>(Dictionary<string, T> items, string id, string kind)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(id);
        return items.TryGetValue(id, out T? item)
            ? item
            : throw new KeyNotFoundException($"Journey map '{Id}' has no {kind} with id '{id}'.");
    }
}
