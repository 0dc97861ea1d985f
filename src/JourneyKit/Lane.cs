namespace JourneyKit;

/// <summary>Whether a touchpoint is visible to the customer (service-blueprint lanes).</summary>
public enum Lane
{
    /// <summary>The customer sees and takes part in the interaction.</summary>
    Frontstage = 0,

    /// <summary>Work behind the scenes that the customer does not see but that shapes the experience.</summary>
    Backstage,
}
