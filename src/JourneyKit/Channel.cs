using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>A medium through which the customer and the brand interact, such as the website or the call centre.</summary>
public sealed class Channel
{
    /// <summary>Creates a channel.</summary>
    /// <param name="id">The unique id within the map: not blank, no surrounding white space, at most 200 characters.</param>
    /// <param name="name">The display name; not blank.</param>
    /// <param name="kind">The kind of medium.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="name"/> is blank, or the id is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public Channel(string id, string name, ChannelKind kind = ChannelKind.Other)
    {
        Id = Guard.Id(id, nameof(id));
        Name = Guard.Name(name, nameof(name));
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Channel '{id}' has an undefined kind.");
        }

        Kind = kind;
    }

    /// <summary>Gets the unique id within the map.</summary>
    public string Id { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the kind of medium.</summary>
    public ChannelKind Kind { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind})";
}
