namespace JourneyKit.Attribution;

/// <summary>Rule-based attribution models.</summary>
public enum HeuristicModel
{
    /// <summary>All credit to the first touch.</summary>
    FirstTouch = 0,

    /// <summary>All credit to the last touch.</summary>
    LastTouch,

    /// <summary>Equal credit to every touch (a repeated channel earns once per touch).</summary>
    Linear,

    /// <summary>Credit halving with every <see cref="HeuristicOptions.HalfLife"/> between touch and conversion; needs touch ages.</summary>
    TimeDecay,

    /// <summary>U-shaped: <see cref="HeuristicOptions.FirstShare"/> to the first touch, <see cref="HeuristicOptions.LastShare"/> to the last, the rest spread over the middle.</summary>
    PositionBased,

    /// <summary>W-shaped: 30 % each to the first, the middle (lead-creation) and the last touch, 10 % spread over the others.</summary>
    WShaped,
}
