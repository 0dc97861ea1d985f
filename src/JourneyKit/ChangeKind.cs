namespace JourneyKit;

/// <summary>What happened to a part of the map between the two versions.</summary>
public enum ChangeKind
{
    /// <summary>Present only in the second map.</summary>
    Added = 0,

    /// <summary>Present only in the first map.</summary>
    Removed,

    /// <summary>Present in both with different properties.</summary>
    Modified,
}
