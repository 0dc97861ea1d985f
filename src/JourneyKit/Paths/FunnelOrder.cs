namespace JourneyKit.Paths;

/// <summary>How funnel steps must follow each other.</summary>
public enum FunnelOrder
{
    /// <summary>In order, anything may happen between steps.</summary>
    Relaxed = 0,

    /// <summary>In order, and the next step must be the very next event (repeats of the current step are allowed).</summary>
    Strict,

    /// <summary>In any order: step k is reached by doing k distinct funnel steps.</summary>
    AnyOrder,
}
