namespace JourneyKit.Rules;

/// <summary>Where the episode machine reports what happened; implemented by value types so calls inline.</summary>
internal interface IEpisodeSink
{
    /// <summary>The rule fired; <paramref name="ordinal"/> numbers the episode among those of the rule and customer that started at <paramref name="start"/>.</summary>
    void Fire(int rule, long start, long due, long firedAt, int ordinal);

    /// <summary>A firing was held back by the cooldown.</summary>
    void Suppress(int rule);

    /// <summary>An episode opened at <paramref name="start"/>.</summary>
    void Opened(int rule, long start);

    /// <summary>An open episode was restarted by a repeated X at <paramref name="start"/> (<see cref="RearmPolicy.Restart"/>): its due time moved later.</summary>
    void Restarted(int rule, long start);

    /// <summary>An event met Y (whether or not an episode was open).</summary>
    void FollowedUp(int rule, long at);
}
