using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>
/// A moment where the customer interacts with the brand — a product page, a confirmation e-mail, a call —
/// in one stage, on one channel.
/// </summary>
public sealed class Touchpoint
{
    /// <summary>Creates a touchpoint.</summary>
    /// <param name="id">The unique id within the map: not blank, no surrounding white space, at most 200 characters.</param>
    /// <param name="name">The display name; not blank.</param>
    /// <param name="stageId">The id of the stage the touchpoint belongs to.</param>
    /// <param name="channelId">The id of the channel it happens on.</param>
    /// <param name="description">A longer description; blank is stored as <see langword="null"/>.</param>
    /// <param name="owner">The team or person who owns the touchpoint; blank is stored as <see langword="null"/>.</param>
    /// <param name="lane">Frontstage (seen by the customer) or backstage.</param>
    /// <param name="isMomentOfTruth">Whether this is a moment of truth that makes or breaks the relationship.</param>
    /// <param name="emotion">The designed (expected) emotion at this touchpoint, or <see langword="null"/> when not mapped.</param>
    /// <exception cref="ArgumentNullException">An id or the name is null.</exception>
    /// <exception cref="ArgumentException">An id or the name is blank or malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is not a defined value.</exception>
    public Touchpoint(
        string id,
        string name,
        string stageId,
        string channelId,
        string? description = null,
        string? owner = null,
        Lane lane = Lane.Frontstage,
        bool isMomentOfTruth = false,
        Emotion? emotion = null)
    {
        Id = Guard.Id(id, nameof(id));
        Name = Guard.Name(name, nameof(name));
        StageId = Guard.Id(stageId, nameof(stageId));
        ChannelId = Guard.Id(channelId, nameof(channelId));
        if (!Enum.IsDefined(lane))
        {
            throw new ArgumentOutOfRangeException(nameof(lane), lane, $"Touchpoint '{id}' has an undefined lane.");
        }

        Description = Guard.Optional(description);
        Owner = Guard.Optional(owner);
        Lane = lane;
        IsMomentOfTruth = isMomentOfTruth;
        Emotion = emotion;
    }

    /// <summary>Gets the unique id within the map.</summary>
    public string Id { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the id of the stage the touchpoint belongs to.</summary>
    public string StageId { get; }

    /// <summary>Gets the id of the channel it happens on.</summary>
    public string ChannelId { get; }

    /// <summary>Gets a longer description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Gets the owning team or person, or <see langword="null"/>.</summary>
    public string? Owner { get; }

    /// <summary>Gets the service-blueprint lane.</summary>
    /// <value>Default: <see cref="Lane.Frontstage"/>.</value>
    public Lane Lane { get; }

    /// <summary>Gets a value indicating whether this is a moment of truth.</summary>
    public bool IsMomentOfTruth { get; }

    /// <summary>Gets the designed emotion at this touchpoint, or <see langword="null"/> when not mapped.</summary>
    public Emotion? Emotion { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
