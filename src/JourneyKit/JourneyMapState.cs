namespace JourneyKit;

/// <summary>Whether a map describes how the journey is today or how it should be.</summary>
public enum JourneyMapState
{
    /// <summary>The "as-is" map: the journey as customers experience it today.</summary>
    Current = 0,

    /// <summary>The "to-be" map: the designed journey the organisation wants to deliver.</summary>
    Future,
}
