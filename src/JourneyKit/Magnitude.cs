namespace JourneyKit;

/// <summary>A three-step rating used for the impact and effort of an opportunity.</summary>
public enum Magnitude
{
    /// <summary>Low.</summary>
    Low = 1,

    /// <summary>Medium.</summary>
    Medium = 2,

    /// <summary>High.</summary>
    High = 3,
}
