using JourneyKit.Events;
using JourneyKit.Experiments;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Experiments;

public sealed class RuleUpliftTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HoldoutSplit Split = new("cart-followup", 0.2);
    private static readonly JourneyRule Rule = JourneyRule.Named("cart-abandoned").When("add-to-cart").NotFollowedBy("purchase", TimeSpan.FromHours(24)).WithHoldout(Split);

    /// <summary>
    /// Customers add to cart and do not buy within 24 h, so the rule fires; after the firing treated customers buy within
    /// a week with probability <paramref name="treated"/>, held-out ones with <paramref name="control"/>.
    /// </summary>
    private static EventLog Planted(int customers, double treated, double control, int seed, DateTimeOffset? end = null)
    {
        var random = new Random(seed);
        var events = new List<JourneyEvent>();
        for (int i = 0; i < customers; i++)
        {
            string id = $"cust-{i}";
            DateTimeOffset cart = T0.AddMinutes(random.Next(0, 60 * 24 * 20));
            events.Add(new JourneyEvent(id, cart.AddMinutes(-30), "home"));
            events.Add(new JourneyEvent(id, cart, "add-to-cart"));
            double p = Split.IsControl(id) ? control : treated;
            if (random.NextDouble() < p)
            {
                // Bought 1–6 days after the firing (fired at cart + 24 h).
                events.Add(new JourneyEvent(id, cart.AddHours(24 + random.Next(24, 24 * 6)), "purchase") { Outcome = EventOutcome.Conversion });
            }
        }

        events.Add(new JourneyEvent("observer", end ?? T0.AddDays(40), "home"));
        return new EventLogBuilder().AddRange(events).Build();
    }

    [Fact]
    public void PlantedLift_IsCoveredByTheInterval_ExcludesZero_NoSampleRatioMismatch()
    {
        EventLog log = Planted(20_000, treated: 0.30, control: 0.20, seed: 1);
        RuleEvaluation ev = new RuleEngine([Rule]).Evaluate(log, T0.AddDays(40));
        RuleUpliftResult u = RuleUplift.Measure(log, ev, "cart-abandoned",
            new RuleUpliftOptions { Outcome = EventCondition.Touchpoint("purchase"), Window = TimeSpan.FromDays(7), Difference = EffectScale.Absolute });

        Assert.Equal(20_000, u.Treatment.Firings + u.Control.Firings);
        Assert.Equal(ev.Fired.Count(f => f.IsHoldout), u.Control.Firings);
        Assert.Equal(u.Control.Firings, ev["cart-abandoned"].HeldOut);
        Assert.Contains("held out", ev["cart-abandoned"].ToString(), StringComparison.Ordinal);
        Assert.Equal(u.Control.Firings, u.Control.Customers); // one firing each
        Assert.True(u.Test.Effect.Lower < 0.10 && 0.10 < u.Test.Effect.Upper, u.ToString());
        Assert.True(u.Test.Effect.Lower > 0, u.ToString());
        Assert.True(u.Test.PValue < 0.001);
        Assert.False(u.HasSampleRatioMismatch, u.ToString());
        Assert.InRange(u.Control.Firings / 20_000.0, 0.18, 0.22);
        Assert.True(u.Control.RateInterval.Contains(0.20) && u.Treatment.RateInterval.Contains(0.30), u.ToString());
        Assert.Equal(0, u.Incomplete);
        Assert.Equal(0, u.OutsideExperiment);
    }

    [Fact]
    public void FiringsRecordedLive_MeasureAsTheBatchEvaluationDoes()
    {
        EventLog log = Planted(5_000, treated: 0.30, control: 0.20, seed: 7);
        DateTimeOffset asOf = T0.AddDays(40);
        RuleEvaluation ev = new RuleEngine([Rule]).Evaluate(log, asOf);
        var monitor = new JourneyMonitor([Rule]);
        List<RuleFiring> live = [.. monitor.Replay(log, asOf)];
        live.Reverse(); // any order
        var options = new RuleUpliftOptions { Outcome = EventCondition.Touchpoint("purchase"), Difference = EffectScale.Absolute };
        RuleUpliftResult batch = RuleUplift.Measure(log, ev, "cart-abandoned", options);
        RuleUpliftResult fromLive = RuleUplift.Measure(log, live, Split, options);
        Assert.Equal((batch.Treatment, batch.Control, batch.Incomplete), (fromLive.Treatment, fromLive.Control, fromLive.Incomplete));
        Assert.Equal(batch.Test.Effect, fromLive.Test.Effect);
        Assert.Equal("firings", Assert.Throws<ArgumentException>(() => RuleUplift.Measure(log, [], Split)).ParamName);
        Assert.Equal("firings", Assert.Throws<ArgumentException>(() => RuleUplift.Measure(log, [live[0], live[1] with { RuleName = "other" }], Split)).ParamName);
    }

    [Fact]
    public void NoEffect_GivesAnIntervalAroundZero_AndTheDefaultOutcomeIsTheConversion()
    {
        EventLog log = Planted(8_000, treated: 0.25, control: 0.25, seed: 2);
        RuleEvaluation ev = new RuleEngine([Rule]).Evaluate(log, T0.AddDays(40));
        RuleUpliftResult u = RuleUplift.Measure(log, ev, "cart-abandoned"); // conversion outcome, 7 days, relative
        Assert.True(u.Test.Effect.Interval.Contains(0), u.ToString());
        Assert.True(u.Treatment.Converted > 1000);
    }

    [Fact]
    public void FiringsWhoseWindowIsNotOver_AreLeftOut_NotCountedAsFailures()
    {
        // Observation ends at day 24 (the log holds later purchases, but the export is read as of day 24): firings after
        // day 17 have not had their 7 days.
        EventLog log = Planted(4_000, 0.3, 0.2, seed: 3);
        DateTimeOffset until = T0.AddDays(24);
        RuleEvaluation ev = new RuleEngine([Rule]).Evaluate(log, until);
        RuleUpliftResult u = RuleUplift.Measure(log, ev, "cart-abandoned", new RuleUpliftOptions { Outcome = EventCondition.Touchpoint("purchase"), ObservedUntil = until });
        Assert.True(u.Incomplete > 0);
        Assert.Equal(ev.Fired.Count(f => f.FiredAt + TimeSpan.FromDays(7) > until), u.Incomplete);
        Assert.Equal(ev.Fired.Count, u.Treatment.Firings + u.Control.Firings + u.Incomplete);
        Assert.Equal(until, u.ObservedUntil);
    }

    [Fact]
    public void Segments_SplitTheArms_AndAddUpToThem()
    {
        EventLog log = Planted(6_000, 0.3, 0.2, seed: 4);
        var attributes = new CustomerAttributesBuilder();
        for (int i = 0; i < 6_000; i += 2)
        {
            attributes.Set($"cust-{i}", "tier", i % 4 == 0 ? "gold" : "silver"); // odd customers have no tier
        }

        RuleEvaluation ev = new RuleEngine([Rule]).Evaluate(log, T0.AddDays(40));
        RuleUpliftResult u = RuleUplift.Measure(log, ev, "cart-abandoned",
            new RuleUpliftOptions { Outcome = EventCondition.Touchpoint("purchase"), Attributes = attributes.Build(), SegmentBy = "tier" });
        Assert.Equal(["(none)", "gold", "silver"], u.Segments.Select(s => s.Segment).Order(StringComparer.Ordinal));
        Assert.Equal(u.Treatment.Firings, u.Segments.Sum(s => s.Treatment.Firings));
        Assert.Equal(u.Control.Converted, u.Segments.Sum(s => s.Control.Converted));
        Assert.All(u.Segments, s => Assert.True(s.Test.HasResult));
    }

    [Fact]
    public void BadInput_IsRefusedNamingTheField()
    {
        EventLog log = Planted(200, 0.3, 0.2, seed: 5);
        var plain = JourneyRule.Named("plain").When("home");
        RuleEvaluation ev = new RuleEngine([Rule, plain]).Evaluate(log, T0.AddDays(40));
        var unknown = Assert.Throws<ArgumentException>(() => RuleUplift.Measure(log, ev, "cart"));
        Assert.Equal("ruleName", unknown.ParamName);
        Assert.Contains("'cart-abandoned'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no holdout", Assert.Throws<ArgumentException>(() => RuleUplift.Measure(log, ev, "plain")).Message, StringComparison.Ordinal);
        EventLog other = Planted(10, 0.3, 0.2, seed: 6);
        Assert.Equal("log", Assert.Throws<ArgumentException>(() => RuleUplift.Measure(other, ev, "cart-abandoned")).ParamName);
        Assert.Throws<InvalidOptionsException>(() => RuleUplift.Measure(log, ev, "cart-abandoned", new RuleUpliftOptions { Window = TimeSpan.Zero }));
        var misspelt = Assert.Throws<ArgumentException>(() => RuleUplift.Measure(log, ev, "cart-abandoned", new RuleUpliftOptions { Outcome = EventCondition.Touchpoint("purchse") }));
        Assert.Equal("options", misspelt.ParamName);
        Assert.Contains("touchpoint 'purchse'", misspelt.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionsException>(() => RuleUplift.Measure(log, ev, "cart-abandoned", new RuleUpliftOptions { SegmentBy = "tier" }));
    }

    [Fact]
    public void AnEmptyArm_HasNoTestResult_AndSaysWhich()
    {
        // Three customers, all in the treatment arm of a 1 % holdout: the control arm is empty.
        var split = new HoldoutSplit("tiny", 0.01);
        string[] ids = [.. Enumerable.Range(0, 50).Select(i => $"c{i}").Where(id => !split.IsControl(id)).Take(3)];
        var log = new EventLogBuilder().AddRange(ids.Select(id => new JourneyEvent(id, T0, "add-to-cart")).Append(new JourneyEvent("z", T0.AddDays(30), "home"))).Build();
        RuleEvaluation ev = new RuleEngine([Rule.WithHoldout(split)]).Evaluate(log, T0.AddDays(30));
        RuleUpliftResult u = RuleUplift.Measure(log, ev, "cart-abandoned");
        Assert.Equal(3, u.Treatment.Firings);
        Assert.False(u.Test.HasResult);
        Assert.Contains("control arm has no complete firings", u.Test.Problem, StringComparison.Ordinal);
        Assert.True(double.IsNaN(u.Control.Rate));
    }
}
