namespace JourneyKit.Voice;

/// <summary>Where a comment landed on the journey, or why it could not be placed.</summary>
public enum CommentPlacement
{
    /// <summary>The comment names its touchpoint (a survey after a step): it stays there.</summary>
    Stated,

    /// <summary>Placed on the customer's latest event at or before it, within the placement window.</summary>
    LatestEvent,

    /// <summary>Not placed: the log has no such customer.</summary>
    UnknownCustomer,

    /// <summary>Not placed: written before the customer's first event.</summary>
    BeforeFirstEvent,

    /// <summary>Not placed: the customer's latest event before it is further back than the placement window.</summary>
    OutsideWindow,
}
