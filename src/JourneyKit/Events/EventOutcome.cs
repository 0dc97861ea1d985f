namespace JourneyKit.Events;

/// <summary>What came of an event, if anything.</summary>
public enum EventOutcome : byte
{
    /// <summary>No outcome: an ordinary interaction.</summary>
    None = 0,

    /// <summary>The customer converted (bought, signed up…); the event may carry a conversion value.</summary>
    Conversion = 1,

    /// <summary>The customer churned (cancelled, closed the account…).</summary>
    Churn = 2,
}
