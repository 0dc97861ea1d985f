namespace JourneyKit.Paths;

/// <summary>Which attribute of an event a path is made of.</summary>
public enum PathLevel
{
    /// <summary>Touchpoints (the finest level).</summary>
    Touchpoint = 0,

    /// <summary>Stages of the journey map.</summary>
    Stage,

    /// <summary>Channels.</summary>
    Channel,
}
