using FsCheck.Xunit;
using JourneyKit.Events;

namespace JourneyKit.Tests.Events;

public class EventLogBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_GroupsByCustomerInFirstAppearanceOrderAndSortsByTime()
    {
        var builder = new EventLogBuilder();
        builder.Add("bob", T0.AddMinutes(5), "cart");
        builder.Add("ann", T0.AddMinutes(3), "home");
        builder.Add("bob", T0.AddMinutes(1), "home");
        builder.Add("ann", T0.AddMinutes(1), "ad");
        EventLog log = builder.Build();

        Assert.Equal(2, log.CustomerCount);
        Assert.Equal(4L, log.EventCount);
        Assert.Equal(["bob", "ann"], log.CustomerIds);
        Assert.Equal(["home", "cart"], log[0].TouchpointNames());
        Assert.Equal(["ad", "home"], log[1].TouchpointNames());
        Assert.Equal([0, 2, 4], log.CustomerOffsets.ToArray());
        Assert.Equal(TimeSpan.FromMinutes(4), log[0].Duration);
    }

    [Fact]
    public void Build_EqualTimestamps_KeepInputOrder()
    {
        var builder = new EventLogBuilder();
        builder.Add("c", T0, "first").Add("c", T0.AddMinutes(-1), "earlier").Add("c", T0, "second").Add("c", T0, "third");
        Assert.Equal(["earlier", "first", "second", "third"], builder.Build()[0].TouchpointNames());
    }

    [Fact]
    public void Build_SameInstantInDifferentOffsets_IsEqualTime()
    {
        var builder = new EventLogBuilder();
        builder.Add("c", new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), "a");
        builder.Add("c", new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(-1)), "b"); // 09:30Z, later
        builder.Add("c", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), "c");           // same instant as a
        var journey = builder.Build()[0];
        Assert.Equal(["a", "c", "b"], journey.TouchpointNames());
        Assert.Equal(TimeSpan.FromMinutes(30), journey.Duration);
    }

    [Fact]
    public void Build_LongShuffledJourney_UsesStableMergeSort()
    {
        // 500 events of one customer over 50 distinct instants, added in reverse: the merge-sort path must order them
        // by time and keep input order within each instant.
        var builder = new EventLogBuilder();
        for (int i = 499; i >= 0; i--)
        {
            builder.Add("c", T0.AddSeconds(i / 10), $"tp-{i}");
        }

        var names = builder.Build()[0].TouchpointNames();
        var expected = Enumerable.Range(0, 50).SelectMany(second => Enumerable.Range(0, 10).Select(j => $"tp-{(second * 10) + 9 - j}"));
        Assert.Equal(expected, names);
    }

    [Fact]
    public void Build_WithMap_ResolvesStageAndChannelAndHonoursOverrides()
    {
        var map = SampleMaps.ECommerce();
        var builder = new EventLogBuilder(map);
        builder.Add("c", T0, "checkout");
        builder.Add(new JourneyEvent("c", T0.AddMinutes(1), "confirmation") { Channel = "support", Outcome = EventOutcome.Conversion, Value = 42.5 });
        var log = builder.Build();

        Assert.Equal("purchase", log.StageNames[log.StageIds[0]]);
        Assert.Equal("web", log.ChannelNames[log.ChannelIds[0]]);
        Assert.Equal("support", log.ChannelNames[log.ChannelIds[1]]);
        Assert.Equal(2, log.StageIds[0]); // stage ids follow the map's stage order
        var e = log.GetEvent(1);
        Assert.Equal(EventOutcome.Conversion, e.Outcome);
        Assert.Equal(42.5, e.Value);
        Assert.Equal("purchase", e.Stage);
    }

    [Fact]
    public void Add_TouchpointUnknownToMap_ThrowsNamingIt()
    {
        var builder = new EventLogBuilder(SampleMaps.ECommerce());
        var ex = Assert.Throws<ArgumentException>(() => builder.Add("c", T0, "teleport"));
        Assert.Equal("touchpoint", ex.ParamName);
        Assert.Contains("'teleport'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, builder.Count);
    }

    [Fact]
    public void Add_UnknownTouchpointAllowed_HasUnknownStageAndChannel()
    {
        var log = new EventLogBuilder(SampleMaps.ECommerce(), allowUnknownTouchpoints: true).Add("c", T0, "teleport").Build();
        Assert.Equal(-1, log.StageIds[0]);
        Assert.Equal(-1, log.ChannelIds[0]);
        Assert.Null(log.GetEvent(0).Stage);
    }

    [Theory]
    [InlineData("", "x")]
    [InlineData(" ", "x")]
    [InlineData("c", "")]
    public void Add_BlankIds_Throw(string customer, string touchpoint)
    {
        var ex = Assert.Throws<ArgumentException>(() => new EventLogBuilder().Add(customer, T0, touchpoint));
        Assert.Equal(customer.Trim().Length == 0 ? "customerId" : "touchpoint", ex.ParamName);
    }

    [Fact]
    public void Add_NonFiniteValue_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EventLogBuilder().Add(new JourneyEvent("c", T0, "x") { Value = double.PositiveInfinity }));
        Assert.Equal("journeyEvent", ex.ParamName);
        Assert.Contains("Value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddColumns_BuildsSameLogAsAddingOneByOne()
    {
        var byEvent = new EventLogBuilder();
        var byColumns = new EventLogBuilder();
        int[] customers = [byColumns.InternCustomer("a"), byColumns.InternCustomer("b"), 0];
        int[] touchpoints = [byColumns.InternTouchpoint("x"), byColumns.InternTouchpoint("y"), 1];
        long[] ticks = [T0.UtcTicks + 5, T0.UtcTicks, T0.UtcTicks];
        EventOutcome[] outcomes = [EventOutcome.None, EventOutcome.Conversion, EventOutcome.None];
        double[] values = [double.NaN, 10, double.NaN];
        byColumns.AddColumns(customers, ticks, touchpoints, outcomes, values);
        byEvent.Add("a", new DateTimeOffset(T0.UtcTicks + 5, TimeSpan.Zero), "x")
            .Add(new JourneyEvent("b", T0, "y") { Outcome = EventOutcome.Conversion, Value = 10 })
            .Add("a", T0, "y");
        Assert.True(byColumns.Build().ContentEquals(byEvent.Build()));
    }

    [Fact]
    public void AddColumns_MismatchedLengthsOrUnknownIds_Throw()
    {
        var builder = new EventLogBuilder();
        int c = builder.InternCustomer("a");
        int t = builder.InternTouchpoint("x");
        Assert.Equal("utcTicks", Assert.Throws<ArgumentException>(() => builder.AddColumns([c], [], [t])).ParamName);
        var ex = Assert.Throws<ArgumentException>(() => builder.AddColumns([c], [1], [t + 1]));
        Assert.Equal("touchpointIds", ex.ParamName);
        Assert.Contains("touchpointIds[0] = 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("utcTicks", Assert.Throws<ArgumentException>(() => builder.AddColumns([c], [-1], [t])).ParamName);
    }

    [Fact]
    public void CustomerOf_SkipsCustomersWithoutEvents()
    {
        var builder = new EventLogBuilder();
        builder.InternCustomer("silent");
        builder.Add("loud", T0, "x");
        var log = builder.Build();
        Assert.Equal(0, log[0].Count);
        Assert.Equal(1, log.CustomerOf(0));
    }

    [Fact]
    public void Sessionize_SplitsOnGapsAndSessionIds()
    {
        var builder = new EventLogBuilder();
        builder.Add("a", T0, "1").Add("a", T0.AddMinutes(20), "2").Add("a", T0.AddMinutes(51), "3") // 31-min gap → new session
            .Add(new JourneyEvent("a", T0.AddMinutes(52), "4") { SessionId = "s9" })                  // session id changes → new session
            .Add("b", T0.AddMinutes(52), "5");
        var sessions = builder.Build().Sessionize();
        Assert.Equal(4, sessions.Count);
        Assert.Equal([0, 2, 3, 4, 5], sessions.Starts.ToArray());
        Assert.Equal([0, 0, 0, 1], sessions.Customers.ToArray());
        Assert.Equal(TimeSpan.FromMinutes(20), sessions.Duration(0));
        Assert.Equal(2, sessions.EventCount(0));
        Assert.Equal(2, builder.Build().Sessionize(TimeSpan.FromHours(1), splitOnSessionIdChange: false).Count); // a: one session, b: one
        Assert.Equal("inactivityGap", Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build().Sessionize(TimeSpan.Zero)).ParamName);
    }

    [Property(Arbitrary = [typeof(EventArbitraries)])]
    public bool Build_EveryJourneyIsTimeOrdered(RawEvents raw)
    {
        var log = EventArbitraries.Build(raw.Events);
        return log.Journeys.All(j =>
        {
            var ticks = j.UtcTicks;
            for (int i = 1; i < ticks.Length; i++)
            {
                if (ticks[i - 1] > ticks[i])
                {
                    return false;
                }
            }

            return true;
        }) && log.EventCount == raw.Events.Count;
    }

    // Any permutation that keeps the relative order of events with equal (customer, instant) yields the same log.
    [Property(Arbitrary = [typeof(EventArbitraries)])]
    public bool Build_PermutationKeepingTieOrder_GivesSameLog(RawEvents raw)
    {
        var events = raw.Events;
        var random = new Random(raw.Seed ^ 0x5EED);
        int[] positions = [.. Enumerable.Range(0, events.Count).OrderBy(_ => random.Next())];

        // Put the events into shuffled slots, then restore input order inside every tie group.
        var permuted = positions.Select(p => events[p]).ToArray();
        foreach (var group in Enumerable.Range(0, permuted.Length).GroupBy(i => (permuted[i].CustomerId, permuted[i].Timestamp.UtcTicks)))
        {
            var slots = group.ToArray();
            var originals = slots.Select(i => positions[i]).Order().ToArray();
            for (int j = 0; j < slots.Length; j++)
            {
                permuted[slots[j]] = events[originals[j]];
            }
        }

        return EventArbitraries.Build(events).ContentEquals(EventArbitraries.Build(permuted));
    }

    [Property(Arbitrary = [typeof(EventArbitraries)])]
    public bool MergeOfPartitions_EqualsLog(RawEvents raw, byte parts)
    {
        var log = EventArbitraries.Build(raw.Events);
        var partitions = log.Partition(1 + (parts % 6));
        var merged = EventLog.Merge(partitions);
        bool sameCustomerOrder = merged.CustomerIds.SequenceEqual(log.CustomerIds);
        bool eventsAccountedFor = partitions.Sum(p => p.EventCount) == log.EventCount;
        bool disjoint = partitions.SelectMany(p => p.CustomerIds).Distinct().Count() == log.CustomerCount;
        return merged.ContentEquals(log) && sameCustomerOrder && eventsAccountedFor && disjoint;
    }

    [Property(Arbitrary = [typeof(EventArbitraries)])]
    public bool Merge_OfTwoHalves_EqualsLogOfAllEvents(RawEvents raw)
    {
        // Splitting the input (not by customer) and merging the logs equals building from all events at once.
        var events = raw.Events;
        int half = events.Count / 2;
        var merged = EventLog.Merge([EventArbitraries.Build(events.Take(half)), EventArbitraries.Build(events.Skip(half))]);
        return merged.ContentEquals(EventArbitraries.Build(events));
    }

    [Fact]
    public void Merge_Cancelled_Throws()
    {
        var log = new EventLogBuilder().Add("c", T0, "x").Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => EventLog.Merge([log, log], cancelled.Token));
    }

    [Fact]
    public void Merge_DifferentMaps_Throws()
    {
        var a = new EventLogBuilder(SampleMaps.ECommerce()).Build();
        var b = new EventLogBuilder(SampleMaps.ECommerce()).Build();
        Assert.Equal("logs", Assert.Throws<ArgumentException>(() => EventLog.Merge([a, b])).ParamName);
    }

    [Fact]
    public void ColumnBytes_CoreColumnsStayWithin24BytesPerEvent()
    {
        var log = new SyntheticJourneyGenerator(SampleMaps.ECommerce(), new SyntheticJourneyOptions { FeedbackProbability = 0 }).Generate();
        double perEvent = (double)(log.ColumnBytes - ((log.CustomerCount + 1) * 4L) - (log.Values.Length * 8L)) / log.EventCount;
        Assert.Equal(21.0, perEvent, precision: 10); // ticks 8 + touchpoint 4 + channel 4 + stage 4 + outcome 1
    }

    [Fact]
    public void Build_InParallel_GivesTheSameLog()
    {
        // 200K shuffled events of 5K customers on coarse timestamps (many ties), some with optional columns.
        var random = new Random(17);
        var events = Enumerable.Range(0, 200_000).Select(i => new JourneyEvent($"c{random.Next(5000)}", T0.AddMinutes(random.Next(60)), $"tp{random.Next(12)}")
        {
            Outcome = i % 97 == 0 ? EventOutcome.Conversion : EventOutcome.None,
            Value = i % 97 == 0 ? i : null,
        }).ToList();
        var sequential = new EventLogBuilder().AddRange(events).Build();
        var parallel = new EventLogBuilder { MaxDegreeOfParallelism = 4 }.AddRange(events).Build();
        Assert.Equal(sequential.CustomerIds, parallel.CustomerIds);
        Assert.Equal(sequential.UtcTicks.ToArray(), parallel.UtcTicks.ToArray());
        Assert.Equal(sequential.TouchpointIds.ToArray(), parallel.TouchpointIds.ToArray());
        Assert.Equal(sequential.Values.ToArray(), parallel.Values.ToArray());
        Assert.True(parallel.ContentEquals(sequential));
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new EventLogBuilder { MaxDegreeOfParallelism = 0 }).ParamName);
    }
}
