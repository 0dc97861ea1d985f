using System.Collections.Concurrent;
using JourneyKit.Rules;

namespace JourneyKit.Orleans.Tests;

/// <summary>The host's outbox in the tests: every delivery recorded (with redeliveries), de-duplicated by firing id.</summary>
public sealed class CollectingSink : IRuleFiringSink
{
    public static ConcurrentDictionary<Guid, RuleFiring> Firings { get; } = new();

    public static long Deliveries => Interlocked.Read(ref _deliveries);

    private static long _deliveries;

    public Task DeliverAsync(IReadOnlyList<RuleFiring> firings, CancellationToken cancellationToken)
    {
        foreach (var firing in firings)
        {
            Interlocked.Increment(ref _deliveries);
            Firings[firing.Id] = firing;
        }

        return Task.CompletedTask;
    }
}
