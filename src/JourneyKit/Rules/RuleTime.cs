namespace JourneyKit.Rules;

/// <summary>
/// Event time in UTC ticks as the rules keep it. Windows are capped (<see cref="JourneyRule.MaxWindow"/>), so a start plus
/// a window never overflows a <see langword="long"/>; it may pass the last instant a <see cref="DateTimeOffset"/> holds,
/// and such a due time is never reached (every event time and watermark is at or before <see cref="MaxTicks"/>).
/// </summary>
internal static class RuleTime
{
    /// <summary>The ticks of <see cref="DateTimeOffset.MaxValue"/>: no event time or watermark is later.</summary>
    public static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    /// <summary>Whether a due time can ever be reached.</summary>
    public static bool CanFallDue(long due) => due <= MaxTicks;

    /// <summary>Ticks as a UTC time; a due time past the last representable instant (never due) reads as <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static DateTimeOffset Utc(long ticks) => ticks >= MaxTicks ? DateTimeOffset.MaxValue : new DateTimeOffset(Math.Max(ticks, 0), TimeSpan.Zero);
}
