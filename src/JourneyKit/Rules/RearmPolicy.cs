namespace JourneyKit.Rules;

/// <summary>What a repeated X does while the rule's episode for the customer is still open.</summary>
public enum RearmPolicy
{
    /// <summary>Nothing: the clock keeps running from the first X (the default).</summary>
    Ignore = 0,

    /// <summary>The clock restarts: the episode now starts at the repeated X and is due T after it.</summary>
    Restart = 1,
}
