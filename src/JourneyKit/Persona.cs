using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>The archetypal customer who walks a journey: who they are, what they want and what gets in their way.</summary>
public sealed class Persona
{
    /// <summary>Creates a persona.</summary>
    /// <param name="id">The unique id within the map: not blank, no surrounding white space, at most 200 characters.</param>
    /// <param name="name">The display name, for example "Budget-conscious parent"; not blank.</param>
    /// <param name="description">A short portrait; blank is stored as <see langword="null"/>.</param>
    /// <param name="goals">What the persona wants to achieve; entries must not be blank.</param>
    /// <param name="needs">What the persona needs from the brand; entries must not be blank.</param>
    /// <param name="frustrations">What annoys the persona; entries must not be blank.</param>
    /// <param name="segment">The customer segment the persona stands for, used to filter event data; blank is stored as <see langword="null"/>.</param>
    /// <param name="attributes">Free attributes (age band, region…); keys must be unique and not blank.</param>
    /// <param name="preferredChannels">The channels (ids of the map) the persona is expected to use: expected behaviour that discovered personas are matched against.</param>
    /// <param name="expectedStages">The stages (ids of the map) the persona is expected to reach.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The id or name is blank, a list entry is blank, or an attribute key is blank or repeated.</exception>
    public Persona(
        string id,
        string name,
        string? description = null,
        IEnumerable<string>? goals = null,
        IEnumerable<string>? needs = null,
        IEnumerable<string>? frustrations = null,
        string? segment = null,
        IEnumerable<KeyValuePair<string, string>>? attributes = null,
        IEnumerable<string>? preferredChannels = null,
        IEnumerable<string>? expectedStages = null)
    {
        Id = Guard.Id(id, nameof(id));
        Name = Guard.Name(name, nameof(name));
        Description = Guard.Optional(description);
        Goals = Guard.Texts(goals, nameof(goals));
        Needs = Guard.Texts(needs, nameof(needs));
        Frustrations = Guard.Texts(frustrations, nameof(frustrations));
        Segment = Guard.Optional(segment);
        Attributes = Guard.Attributes(attributes, nameof(attributes));
        PreferredChannels = Guard.Ids(preferredChannels, nameof(preferredChannels));
        ExpectedStages = Guard.Ids(expectedStages, nameof(expectedStages));
    }

    /// <summary>Gets the unique id within the map.</summary>
    public string Id { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the short portrait, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Gets what the persona wants to achieve.</summary>
    public IReadOnlyList<string> Goals { get; }

    /// <summary>Gets what the persona needs from the brand.</summary>
    public IReadOnlyList<string> Needs { get; }

    /// <summary>Gets what annoys the persona.</summary>
    public IReadOnlyList<string> Frustrations { get; }

    /// <summary>Gets the customer segment the persona stands for, or <see langword="null"/>.</summary>
    public string? Segment { get; }

    /// <summary>Gets free attributes, ordered by key (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Gets the channels (map ids) the persona is expected to use; empty when not stated.</summary>
    public IReadOnlyList<string> PreferredChannels { get; }

    /// <summary>Gets the stages (map ids) the persona is expected to reach; empty when not stated.</summary>
    public IReadOnlyList<string> ExpectedStages { get; }
}
