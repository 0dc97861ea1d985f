using JourneyKit.Events;

namespace JourneyKit.Orleans;

/// <summary>One event of a customer sent to the customer's grain (the customer is the grain's key).</summary>
/// <param name="Timestamp">When the event happened (event time).</param>
/// <param name="Touchpoint">The touchpoint.</param>
/// <param name="Channel">The channel, or <see langword="null"/> (taken from the rules' map when it knows the touchpoint).</param>
/// <param name="Stage">The stage, or <see langword="null"/> (likewise).</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="Value">The value, or <see langword="null"/>.</param>
/// <param name="Feedback">The feedback, or <see langword="null"/>.</param>
[GenerateSerializer]
[Immutable]
[Alias("JourneyKit.Orleans.LiveEvent")]
public sealed record LiveEvent(DateTimeOffset Timestamp, string Touchpoint, string? Channel = null, string? Stage = null, EventOutcome Outcome = EventOutcome.None, double? Value = null, double? Feedback = null)
{
    /// <summary>Creates the live form of a journey event.</summary>
    /// <param name="journeyEvent">The event.</param>
    /// <returns>The event without its customer id (the grain key carries it).</returns>
    public static LiveEvent From(in JourneyEvent journeyEvent) =>
        new(journeyEvent.Timestamp, journeyEvent.Touchpoint, journeyEvent.Channel, journeyEvent.Stage, journeyEvent.Outcome, journeyEvent.Value, journeyEvent.Feedback);

    /// <summary>Gets the journey event of a customer.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>The event.</returns>
    public JourneyEvent ToJourneyEvent(string customerId) =>
        new(customerId, Timestamp, Touchpoint) { Channel = Channel, Stage = Stage, Outcome = Outcome, Value = Value, Feedback = Feedback };
}
