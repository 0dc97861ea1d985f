namespace JourneyKit.Events;

/// <summary>
/// One interaction of a customer with a touchpoint at an instant. Channel and stage are resolved from the
/// touchpoint through the <see cref="JourneyMap"/> of the <see cref="EventLogBuilder"/>; set
/// <see cref="Channel"/> or <see cref="Stage"/> only to override that (or to give them when there is no map).
/// </summary>
/// <param name="CustomerId">Who; not blank.</param>
/// <param name="Timestamp">When; stored as UTC ticks, so the offset is not kept (durations are computed between instants).</param>
/// <param name="Touchpoint">Where: a touchpoint id of the map, or any label when the builder has no map; not blank.</param>
public readonly record struct JourneyEvent(string CustomerId, DateTimeOffset Timestamp, string Touchpoint)
{
    /// <summary>Creates an event stamped with a UTC <see cref="DateTime"/> (a local or unspecified one is refused).</summary>
    /// <param name="CustomerId">The customer id.</param>
    /// <param name="Timestamp">When it happened; <see cref="DateTime.Kind"/> must be <see cref="DateTimeKind.Utc"/>.</param>
    /// <param name="Touchpoint">The touchpoint.</param>
    /// <exception cref="ArgumentException">The timestamp is local or unspecified: C# would otherwise read it in the machine's time zone.</exception>
    public JourneyEvent(string CustomerId, DateTime Timestamp, string Touchpoint)
        : this(CustomerId, Utc(Timestamp, nameof(Timestamp)), Touchpoint)
    {
    }

    internal static DateTimeOffset Utc(DateTime timestamp, string paramName) =>
        timestamp.Kind == DateTimeKind.Utc
            ? new DateTimeOffset(timestamp, TimeSpan.Zero)
            : throw new ArgumentException(
                $"The timestamp {timestamp:O} has DateTimeKind.{timestamp.Kind}; pass a UTC DateTime or a DateTimeOffset. " +
                "JourneyKit never reads a time in the machine's zone: convert it with the zone it was recorded in " +
                "(TimeZoneInfo.ConvertTimeToUtc), or set IngestOptions.NaiveTimestampZone when reading files.",
                paramName);

    /// <summary>Gets the channel, overriding the touchpoint's channel; <see langword="null"/> to resolve it from the map.</summary>
    public string? Channel { get; init; }

    /// <summary>Gets the stage, overriding the touchpoint's stage; <see langword="null"/> to resolve it from the map.</summary>
    public string? Stage { get; init; }

    /// <summary>Gets what came of the event.</summary>
    /// <value>Default: <see cref="EventOutcome.None"/>.</value>
    public EventOutcome Outcome { get; init; }

    /// <summary>Gets the value of the event, typically the conversion value; finite when given.</summary>
    public double? Value { get; init; }

    /// <summary>Gets the id of the session the event belongs to in the source system, if known.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets a numeric feedback score given at this touchpoint (for example NPS 0–10 or CSAT 1–5), if any.</summary>
    public double? Feedback { get; init; }

    /// <summary>
    /// Gets who did the event when that is not the customer itself: the raw identifier it was recorded under before
    /// identity stitching (such as <c>anonymous_id:a1</c>), or the participant of an account-level journey.
    /// </summary>
    public string? Actor { get; init; }
}
