namespace JourneyKit.Events;

/// <summary>The names of the input columns (CSV header names or JSON Lines property names).</summary>
/// <remarks>Optional columns are read when present and ignored when absent; names are matched exactly (ordinal).</remarks>
public sealed record EventColumns
{
    /// <summary>Gets the customer id column (required). Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>Gets the timestamp column (required). Default <c>timestamp</c>.</summary>
    public string Timestamp { get; init; } = "timestamp";

    /// <summary>Gets the touchpoint column (required). Default <c>touchpoint</c>.</summary>
    public string Touchpoint { get; init; } = "touchpoint";

    /// <summary>Gets the channel column (optional override). Default <c>channel</c>.</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Gets the stage column (optional override). Default <c>stage</c>.</summary>
    public string Stage { get; init; } = "stage";

    /// <summary>Gets the outcome column (optional: <c>none</c>, <c>conversion</c> or <c>churn</c>, any case). Default <c>outcome</c>.</summary>
    public string Outcome { get; init; } = "outcome";

    /// <summary>Gets the value column (optional number). Default <c>value</c>.</summary>
    public string Value { get; init; } = "value";

    /// <summary>Gets the session id column (optional). Default <c>session_id</c>.</summary>
    public string SessionId { get; init; } = "session_id";

    /// <summary>Gets the feedback score column (optional number). Default <c>feedback</c>.</summary>
    public string Feedback { get; init; } = "feedback";

    /// <summary>Gets the actor column (optional: who did the event when not the customer, see <see cref="JourneyEvent.Actor"/>). Default <c>actor</c>.</summary>
    public string Actor { get; init; } = "actor";
}
