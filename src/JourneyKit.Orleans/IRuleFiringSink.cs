using JourneyKit.Rules;

namespace JourneyKit.Orleans;

/// <summary>
/// Where firings go: the host registers one in the silo's services (an outbox table, a queue, a CRM task API).
/// Delivery is at least once: after a fail-over a grain redelivers the firings it had not seen taken, so the sink
/// de-duplicates by <see cref="RuleFiring.Id"/> (deterministic: rule, customer, episode start).
/// </summary>
public interface IRuleFiringSink
{
    /// <summary>Takes firings of one customer. Throwing leaves them in the grain's outbox for the next delivery.</summary>
    /// <param name="firings">The firings, in firing order.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the firings are stored.</returns>
    Task DeliverAsync(IReadOnlyList<RuleFiring> firings, CancellationToken cancellationToken);
}
