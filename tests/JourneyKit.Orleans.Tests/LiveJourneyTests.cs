using JourneyKit.Events;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JourneyKit.Orleans.Tests;

/// <summary>
/// The customer grains on a real three-silo cluster give exactly the single-process monitor's firings and, once
/// flushed, the single-process analysis — with the stream sent as shuffled batches through any silo.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class LiveJourneyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ShuffledBatchesThroughAnySilo_GiveTheSingleProcessFirings()
    {
        var (chunks, ends) = TestStreams.Stream("a", seed: 1);
        var expected = TestStreams.SingleProcess(chunks, ends);
        var aggregates = fixture.Cluster.Client.GetGrain<ILiveAggregatesGrain>(0);
        var before = await Settled(aggregates);
        var ingest = new JourneyIngest(fixture.Cluster.Client, "ingest-a");
        for (int i = 0; i < chunks.Count; i++)
        {
            await ingest.SendAsync(chunks[i]);
            await ingest.AdvanceToAsync(ends[i]);
        }

        await ingest.AdvanceToAsync(ends[^1].AddDays(30));
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(f => f.Id), TestStreams.Delivered("a").OrderBy(f => f.Id));

        // Holdout flags included: the cart rule holds out 30 %; both arms occur, and each firing's flag is the split's.
        Assert.Contains(expected, f => f.IsHoldout);
        Assert.Contains(expected, f => f.RuleName == "cart" && !f.IsHoldout);
        Assert.All(TestStreams.Delivered("a"), f => Assert.Equal(f.RuleName == "cart" && new JourneyKit.Experiments.HoldoutSplit("cart-followup", 0.3).IsControl(f.CustomerId), f.IsHoldout));

        // The live aggregates, once every silo has flushed, are the single-process analysis of the same events.
        var log = new EventLogBuilder().AddRange(chunks.SelectMany(c => c)).Build();
        var after = await Settled(aggregates);
        var live = Difference(after, before);
        Assert.Equal(log.EventCount, live.Events);
        SameCounts(new PathAnalyzer().DirectlyFollows(log, includeDurations: false), live.DirectlyFollows());
        SameCounts(new PathAnalyzer(new PathAnalyzerOptions { Level = PathLevel.Stage }).DirectlyFollows(log, includeDurations: false), live.StageTransitions());
        var funnel = new PathAnalyzer().Funnel(log, new FunnelDefinition([.. ClusterFixture.FunnelStages.Select(s => FunnelStep.Stage(s))]));
        Assert.Equal(funnel.Steps.Select(s => (s.Entered, s.Converted)), live.Funnel(ClusterFixture.FunnelStages).Steps.Select(s => (s.Entered, s.Converted)));
        var nps = NetPromoterScore.Breakdown(log, (_, _) => "all", NpsCounting.LatestPerCustomer)["all"];
        Assert.Equal((nps.Promoters, nps.Passives, nps.Detractors), (live.NetPromoterScore().Promoters, live.NetPromoterScore().Passives, live.NetPromoterScore().Detractors));

        // A batch sent again (a retry whose acknowledgement was lost) is applied once.
        var customer = chunks[0][0].CustomerId;
        var grain = fixture.Cluster.Client.GetGrain<IJourneyGrain>(customer);
        var statusBefore = await grain.StatusAsync();
        await grain.ObserveAsync(new LiveEventBatch("ingest-a", 1, [LiveEvent.From(chunks[0][0])]));
        var statusAfter = await grain.StatusAsync();
        Assert.Equal(statusBefore.DuplicateBatches + 1, statusAfter.DuplicateBatches);
        Assert.Equal(statusBefore.RecentEvents.Count, statusAfter.RecentEvents.Count);
    }

    [Fact]
    public async Task AnEpisodeDueAfterTheLastInstant_IsNeverDue_OnTheCluster()
    {
        // A cart on a 9999-12-31 sentinel date: due 24 h later, past DateTimeOffset.MaxValue. The grain holds it open,
        // the due index never wakes it, and a watermark at the last instant fires nothing (it used to throw converting ticks).
        var at = new DateTimeOffset(9999, 12, 31, 12, 0, 0, TimeSpan.Zero);
        var ingest = new JourneyIngest(fixture.Cluster.Client, "sentinel");
        await ingest.SendAsync([new JourneyEvent("sentinel-1", at, "cart")]);
        await ingest.AdvanceToAsync(DateTimeOffset.MaxValue);
        var status = await fixture.Cluster.Client.GetGrain<IJourneyGrain>("sentinel-1").StatusAsync();
        Assert.Equal((1, 0, DateTimeOffset.MaxValue), (status.OpenEpisodes, status.BufferedEvents, status.Watermark!.Value));
        Assert.Empty(TestStreams.Delivered("sentinel"));
    }

    [Fact]
    public async Task AnIngestGivenAnEventWithoutTouchpoint_NamesItAndSendsNothing()
    {
        var at = new DateTimeOffset(2103, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ingest = new JourneyIngest(fixture.Cluster.Client, "ingest-bad");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ingest.SendAsync([new JourneyEvent("ingest-bad-1", at, "home"), new JourneyEvent("ingest-bad-2", at, null!)]));
        Assert.Equal("events", error.ParamName);
        Assert.Contains("customer 'ingest-bad-2'", error.Message, StringComparison.Ordinal);

        // Not half-sent: no batch numbered, the good customer's grain has nothing.
        Assert.Empty(ingest.Customers);
        Assert.Empty((await fixture.Cluster.Client.GetGrain<IJourneyGrain>("ingest-bad-1").StatusAsync()).RecentEvents);
    }

    [Fact]
    public async Task ASinkThatFails_GetsTheFiringsAgainFromTheOutbox()
    {
        var grain = fixture.Cluster.Client.GetGrain<IJourneyGrain>("flaky-1");
        var at = new DateTimeOffset(2100, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var batch = new LiveEventBatch("direct", 1, [new LiveEvent(at, "support")]);
        await grain.ObserveAsync(batch);

        // The occurrence fires when the watermark passes it; the sink is down, so the call fails...
        await Assert.ThrowsAnyAsync<Exception>(() => grain.AdvanceToAsync(at.AddHours(1)));
        Assert.DoesNotContain(CollectingSink.Firings.Values, f => f.CustomerId == "flaky-1");

        // ...and the firing, persisted in the outbox, is delivered with the next call (here the retried watermark).
        await grain.AdvanceToAsync(at.AddHours(1));
        var firing = Assert.Single(CollectingSink.Firings.Values, f => f.CustomerId == "flaky-1");
        Assert.Equal(("support", at), (firing.RuleName, firing.FiredAt));
    }

    [Fact]
    public async Task ABatchWithABadEvent_IsRefusedWhole()
    {
        var grain = fixture.Cluster.Client.GetGrain<IJourneyGrain>("bad-batch-1");
        var at = new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var batch = new LiveEventBatch("direct", 1, [new LiveEvent(at, "support"), new LiveEvent(at.AddMinutes(1), "home", Value: double.NaN)]);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.ObserveAsync(batch));

        // The good first event was not kept half-applied: the next activation reads storage, which has none of it.
        var status = await grain.StatusAsync();
        Assert.Equal((0, 0), (status.RecentEvents.Count, status.BufferedEvents));
        await grain.ObserveAsync(new LiveEventBatch("direct", 1, [batch.Events[0]]));
        Assert.Equal(1, (await grain.StatusAsync()).BufferedEvents);
    }

    [Fact]
    public async Task GrainState_RoundTripsThroughTheSerializer_AndAFutureVersionIsAClearError()
    {
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var state = new JourneyGrainState { Monitor = [1, 2, 3], DuplicateBatches = 4 };
        state.Senders["s"] = 7;
        LiveEvent[] recent = [new(DateTimeOffset.UnixEpoch, "home", Stage: "awareness")];
        state.RecentEvents = LiveEventCodec.Encode(recent, "recent");
        state.Outbox.Add(new FiringRecord("cart", "c", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
        state.Outbox.Add(new FiringRecord("cart", "d", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) { IsHoldout = true, Ordinal = 1 });
        var copy = serializer.Deserialize<JourneyGrainState>(serializer.SerializeToArray(state))!;
        Assert.Equal((state.Version, state.DuplicateBatches, state.Senders["s"]), (copy.Version, copy.DuplicateBatches, copy.Senders["s"]));
        Assert.Equal(state.Monitor, copy.Monitor);
        Assert.Equal(recent, LiveEventCodec.Decode(copy.RecentEvents));
        Assert.Equal(state.Outbox, copy.Outbox);
        Assert.True(copy.Outbox[1].ToFiring().IsHoldout); // the holdout flag survives the outbox (state version 2)
        Assert.Equal(1, copy.Outbox[1].ToFiring().Ordinal); // and the same-instant number (state version 3): its own id
        Assert.NotEqual(copy.Outbox[1].ToFiring().Id, (copy.Outbox[1] with { Ordinal = 0 }).ToFiring().Id);

        // State written by a newer version: the grain refuses to activate on it, and says why.
        var future = new JourneyGrainState { Version = JourneyGrainState.CurrentVersion + 1 };
        var grain = fixture.Cluster.Client.GetGrain<IJourneyGrain>("future-customer");
        SharedGrainStorage.Put(serializer, ClusterFixture.Database, "journey", grain.GetGrainId(), future);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => grain.StatusAsync());
        Assert.Contains("future-customer", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 4", error.Message, StringComparison.Ordinal);
    }

    // Waits until the silos have flushed everything (two reads a few flush intervals apart agree) — a wait for
    // quiescence, not a timing assertion.
    private static async Task<LiveCounts> Settled(ILiveAggregatesGrain aggregates)
    {
        var last = await aggregates.GetAsync();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            var now = await aggregates.GetAsync();
            if (now.Events == last.Events && now.Nps.SequenceEqual(last.Nps) && now.Edges.Count == last.Edges.Count)
            {
                return now;
            }

            last = now;
        }

        throw new TimeoutException("The live aggregates did not settle within 70 seconds.");
    }

    private static LiveCounts Difference(LiveCounts after, LiveCounts before)
    {
        var negated = new LiveCounts
        {
            Edges = before.Edges.ToDictionary(kv => kv.Key, kv => -kv.Value),
            Starts = before.Starts.ToDictionary(kv => kv.Key, kv => -kv.Value),
            Ends = before.Ends.ToDictionary(kv => kv.Key, kv => -kv.Value),
            StageEdges = before.StageEdges.ToDictionary(kv => kv.Key, kv => -kv.Value),
            StageStarts = before.StageStarts.ToDictionary(kv => kv.Key, kv => -kv.Value),
            StageEnds = before.StageEnds.ToDictionary(kv => kv.Key, kv => -kv.Value),
            FunnelEntered = [.. before.FunnelEntered.Select(v => -v)],
            Nps = [.. before.Nps.Select(v => -v)],
            Events = -before.Events,
        };
        var result = new LiveCounts();
        result.Add(after);
        result.Add(negated);
        return result;
    }

    private static void SameCounts(DirectlyFollowsGraph expected, DirectlyFollowsGraph actual)
    {
        Assert.Equal(expected.Edges.Select(e => (e.From, e.To, e.Count)), actual.Edges.Select(e => (e.From, e.To, e.Count)));
        Assert.Equal(expected.StartCounts, actual.StartCounts);
        Assert.Equal(expected.EndCounts, actual.EndCounts);
    }
}
