using System.Collections.ObjectModel;
using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>
/// Assembles a <see cref="JourneyMap"/> step by step. Nothing is thrown while adding parts: <see cref="Build"/>
/// (or <see cref="Validate"/>) reports every problem at once — duplicate ids, references to unknown stages,
/// channels, touchpoints or pain points, blank names and out-of-range values — each naming the id and the rule.
/// </summary>
/// <remarks>A builder is not thread-safe. It can be built more than once; each map is independent of later changes.</remarks>
public sealed class JourneyMapBuilder
{
    private readonly List<JourneyMapValidationError> _entryErrors = [];
    private readonly List<Persona> _personas = [];
    private readonly List<Stage> _stages = [];
    private readonly List<Channel> _channels = [];
    private readonly List<Touchpoint> _touchpoints = [];
    private readonly List<PainPoint> _painPoints = [];
    private readonly List<Opportunity> _opportunities = [];
    private readonly SortedDictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private string? _id;
    private string? _name;
    private string? _description;
    private JourneyMapState _state;
    private int _nextStagePosition;

    internal JourneyMapBuilder(string id, string name)
    {
        _id = id;
        _name = name;
    }

    internal JourneyMapBuilder(JourneyMap map)
    {
        _id = map.Id;
        _name = map.Name;
        _description = map.Description;
        _state = map.State;
        foreach (var (key, value) in map.Metadata)
        {
            _metadata[key] = value;
        }

        _personas.AddRange(map.Personas);
        _stages.AddRange(map.Stages);
        _nextStagePosition = _stages.Count == 0 ? 0 : _stages.Max(s => s.Position) + 1;
        _channels.AddRange(map.Channels);
        _touchpoints.AddRange(map.Touchpoints);
        _painPoints.AddRange(map.PainPoints);
        _opportunities.AddRange(map.Opportunities);
    }

    /// <summary>Sets the map's id.</summary>
    /// <param name="id">The id: not blank, no surrounding white space.</param>
    /// <returns>This builder.</returns>
    public JourneyMapBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    /// <summary>Sets the map's display name.</summary>
    /// <param name="name">The name; not blank.</param>
    /// <returns>This builder.</returns>
    public JourneyMapBuilder WithName(string name)
    {
        _name = name;
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description; blank clears it.</param>
    /// <returns>This builder.</returns>
    public JourneyMapBuilder WithDescription(string? description)
    {
        _description = Guard.Optional(description);
        return this;
    }

    /// <summary>Sets whether the map is a current-state or future-state map.</summary>
    /// <param name="state">The state.</param>
    /// <value>Default: <see cref="JourneyMapState.Current"/>.</value>
    /// <returns>This builder.</returns>
    public JourneyMapBuilder WithState(JourneyMapState state)
    {
        _state = state;
        return this;
    }

    /// <summary>Sets a metadata entry, replacing an earlier value under the same key.</summary>
    /// <param name="key">The key; not blank.</param>
    /// <param name="value">The value; not null.</param>
    /// <returns>This builder.</returns>
    public JourneyMapBuilder WithMetadata(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            _entryErrors.Add(new("metadata", ValidationRule.InvalidValue, "Metadata keys must not be empty."));
        }
        else if (value is null)
        {
            _entryErrors.Add(new($"metadata['{key}']", ValidationRule.InvalidValue, $"Metadata '{key}' has a null value."));
        }
        else
        {
            _metadata[key] = value;
        }

        return this;
    }

    /// <summary>Adds a persona.</summary>
    /// <param name="persona">The persona.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="persona"/> is null.</exception>
    public JourneyMapBuilder AddPersona(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        _personas.Add(persona);
        return this;
    }

    /// <summary>Adds a persona; see <see cref="Persona(string, string, string?, IEnumerable{string}?, IEnumerable{string}?, IEnumerable{string}?, string?, IEnumerable{KeyValuePair{string, string}}?, IEnumerable{string}?, IEnumerable{string}?)"/> for the parameters.</summary>
    /// <param name="id">The unique persona id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="description">A short portrait.</param>
    /// <param name="goals">What the persona wants to achieve.</param>
    /// <param name="needs">What the persona needs.</param>
    /// <param name="frustrations">What annoys the persona.</param>
    /// <param name="segment">The customer segment the persona stands for.</param>
    /// <param name="attributes">Free attributes.</param>
    /// <param name="preferredChannels">The channels (map ids) the persona is expected to use.</param>
    /// <param name="expectedStages">The stages (map ids) the persona is expected to reach.</param>
    /// <returns>This builder; invalid values are reported by <see cref="Build"/>.</returns>
    public JourneyMapBuilder AddPersona(
        string id,
        string name,
        string? description = null,
        IEnumerable<string>? goals = null,
        IEnumerable<string>? needs = null,
        IEnumerable<string>? frustrations = null,
        string? segment = null,
        IEnumerable<KeyValuePair<string, string>>? attributes = null,
        IEnumerable<string>? preferredChannels = null,
        IEnumerable<string>? expectedStages = null) =>
        Collect("personas", id, () => new Persona(id, name, description, goals, needs, frustrations, segment, attributes, preferredChannels, expectedStages), _personas);

    /// <summary>Adds a stage with its own <see cref="Stage.Position"/>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stage"/> is null.</exception>
    public JourneyMapBuilder AddStage(Stage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        _nextStagePosition = Math.Max(_nextStagePosition, stage.Position + 1);
        return this;
    }

    /// <summary>Adds stages with their own positions, for example one of the <see cref="JourneyTemplates"/>.</summary>
    /// <param name="stages">The stages.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stages"/> or one of its items is null.</exception>
    public JourneyMapBuilder AddStages(IEnumerable<Stage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        foreach (Stage stage in stages)
        {
            AddStage(stage);
        }

        return this;
    }

    /// <summary>Adds a stage after the stages added so far (its position is the next free one).</summary>
    /// <param name="id">The unique stage id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="goal">What the customer wants to achieve in this stage.</param>
    /// <param name="expectedDwellTime">How long customers are expected to stay; positive when given.</param>
    /// <param name="kpis">Key performance indicators watched in this stage.</param>
    /// <param name="description">A longer description.</param>
    /// <returns>This builder; invalid values are reported by <see cref="Build"/>.</returns>
    public JourneyMapBuilder AddStage(
        string id,
        string name,
        string? goal = null,
        TimeSpan? expectedDwellTime = null,
        IEnumerable<string>? kpis = null,
        string? description = null)
    {
        int position = _nextStagePosition++;
        return Collect("stages", id, () => new Stage(id, name, position, goal, expectedDwellTime, kpis, description), _stages);
    }

    /// <summary>Adds a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channel"/> is null.</exception>
    public JourneyMapBuilder AddChannel(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channels.Add(channel);
        return this;
    }

    /// <summary>Adds a channel.</summary>
    /// <param name="id">The unique channel id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="kind">The kind of medium.</param>
    /// <returns>This builder; invalid values are reported by <see cref="Build"/>.</returns>
    public JourneyMapBuilder AddChannel(string id, string name, ChannelKind kind = ChannelKind.Other) =>
        Collect("channels", id, () => new Channel(id, name, kind), _channels);

    /// <summary>Adds a touchpoint.</summary>
    /// <param name="touchpoint">The touchpoint.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="touchpoint"/> is null.</exception>
    public JourneyMapBuilder AddTouchpoint(Touchpoint touchpoint)
    {
        ArgumentNullException.ThrowIfNull(touchpoint);
        _touchpoints.Add(touchpoint);
        return this;
    }

    /// <summary>Adds a touchpoint.</summary>
    /// <param name="id">The unique touchpoint id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="stageId">The stage it belongs to; must be a stage of the map.</param>
    /// <param name="channelId">The channel it happens on; must be a channel of the map.</param>
    /// <param name="description">A longer description.</param>
    /// <param name="owner">The owning team or person.</param>
    /// <param name="lane">Frontstage or backstage.</param>
    /// <param name="isMomentOfTruth">Whether this is a moment of truth.</param>
    /// <param name="emotion">The designed emotion.</param>
    /// <returns>This builder; invalid values are reported by <see cref="Build"/>.</returns>
    public JourneyMapBuilder AddTouchpoint(
        string id,
        string name,
        string stageId,
        string channelId,
        string? description = null,
        string? owner = null,
        Lane lane = Lane.Frontstage,
        bool isMomentOfTruth = false,
        Emotion? emotion = null) =>
        Collect(
            "touchpoints",
            id,
            () => new Touchpoint(id, name, stageId, channelId, description, owner, lane, isMomentOfTruth, emotion),
            _touchpoints);

    /// <summary>Adds a pain point.</summary>
    /// <param name="painPoint">The pain point.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="painPoint"/> is null.</exception>
    public JourneyMapBuilder AddPainPoint(PainPoint painPoint)
    {
        ArgumentNullException.ThrowIfNull(painPoint);
        _painPoints.Add(painPoint);
        return this;
    }

    /// <summary>Adds a pain point.</summary>
    /// <param name="id">The unique pain point id.</param>
    /// <param name="description">What goes wrong.</param>
    /// <param name="stageId">The stage where it happens (this or <paramref name="touchpointId"/> is required).</param>
    /// <param name="touchpointId">The touchpoint where it happens.</param>
    /// <param name="severity">How badly it hurts.</param>
    /// <param name="category">A free category.</param>
    /// <param name="evidence">Where the pain point comes from.</param>
    /// <returns>This builder; invalid values are reported by <see cref="Build"/>.</returns>
    public JourneyMapBuilder AddPainPoint(
        string id,
        string description,
        string? stageId = null,
        string? touchpointId = null,
        Severity severity = Severity.Medium,
        string? category = null,
        IEnumerable<string>? evidence = null) =>
        Collect(
            "painPoints",
            id,
            () => new PainPoint(id, description, stageId, touchpointId, severity, category, evidence),
            _painPoints);

    /// <summary>Adds an opportunity.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="opportunity"/> is null.</exception>
    public JourneyMapBuilder AddOpportunity(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        _opportunities.Add(opportunity);
        return this;
    }

    /// <summary>Adds an opportunity.</summary>
    /// <param name="id">The unique opportunity id.</param>
    /// <param name="description">What to change.</param>
    /// <param name="painPointIds">The pain points it addresses; each must be a pain point of the map.</param>
    /// <param name="impact">The expected impact.</param>
    /// <param name="effort">The expected effort.</param>
    /// <param name="owner">Who would deliver it.</param>
    /// <returns>This builder; invalid values are reported by <see cref="Build"/>.</returns>
    public JourneyMapBuilder AddOpportunity(
        string id,
        string description,
        IEnumerable<string>? painPointIds = null,
        Magnitude impact = Magnitude.Medium,
        Magnitude effort = Magnitude.Medium,
        string? owner = null) =>
        Collect(
            "opportunities",
            id,
            () => new Opportunity(id, description, painPointIds, impact, effort, owner),
            _opportunities);

    /// <summary>
    /// Removes a part added earlier, for example to derive a future-state map from <see cref="JourneyMap.ToBuilder"/>;
    /// replace a part by removing it and adding the new version. References to the removed part from other
    /// parts are reported by <see cref="Build"/> as unknown references, so nothing dangles silently.
    /// </summary>
    /// <param name="element">The kind of part; not <see cref="MapElementKind.Map"/>.</param>
    /// <param name="id">The id of the part.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="element"/> is <see cref="MapElementKind.Map"/> or undefined.</exception>
    /// <exception cref="KeyNotFoundException">The builder holds no part of that kind with that id.</exception>
    public JourneyMapBuilder Remove(MapElementKind element, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        int removed = element switch
        {
            MapElementKind.Persona => _personas.RemoveAll(p => p.Id == id),
            MapElementKind.Stage => _stages.RemoveAll(s => s.Id == id),
            MapElementKind.Channel => _channels.RemoveAll(c => c.Id == id),
            MapElementKind.Touchpoint => _touchpoints.RemoveAll(t => t.Id == id),
            MapElementKind.PainPoint => _painPoints.RemoveAll(p => p.Id == id),
            MapElementKind.Opportunity => _opportunities.RemoveAll(o => o.Id == id),
            _ => throw new ArgumentOutOfRangeException(nameof(element), element, "Only personas, stages, channels, touchpoints, pain points and opportunities can be removed."),
        };
        return removed > 0 ? this : throw new KeyNotFoundException($"The builder has no {element} with id '{id}' to remove.");
    }

    // Used by the JSON reader: positions come from the file, and an out-of-range emotion value becomes a
    // reported error instead of an exception, so that a file with several problems lists them all.
    internal JourneyMapBuilder AddStageAt(
        string id, string name, int position, string? goal, TimeSpan? expectedDwellTime, IEnumerable<string>? kpis, string? description)
    {
        _nextStagePosition = Math.Max(_nextStagePosition, position + 1);
        return Collect("stages", id, () => new Stage(id, name, position, goal, expectedDwellTime, kpis, description), _stages);
    }

    internal JourneyMapBuilder AddTouchpointWithEmotionValue(
        string id,
        string name,
        string stageId,
        string channelId,
        string? description,
        string? owner,
        Lane lane,
        bool isMomentOfTruth,
        double? emotionValue,
        string? emotionLabel) =>
        Collect(
            "touchpoints",
            id,
            () => new Touchpoint(
                id, name, stageId, channelId, description, owner, lane, isMomentOfTruth,
                emotionValue is { } value ? Emotion.From(value, emotionLabel) : null),
            _touchpoints);

    /// <summary>Checks the map as it stands without building it.</summary>
    /// <returns>Every error found; empty when <see cref="Build"/> would succeed.</returns>
    public IReadOnlyList<JourneyMapValidationError> Validate()
    {
        var errors = new List<JourneyMapValidationError>(_entryErrors);
        CheckText(errors, "id", _id, isId: true);
        CheckText(errors, "name", _name, isId: false);
        if (!Enum.IsDefined(_state))
        {
            errors.Add(new("state", ValidationRule.InvalidValue, $"State {(int)_state} is not a defined journey map state."));
        }

        if (_stages.Count == 0 && !_entryErrors.Any(e => e.Path.StartsWith("stages", StringComparison.Ordinal)))
        {
            errors.Add(new("stages", ValidationRule.InvalidValue, "A journey map needs at least one stage."));
        }

        CheckUnique(errors, "personas", _personas, p => p.Id);
        var stageIds = CheckUnique(errors, "stages", _stages, s => s.Id);
        var channelIds = CheckUnique(errors, "channels", _channels, c => c.Id);
        var touchpointIds = CheckUnique(errors, "touchpoints", _touchpoints, t => t.Id);
        var painPointIds = CheckUnique(errors, "painPoints", _painPoints, p => p.Id);
        CheckUnique(errors, "opportunities", _opportunities, o => o.Id);

        foreach (var group in _stages.GroupBy(s => s.Position).Where(g => g.Count() > 1))
        {
            errors.Add(new(
                $"stages['{group.Last().Id}'].position",
                ValidationRule.Duplicate,
                $"Stages {string.Join(", ", group.Select(s => $"'{s.Id}'"))} share position {group.Key}; positions must be unique."));
        }

        var touchpointStage = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Touchpoint t in _touchpoints)
        {
            touchpointStage.TryAdd(t.Id, t.StageId);
            if (!stageIds.Contains(t.StageId))
            {
                errors.Add(Unknown($"touchpoints['{t.Id}'].stageId", $"Touchpoint '{t.Id}' refers to stage '{t.StageId}', which the map does not have."));
            }

            if (!channelIds.Contains(t.ChannelId))
            {
                errors.Add(Unknown($"touchpoints['{t.Id}'].channelId", $"Touchpoint '{t.Id}' refers to channel '{t.ChannelId}', which the map does not have."));
            }
        }

        foreach (PainPoint p in _painPoints)
        {
            if (p.StageId is { } stageId && !stageIds.Contains(stageId))
            {
                errors.Add(Unknown($"painPoints['{p.Id}'].stageId", $"Pain point '{p.Id}' refers to stage '{stageId}', which the map does not have."));
            }

            if (p.TouchpointId is { } touchpointId)
            {
                if (!touchpointIds.Contains(touchpointId))
                {
                    errors.Add(Unknown($"painPoints['{p.Id}'].touchpointId", $"Pain point '{p.Id}' refers to touchpoint '{touchpointId}', which the map does not have."));
                }
                else if (p.StageId is { } own && touchpointStage[touchpointId] != own)
                {
                    errors.Add(new(
                        $"painPoints['{p.Id}'].stageId",
                        ValidationRule.Inconsistent,
                        $"Pain point '{p.Id}' names stage '{own}' but its touchpoint '{touchpointId}' belongs to stage '{touchpointStage[touchpointId]}'."));
                }
            }
        }

        foreach (Persona persona in _personas)
        {
            foreach (string channel in persona.PreferredChannels.Where(c => !channelIds.Contains(c)))
            {
                errors.Add(Unknown($"personas['{persona.Id}'].preferredChannels", $"Persona '{persona.Id}' prefers channel '{channel}', which the map does not have."));
            }

            foreach (string stage in persona.ExpectedStages.Where(s => !stageIds.Contains(s)))
            {
                errors.Add(Unknown($"personas['{persona.Id}'].expectedStages", $"Persona '{persona.Id}' is expected to reach stage '{stage}', which the map does not have."));
            }
        }

        foreach (Opportunity o in _opportunities)
        {
            foreach (string painPointId in o.PainPointIds.Where(id => !painPointIds.Contains(id)))
            {
                errors.Add(Unknown($"opportunities['{o.Id}'].painPointIds", $"Opportunity '{o.Id}' addresses pain point '{painPointId}', which the map does not have."));
            }
        }

        return errors.AsReadOnly();
    }

    /// <summary>Builds the map.</summary>
    /// <returns>The immutable, validated map.</returns>
    /// <exception cref="JourneyMapValidationException">The map breaks one or more rules; <see cref="JourneyMapValidationException.Errors"/> lists them all.</exception>
    public JourneyMap Build()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new JourneyMapValidationException(errors);
        }

        return new JourneyMap(
            _id!,
            _name!,
            _description,
            _state,
            new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(_metadata, StringComparer.Ordinal)),
            [.. _personas],
            [.. _stages],
            [.. _channels],
            [.. _touchpoints],
            [.. _painPoints],
            [.. _opportunities]);
    }

    private static JourneyMapValidationError Unknown(string path, string message) => new(path, ValidationRule.UnknownReference, message);

    private static void CheckText(List<JourneyMapValidationError> errors, string path, string? value, bool isId)
    {
        try
        {
            _ = isId ? Guard.Id(value, path) : Guard.Name(value, path);
        }
        catch (ArgumentException ex)
        {
            errors.Add(new(path, ValidationRule.InvalidValue, $"The map's {path} is invalid: {StripParameter(ex)}"));
        }
    }

    private static HashSet<string> CheckUnique<T>(
        List<JourneyMapValidationError> errors, string collection, List<T> items, Func<T, string> id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (T item in items)
        {
            if (!seen.Add(id(item)))
            {
                errors.Add(new(
                    $"{collection}['{id(item)}']",
                    ValidationRule.Duplicate,
                    $"Id '{id(item)}' is used by more than one entry in {collection}; ids must be unique within their kind."));
            }
        }

        return seen;
    }

    private JourneyMapBuilder Collect<T>(string collection, string? id, Func<T> create, List<T> target)
    {
        try
        {
            target.Add(create());
        }
        catch (ArgumentException ex)
        {
            string where = string.IsNullOrWhiteSpace(id) ? $"{collection}[#{target.Count}]" : $"{collection}['{id}']";
            _entryErrors.Add(new($"{where}.{ex.ParamName}", ValidationRule.InvalidValue, StripParameter(ex)));
        }

        return this;
    }

    private static string StripParameter(ArgumentException ex)
    {
        // ArgumentException.Message appends " (Parameter 'x')" and, for out-of-range values, the actual value
        // on a second line; the path already names the field and our messages already state the value.
        string message = ex.Message.Split('\n')[0].TrimEnd('\r');
        int cut = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }
}
