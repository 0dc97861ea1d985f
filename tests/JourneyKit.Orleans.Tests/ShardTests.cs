using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JourneyKit.Orleans.Tests;

/// <summary>Batches reach customers through their shard: its checks at the boundary, and a call that fails in part.</summary>
[Collection(ClusterGroup.Name)]
public sealed class ShardTests(ClusterFixture fixture)
{
    private const int Shards = 16;

    [Fact]
    public async Task ACustomerOfAnotherShard_OrAMissingBatch_IsRefusedByName()
    {
        var shard = fixture.Cluster.Client.GetGrain<IJourneyShardGrain>(0);
        string stranger = Customers("stranger-", s => s != 0).First();
        var batch = new LiveEventBatch("direct", 1, [new LiveEvent(DateTimeOffset.UnixEpoch, "home")]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => shard.ObserveAsync([stranger], [batch]));
        Assert.Contains($"'{stranger}' belongs to shard {JourneyKitOrleansOptions.ShardOf(stranger, Shards)}, not 0", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<ArgumentException>(() => shard.ObserveAsync([Customers("mine-", s => s == 0).First()], []));
        Assert.Contains("1 customers but 0 batches", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => shard.RecordDueAsync(stranger, DateTimeOffset.UnixEpoch));
        string twice = Customers("twice-", s => s == 0).First();
        error = await Assert.ThrowsAsync<ArgumentException>(() => shard.ObserveAsync([twice, twice], [batch, new LiveEventBatch("direct", 2, batch.Events)]));
        Assert.Contains($"'{twice}' appears twice", error.Message, StringComparison.Ordinal);
        Assert.Empty((await fixture.Cluster.Client.GetGrain<IJourneyGrain>(twice).StatusAsync()).RecentEvents);
    }

    [Fact]
    public async Task ACallWhereOneCustomerFails_KeepsTheOthersBatchesAndTheirDueTimes()
    {
        // Two customers of one shard; the second's batch arrives corrupt.
        string[] customers = [.. Customers("partial-", s => s == 5).Take(2)];
        var at = new DateTimeOffset(2104, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var good = new LiveEventBatch("direct", 1, [new LiveEvent(at, "support")]);
        var corrupt = new LiveEventBatch("direct", 1, [0xFF, 0x01], watermark: null);
        var shard = fixture.Cluster.Client.GetGrain<IJourneyShardGrain>(5);
        await Assert.ThrowsAsync<InvalidDataException>(() => shard.ObserveAsync(customers, [good, corrupt]));

        // The good batch is durable, and so is its customer's entry in the shard's due index (written although the
        // call failed): a sender that gives up does not leave the customer unknown to the watermark.
        Assert.Equal(1, (await fixture.Cluster.Client.GetGrain<IJourneyGrain>(customers[0]).StatusAsync()).BufferedEvents);
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var index = SharedGrainStorage.Get<JourneyShardState>(serializer, ClusterFixture.Database, "due-index", shard.GetGrainId());
        Assert.NotNull(index);
        Assert.Equal(at.UtcTicks, index.Due[customers[0]]);
        Assert.False(index.Due.ContainsKey(customers[1]));

        // The retry (the corrupt batch resent intact) applies the second customer only; the first is a duplicate.
        await shard.ObserveAsync(customers, [good, new LiveEventBatch("direct", 1, [new LiveEvent(at.AddHours(1), "home")])]);
        Assert.Equal(1, (await fixture.Cluster.Client.GetGrain<IJourneyGrain>(customers[0]).StatusAsync()).DuplicateBatches);
        Assert.Equal(1, (await fixture.Cluster.Client.GetGrain<IJourneyGrain>(customers[1]).StatusAsync()).BufferedEvents);
    }

    [Fact]
    public async Task TwoWalksAtOnce_RunOneAfterTheOther()
    {
        // A watermark retried while its first walk still runs (or a direct call beside the watermark grain's) waits for
        // the walk instead of failing; the customers' firings are delivered.
        int shardId = Enumerable.Range(0, Shards).First(s => s != JourneyKitOrleansOptions.ShardOf("flaky-1", Shards));
        string[] customers = [.. Customers("walk-", s => s == shardId).Take(3)];
        var at = new DateTimeOffset(2105, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var shard = fixture.Cluster.Client.GetGrain<IJourneyShardGrain>(shardId);
        await shard.ObserveAsync(customers, [.. customers.Select(_ => new LiveEventBatch("direct", 1, [new LiveEvent(at, "support")]))]);
        int[] woken = await Task.WhenAll(shard.AdvanceToAsync(at.AddHours(1)), shard.AdvanceToAsync(at.AddHours(1)));
        Assert.True(woken.Max() >= customers.Length, string.Join(", ", woken));
        foreach (string customer in customers)
        {
            var firing = Assert.Single(CollectingSink.Firings.Values, f => f.CustomerId == customer);
            Assert.Equal(("support", at), (firing.RuleName, firing.FiredAt));
        }
    }

    private static IEnumerable<string> Customers(string prefix, Func<int, bool> shard) =>
        Enumerable.Range(0, 10_000).Select(i => prefix + i).Where(c => shard(JourneyKitOrleansOptions.ShardOf(c, Shards)));
}
