namespace JourneyKit;

/// <summary>The kind of rule a journey map broke.</summary>
public enum ValidationRule
{
    /// <summary>A value is missing, blank, malformed or out of range.</summary>
    InvalidValue = 0,

    /// <summary>Two entities of the same kind share an id, or two stages share a position.</summary>
    Duplicate,

    /// <summary>An entity refers to a stage, channel, touchpoint or pain point that the map does not have.</summary>
    UnknownReference,

    /// <summary>References that exist but contradict each other, such as a pain point whose touchpoint lies in another stage.</summary>
    Inconsistent,
}
