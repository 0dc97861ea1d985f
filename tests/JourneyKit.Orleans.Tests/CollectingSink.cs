using System.Collections.Concurrent;
using JourneyKit.Rules;

namespace JourneyKit.Orleans.Tests;

/// <summary>The host's outbox in the tests: every delivery recorded (with redeliveries), de-duplicated by firing id.</summary>
public sealed class CollectingSink : IRuleFiringSink
{
    public static ConcurrentDictionary<Guid, RuleFiring> Firings { get; } = new();

    // Deliveries per customer, redeliveries included.
    private static readonly ConcurrentDictionary<string, long> PerCustomer = new(StringComparer.Ordinal);

    public static long DeliveriesOf(string prefix) => PerCustomer.Where(kv => kv.Key.StartsWith(prefix + "-", StringComparison.Ordinal)).Sum(kv => kv.Value);

    // Customers whose first delivery fails (a sink that is down once).
    private static readonly ConcurrentDictionary<string, bool> FailedOnce = new(StringComparer.Ordinal);

    public Task DeliverAsync(IReadOnlyList<RuleFiring> firings, CancellationToken cancellationToken)
    {
        if (firings.Count > 0 && firings[0].CustomerId.StartsWith("flaky-", StringComparison.Ordinal) && FailedOnce.TryAdd(firings[0].CustomerId, true))
        {
            throw new InvalidOperationException("The outbox table is down.");
        }

        foreach (var firing in firings)
        {
            PerCustomer.AddOrUpdate(firing.CustomerId, 1, (_, n) => n + 1);
            Firings[firing.Id] = firing;
        }

        return Task.CompletedTask;
    }
}
