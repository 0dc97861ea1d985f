namespace JourneyKit.Orleans.Tests;

/// <summary>What a watermark advance changed and nobody wrote yet (this cluster never writes advances by itself).</summary>
[Collection(SlowWriteClusterGroup.Name)]
public sealed class UnwrittenAdvanceTests(SlowWriteClusterFixture fixture)
{
    [Fact]
    public async Task ABadBatchAfterAnUnwrittenAdvance_WritesNothingOfEither()
    {
        var grain = fixture.Cluster.Client.GetGrain<IJourneyGrain>("unwritten-bad-1");
        var at = new DateTimeOffset(2102, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await grain.ObserveAsync(new LiveEventBatch("direct", 1, [new LiveEvent(at, "search")]));
        await grain.AdvanceToAsync(at.AddHours(1));
        Assert.Equal((0, 1), ((await grain.StatusAsync()).BufferedEvents, (await grain.StatusAsync()).OpenEpisodes));

        // The batch fails on its second event after its first was applied: the activation, now holding a half-applied
        // batch on top of an unwritten advance, goes without writing (not even on its way out).
        var bad = new LiveEventBatch("direct", 2, [new LiveEvent(at.AddHours(2), "cart"), new LiveEvent(at.AddHours(3), "home", Value: double.NaN)]);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.ObserveAsync(bad));

        // The next activation has the written state: the first batch, its event still waiting for the watermark.
        var status = await grain.StatusAsync();
        Assert.Equal(["search"], status.RecentEvents.Select(e => e.Touchpoint));
        Assert.Equal((1, 0, (DateTimeOffset?)null), (status.BufferedEvents, status.OpenEpisodes, status.Watermark));

        // The advance is derived again when it comes again; unwritten, it tells the due index the written state's due
        // time (the search event's), not the episode's, so that the index still wakes a next activation.
        Assert.Equal(at, await grain.AdvanceToAsync(at.AddHours(1)));
        Assert.Equal((0, 1), ((await grain.StatusAsync()).BufferedEvents, (await grain.StatusAsync()).OpenEpisodes));
    }
}
