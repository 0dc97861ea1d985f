namespace JourneyKit;

/// <summary>How badly a pain point hurts the experience.</summary>
public enum Severity
{
    /// <summary>A minor irritation.</summary>
    Low = 1,

    /// <summary>Noticeable friction.</summary>
    Medium = 2,

    /// <summary>Serious friction that loses customers.</summary>
    High = 3,

    /// <summary>A blocker: customers cannot continue.</summary>
    Critical = 4,
}
