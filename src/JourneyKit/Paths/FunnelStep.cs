using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>A step of a funnel: a stage, touchpoint or channel, or any test on an event.</summary>
public sealed class FunnelStep
{
    private FunnelStep(string name, PathLevel? level, string? id, Func<EventLog, int, bool>? predicate, TimeSpan? window)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A funnel step needs a name.", nameof(name));
        }

        if (window is { } w && w <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), w, $"Funnel step '{name}': the window must be positive.");
        }

        Name = name;
        Level = level;
        Id = id;
        Predicate = predicate;
        Window = window;
    }

    /// <summary>Gets the step's name in results.</summary>
    public string Name { get; }

    /// <summary>Gets the longest time allowed since the previous step, or <see langword="null"/> for no limit.</summary>
    public TimeSpan? Window { get; }

    internal PathLevel? Level { get; }

    internal string? Id { get; }

    internal Func<EventLog, int, bool>? Predicate { get; }

    /// <summary>A step reached by any event in a stage.</summary>
    /// <param name="stageId">The stage id.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    public static FunnelStep Stage(string stageId, TimeSpan? window = null) => new(stageId, PathLevel.Stage, stageId, null, window);

    /// <summary>A step reached by an event at a touchpoint.</summary>
    /// <param name="touchpointId">The touchpoint id.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    public static FunnelStep Touchpoint(string touchpointId, TimeSpan? window = null) => new(touchpointId, PathLevel.Touchpoint, touchpointId, null, window);

    /// <summary>A step reached by an event on a channel.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    public static FunnelStep Channel(string channelId, TimeSpan? window = null) => new(channelId, PathLevel.Channel, channelId, null, window);

    /// <summary>A step reached by any event for which <paramref name="predicate"/> holds (it receives the log and the event index).</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="predicate">The test.</param>
    /// <param name="window">The longest time allowed since the previous step; positive.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    public static FunnelStep Where(string name, Func<EventLog, int, bool> predicate, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(name, null, null, predicate, window);
    }

    /// <inheritdoc/>
    public override string ToString() => Window is { } w ? $"{Name} (within {Show.Duration(w)})" : Name;
}
