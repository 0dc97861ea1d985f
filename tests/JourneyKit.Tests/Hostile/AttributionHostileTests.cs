using JourneyKit.Attribution;

namespace JourneyKit.Tests.Hostile;

/// <summary>Attribution on adversarial paths: capped channels, cancellation, long paths, ancient touches.</summary>
public class AttributionHostileTests
{
    private static PathRecord Path(int channels, double conversions, double nulls, string prefix = "ch") =>
        new(Enumerable.Range(0, channels).Select(i => prefix + i), conversions, conversions * 10, nulls);

    [Fact]
    public void MoreChannelsThanTheCap_IsAClearError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            MarkovAttribution.Compute([Path(2_001, 1, 1)]));
        Assert.Contains("MaxChannels", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2,001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_StopsTheComputation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var data = PathDataSet.FromRecords([Path(50, 1, 1)]);
        Assert.ThrowsAny<OperationCanceledException>(() => MarkovAttribution.Compute(data, new MarkovAttributionOptions(), cts.Token));
    }

    [Fact]
    public void OneLongPath_EveryChannelIsIndispensable()
    {
        // A single converting path through 1,500 channels (beyond the dense solver): removing any channel breaks it, so
        // every removal effect is 1 and the 3 conversions are shared equally.
        var result = MarkovAttribution.Compute([Path(1_500, 3, 0)]);
        Assert.Equal(1.0, result.ConversionProbability, precision: 12);
        Assert.All(result.RemovalEffects.Values, e => Assert.Equal(1.0, e, precision: 12));
        Assert.All(result.Channels, c => Assert.Equal(3.0 / 1_500, c.Conversions, precision: 12));
    }

    [Fact]
    public void LongPathWithBacktracks_MatchesTheDenseSolver()
    {
        // The same chain solved iteratively (over 200 states) and densely (few states) must agree: compare a 300-channel
        // loop-back chain with its removal effects computed from first principles.
        var forward = Enumerable.Range(0, 300).Select(i => "c" + i).ToList();
        var back = forward.Concat(["c0"]).ToList(); // returns to the start, then stops
        var result = MarkovAttribution.Compute([new PathRecord(forward, 2, 20, 0), new PathRecord(back, 0, 0, 2)]);
        // c0 → c1 (weight 4) or null (2, where the loop path ends); c1 … c299 forward; c299 → conversion (2) or c0 (2).
        // p0 = 4/6 · p299 and p299 = 1/2 + p0/2, so p0 = 1/3 + p0/3: P(convert) = 1/2. Removing any channel cuts the only
        // way to conversion, so every removal effect is 1. (A cyclic chain over 200 states: the iterative solver.)
        Assert.Equal(0.5, result.ConversionProbability, precision: 12);
        Assert.All(result.RemovalEffects.Values, e => Assert.Equal(1.0, e, precision: 12));
    }

    [Fact]
    public void ReservedChannelNames_AreRefused_ButUnknownFromALogIsKept()
    {
        Assert.Throws<ArgumentException>(() => new PathRecord(["a", "(start)"], 1, 1, 0));
        var log = new JourneyKit.Events.EventLogBuilder() // no channel column
            .Add(new JourneyKit.Events.JourneyEvent("c1", DateTimeOffset.UnixEpoch, "a") { Outcome = JourneyKit.Events.EventOutcome.Conversion })
            .Build();
        var records = PathDataSet.FromEventLog(log, JourneyKit.Events.PathLevel.Channel).Records().ToList();
        Assert.Equal(["(unknown)"], Assert.Single(records).Channels);
        Assert.Equal(1.0, MarkovAttribution.Compute(records).RemovalEffects["(unknown)"], precision: 12);
    }

    [Fact]
    public void TimeDecay_AncientTouches_GiveFiniteCreditsThatSumToTheConversions()
    {
        var ages = new[] { TimeSpan.FromDays(7 * 2_000), TimeSpan.FromDays((7 * 2_000) + 7) };
        var record = new PathRecord(["a", "b"], 2, 20, 0, ages);
        var result = HeuristicAttribution.Compute([record], HeuristicModel.TimeDecay);
        var credits = result.Channels.ToDictionary(c => c.Channel, c => c.Conversions);
        Assert.All(credits.Values, c => Assert.True(double.IsFinite(c)));
        // b is one half-life older than a: a gets 2/3, b 1/3.
        Assert.Equal(4.0 / 3, credits["a"], precision: 10);
        Assert.Equal(2.0 / 3, credits["b"], precision: 10);
    }
}
