namespace JourneyKit.Events;

/// <summary>Which column of an event a path, chain or breakdown is made of: touchpoint, stage or channel.</summary>
public enum PathLevel
{
    /// <summary>Touchpoints (the finest level).</summary>
    Touchpoint = 0,

    /// <summary>Stages of the journey map.</summary>
    Stage,

    /// <summary>Channels.</summary>
    Channel,
}
