namespace JourneyKit.Events;

/// <summary>The ids of an event log at a level, and the one label for an event whose stage or channel is not known.</summary>
internal static class LevelColumns
{
    /// <summary>The label of an unknown stage or channel (id −1); reserved, so no real label can take it.</summary>
    public const string Unknown = "(unknown)";

    /// <summary>The log's id column and label table at a level (ids −1: unknown).</summary>
    public static (int[] Ids, IReadOnlyList<string> Names) At(EventLog log, PathLevel level) => level switch
    {
        PathLevel.Stage => (log.StageArray, log.StageNames),
        PathLevel.Channel => (log.ChannelArray, log.ChannelNames),
        _ => (log.TouchpointArray, log.TouchpointNames),
    };

    /// <summary>The label of event <paramref name="e"/>, <see cref="Unknown"/> for id −1.</summary>
    public static string NameOf(int[] ids, IReadOnlyList<string> names, int e) => ids[e] >= 0 ? names[ids[e]] : Unknown;
}
