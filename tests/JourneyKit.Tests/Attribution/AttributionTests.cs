using JourneyKit.Attribution;
using JourneyKit.Events;

namespace JourneyKit.Tests.Attribution;

public class AttributionTests
{
    // a > b: 1 conversion (value 10), 1 null · b > c: 1 conversion (value 30) · a: 1 null.
    private static readonly PathRecord[] Three =
    [
        PathRecord.Parse("a > b", 1, 10, 1),
        PathRecord.Parse("b > c", 1, 30, 0),
        PathRecord.Parse("a", 0, 0, 1),
    ];

    private static double Credit(AttributionResult r, string channel) => r.Channels.Single(c => c.Channel == channel).Conversions;

    private static double Value(AttributionResult r, string channel) => r.Channels.Single(c => c.Channel == channel).ConversionValue;

    [Fact]
    public void Parse_TrimsAndIgnoresEmptyTokens()
    {
        Assert.Equal(["a", "b"], PathRecord.Parse(" a >> b > ", 1, 0, 0).Channels);
        Assert.Throws<ArgumentException>(() => PathRecord.Parse(" > > ", 1, 0, 0));
        Assert.Equal("nulls", Assert.Throws<ArgumentOutOfRangeException>(() => PathRecord.Parse("a", 1, 0, -1)).ParamName);
        Assert.Equal("conversions", Assert.Throws<ArgumentOutOfRangeException>(() => PathRecord.Parse("a", double.NaN, 0, 0)).ParamName);
    }

    [Fact]
    public void Markov_HandSolvedThreeChannelExample()
    {
        // Rows of the chain: start → a 3/4, b 1/4; a → b 2/3, null 1/3; b → conversion, null, c 1/3 each; c → conversion.
        // P(conv | b) = 1/3 + 1/3 = 2/3, P(conv | a) = 2/3 · 2/3 = 4/9, P(conv) = 3/4 · 4/9 + 1/4 · 2/3 = 1/2.
        var r = MarkovAttribution.Compute(Three);
        Assert.Equal(0.5, r.ConversionProbability, precision: 12);
        // Without a: 1/4 · 2/3 = 1/6 → RE 2/3. Without b: 0 → RE 1. Without c: b converts 1/3, a 2/9, start 1/4 → RE 1/2.
        Assert.Equal(2.0 / 3, r.RemovalEffects["a"], precision: 12);
        Assert.Equal(1.0, r.RemovalEffects["b"], precision: 12);
        Assert.Equal(0.5, r.RemovalEffects["c"], precision: 12);
        // Σ RE = 13/6; credits = RE / ΣRE × 2: a 8/13, b 12/13, c 6/13.
        Assert.Equal(8.0 / 13, Credit(r, "a"), precision: 12);
        Assert.Equal(12.0 / 13, Credit(r, "b"), precision: 12);
        Assert.Equal(6.0 / 13, Credit(r, "c"), precision: 12);
        // Value: v_b = 10, v_c = 30; V = 1/4 · 10 + 1/4 · 30 = 10 = 40 value / 4 journeys.
        Assert.Equal(10, r.ExpectedValue, precision: 10);
        // Without c: V = 2.5 → 0.75; without a: V = 1/4 · (10 + 30)/3 = 10/3 → 2/3; without b: 1. Σ = 29/12.
        Assert.Equal(0.75, r.ValueRemovalEffects["c"], precision: 12);
        Assert.Equal(2.0 / 3, r.ValueRemovalEffects["a"], precision: 12);
        Assert.Equal(360.0 / 29, Value(r, "c"), precision: 10);
        Assert.Contains(r.Transitions, t => t.From == "(start)" && t.To == "a" && t.Weight == 3 && Math.Abs(t.Probability - 0.75) < 1e-12);
        var chain = r.ToChain();
        Assert.Equal(0.5, chain.AbsorptionProbability("(start)", "(conversion)"), precision: 12);
    }

    [Fact]
    public void Markov_RepeatedChannelsCollapseAndOrderTwoWindows()
    {
        // Order 1, a > b > a converts, b > a does not: start → a 1, b 1; a → b 1, conv 1, null 1; b → a 2.
        // P_a = 1/3 + 1/3 P_b, P_b = P_a → P_a = 1/2 = P(conv) = 1 / (1 + 1).
        PathRecord[] rows = [PathRecord.Parse("a > b > a", 1, 5, 0), PathRecord.Parse("b > a", 0, 0, 1)];
        Assert.Equal(0.5, MarkovAttribution.Compute(rows).ConversionProbability, precision: 12);

        // Order 2: states (a b), (b a) and the short path's single window (b a): start → ab 1, ba 1; ab → ba; ba → conv 1/2.
        var order2 = MarkovAttribution.Compute(rows, new MarkovAttributionOptions { Order = 2, IncludeStateRemovalEffects = true });
        Assert.Equal(0.5, order2.ConversionProbability, precision: 12);
        Assert.Equal(1, order2.RemovalEffects["a"], precision: 12); // every state contains a
        Assert.Equal(1, order2.StateRemovalEffects["b > a"], precision: 12);
        Assert.Equal(0.5, order2.StateRemovalEffects["a > b"], precision: 12); // only the start → ab route is lost
        Assert.Contains(order2.Transitions, t => t.From == "a > b" && t.To == "b > a");

        // a > a > b collapses to a > b.
        var collapsed = MarkovAttribution.Compute([PathRecord.Parse("a > a > b", 1, 0, 0)]);
        Assert.DoesNotContain(collapsed.Transitions, t => t.From == "a" && t.To == "a");
    }

    [Fact]
    public void Markov_ZeroConversionRowsAndSingleTouch()
    {
        var r = MarkovAttribution.Compute([PathRecord.Parse("a", 2, 20, 0), PathRecord.Parse("b", 0, 0, 3)]);
        Assert.Equal(2.0 / 5, r.ConversionProbability, precision: 12);
        Assert.Equal(1, r.RemovalEffects["a"], precision: 12);
        Assert.Equal(0, r.RemovalEffects["b"], precision: 12);
        Assert.Equal(2, Credit(r, "a"), precision: 12);
        Assert.Equal(0, Credit(r, "b"), precision: 12);
        var none = MarkovAttribution.Compute([PathRecord.Parse("a", 0, 0, 3)]);
        Assert.Equal(0, none.ConversionProbability);
        Assert.Equal(0, Credit(none, "a"));
    }

    [Fact]
    public void Markov_StateCap_ClearError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => MarkovAttribution.Compute(Three, new MarkovAttributionOptions { Order = 2, MaxStates = 1 }));
        Assert.Contains("MaxStates", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HeuristicModel.FirstTouch, 1, 1, 0, 10, 30, 0)]
    [InlineData(HeuristicModel.LastTouch, 0, 1, 1, 0, 10, 30)]
    [InlineData(HeuristicModel.Linear, 0.5, 1, 0.5, 5, 20, 15)]
    [InlineData(HeuristicModel.PositionBased, 0.5, 1, 0.5, 5, 20, 15)] // two touches: 40/40 renormalised to halves
    [InlineData(HeuristicModel.WShaped, 0.5, 1, 0.5, 5, 20, 15)]
    public void Heuristic_HandWorked(HeuristicModel model, double a, double b, double c, double va, double vb, double vc)
    {
        var r = HeuristicAttribution.Compute(Three, model);
        Assert.Equal(a, Credit(r, "a"), precision: 12);
        Assert.Equal(b, Credit(r, "b"), precision: 12);
        Assert.Equal(c, Credit(r, "c"), precision: 12);
        Assert.Equal(va, Value(r, "a"), precision: 12);
        Assert.Equal(vb, Value(r, "b"), precision: 12);
        Assert.Equal(vc, Value(r, "c"), precision: 12);
    }

    [Fact]
    public void Heuristic_RepeatsCountWithMultiplicityAndLongPathShapes()
    {
        var linear = HeuristicAttribution.Compute([PathRecord.Parse("a > a > b", 3, 0, 0)], HeuristicModel.Linear);
        Assert.Equal(2, Credit(linear, "a"), precision: 12); // 2/3 of 3
        var five = PathRecord.Parse("p > q > r > s > t", 1, 0, 0);
        var u = HeuristicAttribution.Compute([five], HeuristicModel.PositionBased);
        Assert.Equal(0.4, Credit(u, "p"), precision: 12);
        Assert.Equal(0.2 / 3, Credit(u, "q"), precision: 12);
        var w = HeuristicAttribution.Compute([five], HeuristicModel.WShaped);
        Assert.Equal(0.3, Credit(w, "r"), precision: 12); // the middle touch
        Assert.Equal(0.05, Credit(w, "q"), precision: 12);
    }

    [Fact]
    public void Heuristic_TimeDecay_HalvesPerHalfLifeAndNeedsAges()
    {
        // Touch ages 14, 7 and 0 days with a 7-day half-life: weights 1/4, 1/2, 1 → / 1.75.
        var record = new PathRecord(["a", "b", "c"], 7, 0, 0, [TimeSpan.FromDays(14), TimeSpan.FromDays(7), TimeSpan.Zero]);
        var r = HeuristicAttribution.Compute([record], HeuristicModel.TimeDecay);
        Assert.Equal(1, Credit(r, "a"), precision: 12);
        Assert.Equal(2, Credit(r, "b"), precision: 12);
        Assert.Equal(4, Credit(r, "c"), precision: 12);
        Assert.Contains("touch", Assert.Throws<InvalidOperationException>(() => HeuristicAttribution.Compute(Three, HeuristicModel.TimeDecay)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapley_SplitsEachCoalitionEquallyAndNullPlayerGetsNothing()
    {
        var r = ShapleyAttribution.Compute([.. Three, PathRecord.Parse("d > a", 0, 0, 5)]);
        Assert.Equal(0.5, Credit(r, "a"), precision: 12);
        Assert.Equal(1, Credit(r, "b"), precision: 12);
        Assert.Equal(0.5, Credit(r, "c"), precision: 12);
        Assert.Equal(0, Credit(r, "d"), precision: 12);
        Assert.Equal(20, Value(r, "b"), precision: 12);
    }

    [Fact]
    public void FromEventLog_CutsPathsAtConversionsAndWithinLookback()
    {
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new EventLogBuilder()
            .Add(new JourneyEvent("c", t, "x") { Channel = "social" })
            .Add(new JourneyEvent("c", t.AddDays(20), "y") { Channel = "search" })
            .Add(new JourneyEvent("c", t.AddDays(21), "z") { Channel = "email", Outcome = EventOutcome.Conversion, Value = 50 })
            .Add(new JourneyEvent("c", t.AddDays(30), "w") { Channel = "social" })
            .Build();
        var all = PathDataSet.FromEventLog(log, PathLevel.Channel).Records().ToList();
        Assert.Equal(2, all.Count);
        Assert.Equal(["social", "search", "email"], all[0].Channels);
        Assert.Equal((1, 50, 0), (all[0].Conversions, all[0].ConversionValue, all[0].Nulls));
        Assert.Equal(TimeSpan.FromDays(21), all[0].TouchAges![0]);
        Assert.Equal((0, 1), (all[1].Conversions, all[1].Nulls));
        var recent = PathDataSet.FromEventLog(log, PathLevel.Channel, lookback: TimeSpan.FromDays(7)).Records().ToList();
        Assert.Equal(["search", "email"], recent[0].Channels);
        var decay = HeuristicAttribution.Compute(all, HeuristicModel.TimeDecay);
        Assert.Equal(1, decay.Channels.Sum(c => c.Conversions), precision: 12);
    }

    [Fact]
    public void ReadCsv_ReportsBadRows()
    {
        const string csv = "path,total_conversions,total_conversion_value,total_null\n" +
            "a > b,1,10,0\n" +
            " > ,1,0,0\n" +
            "c,-1,0,0\n" +
            "d,NaN,0,0\n" +
            "e,x,0,0\n" +
            "f,1,2\n";
        var (data, report) = PathDataSet.ReadCsv(new StringReader(csv));
        Assert.Equal(1, data.Count);
        Assert.Equal(6, report.RowsRead);
        Assert.Equal(
            [(3L, RejectReason.EmptyPath), (4L, RejectReason.NegativeValue), (5L, RejectReason.NonFiniteValue), (6L, RejectReason.BadNumber), (7L, RejectReason.MalformedRow)],
            report.Rejections.Select(r => (r.LineNumber, r.Reason)));
        Assert.Equal("total_conversions", report.Rejections[1].Column);
    }

    [SharedDataFact]
    public void RealData_ChannelAttributionPathData()
    {
        using var reader = new StreamReader(Datasets.PathOf("channelattribution_pathdata.csv"));
        var (data, report) = PathDataSet.ReadCsv(reader);
        Assert.Equal(10_000, report.RowsAccepted);
        Assert.Equal(0, report.RowsRejected);
        Assert.Equal(12, data.ChannelNames.Count);
        // Totals stated with the data set: 19,785 conversions, 74,802.97 value, 68,602 nulls.
        Assert.Equal(19_785, data.TotalConversions, precision: 6);
        Assert.Equal(74_802.97, data.TotalValue, precision: 2);
        Assert.Equal(68_602, data.TotalNulls, precision: 6);

        var r = MarkovAttribution.Compute(data, new MarkovAttributionOptions());
        Assert.Equal(19_785.0 / (19_785 + 68_602), r.ConversionProbability, precision: 10);
        Assert.Equal(19_785, r.Channels.Sum(c => c.Conversions), precision: 6);
        Assert.Equal(data.TotalValue, r.Channels.Sum(c => c.ConversionValue), precision: 6);
        Assert.All(r.RemovalEffects.Values, re => Assert.InRange(re, 0, 1));
        Assert.All(r.Channels, c => Assert.True(c.Conversions > 0, $"{c.Channel} gets credit (no channel drops to exactly 0 as in simulation)"));

        var order3 = MarkovAttribution.Compute(data, new MarkovAttributionOptions { Order = 3 });
        Assert.Equal(19_785, order3.Channels.Sum(c => c.Conversions), precision: 6);
        Assert.Equal(r.ConversionProbability, order3.ConversionProbability, precision: 10);
    }
}
