using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Hostile;

public class RulesHostileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ManyDistinctTouchpoints_ShareOneClass_AndRulesStillSeeTheirOwn()
    {
        // 100,000 touchpoints no rule names (a log keyed by page URL, say) beside the two a rule names.
        var builder = new EventLogBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            builder.Add("c" + (i % 1000), T0.AddMinutes(i), "/page/" + i);
        }

        builder.Add("c1", T0.AddDays(200), "add").Add("c2", T0.AddDays(200), "add").Add("c2", T0.AddDays(200).AddHours(1), "buy");
        var rule = JourneyRule.Named("cart").When("add").NotFollowedBy("buy", TimeSpan.FromHours(2));
        RuleEvaluation result = new RuleEngine([rule]).Evaluate(builder.Build(), T0.AddDays(201));
        Assert.Equal(["c1"], result.Fired.Select(f => f.CustomerId));

        var monitor = new JourneyMonitor([rule]);
        for (int i = 0; i < 20_000; i++)
        {
            monitor.Observe("c" + i, T0.AddSeconds(i), "/page/" + i);
        }

        monitor.Observe("c1", T0.AddDays(1), "add");
        Assert.Equal(["c1"], monitor.AdvanceTo(T0.AddDays(2)).Select(f => f.CustomerId));
    }

    [Fact]
    public void HugeConditions_AreRefusedWithTheLimit()
    {
        // Any(leaves) has leaves + 1 parts: MaxNodes − 1 leaves is the largest allowed.
        var largest = EventCondition.Any(Enumerable.Range(0, EventCondition.MaxNodes - 1).Select(i => EventCondition.Touchpoint("t" + i)));
        Assert.Equal(EventCondition.MaxNodes - 1, largest.Operands.Count);
        var ex = Assert.Throws<ArgumentException>(() => EventCondition.Any(Enumerable.Range(0, EventCondition.MaxNodes).Select(i => EventCondition.Touchpoint("t" + i))));
        Assert.Contains(EventCondition.MaxNodes.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => !largest);
    }

    [Fact]
    public void HostileJson_IsAJsonException_NotACrash()
    {
        string deep = "{\"schemaVersion\":1,\"rules\":[{\"name\":\"x\",\"kind\":\"Occurrence\",\"when\":" + string.Concat(Enumerable.Repeat("{\"not\":", 100)) + "{\"touchpoint\":\"a\"}" + new string('}', 100) + "}]}";
        Assert.Throws<System.Text.Json.JsonException>(() => RuleSetSerializer.Deserialize(deep));
        Assert.Throws<System.Text.Json.JsonException>(() => RuleSetSerializer.Deserialize("{\"schemaVersion\":1,\"rules\":[{\"name\":\"x\",\"name\":\"y\"}]}"));
        Assert.Throws<System.Text.Json.JsonException>(() => RuleSetSerializer.Deserialize("null"));
    }

    [Fact]
    public void ControlCharactersInNames_AreShownVisiblyInMessages()
    {
        var ex = Assert.Throws<RuleValidationException>(() => new RuleEngine([JourneyRule.Named("a\u202Eb").When("x"), JourneyRule.Named("a\u202Eb").When("y")]));
        Assert.DoesNotContain("\u202E", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowsBeyondTheMaximum_AreRefused_InCodeAndInJson()
    {
        Assert.Contains("MaxWindow", Assert.Throws<ArgumentOutOfRangeException>(() => JourneyRule.Named("r").When("a").NotFollowedBy("b", TimeSpan.MaxValue)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => JourneyRule.Named("r").When("a").FollowedBy("b", JourneyRule.MaxWindow + TimeSpan.FromTicks(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JourneyRule.Named("r").When("a").WithCooldown(TimeSpan.FromDays(9000 * 365)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JourneyRule.Named("r").Stalled("s", TimeSpan.MaxValue));
        Assert.Equal("AllowedLateness", Assert.Throws<InvalidOptionsException>(() => new JourneyMonitor([], new JourneyMonitorOptions { AllowedLateness = TimeSpan.MaxValue })).ParamName);
        JourneyRule longest = JourneyRule.Named("r").When("a").NotFollowedBy("b", JourneyRule.MaxWindow);
        Assert.Equal(JourneyRule.MaxWindow, longest.Within);

        string json = "{\"schemaVersion\":1,\"rules\":[{\"name\":\"r\",\"kind\":\"Absence\",\"when\":{\"touchpoint\":\"a\"},\"then\":{\"touchpoint\":\"b\"},\"within\":\"10675199.02:48:05.4775807\"}]}";
        Assert.Contains("MaxWindow", Assert.Throws<RuleValidationException>(() => RuleSetSerializer.Deserialize(json)).Message, StringComparison.Ordinal);

        // A map stage whose expected dwell time is beyond the maximum cannot drive a stall rule.
        JourneyMap map = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S", expectedDwellTime: TimeSpan.FromDays(50_000)).Build();
        Assert.Contains("MaxWindow", Assert.Throws<RuleValidationException>(() => new RuleEngine([JourneyRule.Named("stall").Stalled("s")], map)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DueTimesPastTheLastInstant_AreNeverDue_InBatchAndLive()
    {
        // A sentinel date (9999-12-31) with a one-day window, and the longest window on an ordinary date near the end.
        DateTimeOffset sentinel = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);
        JourneyRule day = JourneyRule.Named("day").When("a").NotFollowedBy("b", TimeSpan.FromDays(1));
        JourneyRule century = JourneyRule.Named("century").When(EventCondition.Touchpoint("a") | EventCondition.Touchpoint("z")).NotFollowedBy("b", JourneyRule.MaxWindow);
        var log = new EventLogBuilder().Add("c", sentinel, "a").Add("d", new DateTimeOffset(9950, 1, 1, 0, 0, 0, TimeSpan.Zero), "z").Build();

        foreach (DateTimeOffset asOf in (DateTimeOffset[])[sentinel, DateTimeOffset.MaxValue])
        {
            RuleEvaluation result = new RuleEngine([day, century]).Evaluate(log, asOf);
            Assert.Empty(result.Fired);
            Assert.Equal(3, result.Pending.Count);
            Assert.All(result.Pending, p => Assert.Equal(DateTimeOffset.MaxValue, p.DueAt)); // listed as never due
        }

        var monitor = new JourneyMonitor([day, century], new JourneyMonitorOptions { WatermarkFollowsEvents = false });
        Assert.Empty(monitor.Observe("c", sentinel, "a"));
        Assert.Empty(monitor.Observe("d", new DateTimeOffset(9950, 1, 1, 0, 0, 0, TimeSpan.Zero), "z"));
        Assert.Empty(monitor.AdvanceTo(DateTimeOffset.MaxValue));
        Assert.Equal(3, monitor.PendingEpisodes().Count);
        Assert.Null(monitor.NextDue); // nothing will ever fall due
        using var saved = new MemoryStream();
        monitor.Save(saved);
        saved.Position = 0;
        Assert.Equal(monitor.PendingEpisodes(), JourneyMonitor.Load(saved, [day, century], monitor.Options).PendingEpisodes());
    }

    [Fact]
    public void LatenessBehindTheFirstInstant_LeavesTheWatermarkUnset()
    {
        var monitor = new JourneyMonitor([JourneyRule.Named("r").When("a")], new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromDays(1) });
        Assert.Empty(monitor.Observe("c", DateTimeOffset.MinValue, "a"));
        Assert.Null(monitor.Watermark); // one day before year 1 is no instant
        Assert.Single(monitor.AdvanceTo(DateTimeOffset.MinValue));
        Assert.Equal(DateTimeOffset.MinValue, monitor.Watermark);
    }

    [Fact]
    public void LargeRuleSets_CompileLinearly_AndAbove_TheBudget_AreRefused()
    {
        // 1,000 rules of "any of 100 touchpoints" (100,000 named touchpoints): the dense tables before sized
        // touchpoints × kinds × rules did not finish in 90 s. Each event still concerns exactly the rules that name it.
        var rules = Enumerable.Range(0, 1_000).Select(r => JourneyRule.Named("r" + r)
            .When(EventCondition.Any(Enumerable.Range(0, 100).Select(t => EventCondition.Touchpoint($"t{r}-{t}"))))).ToList();
        var monitor = new JourneyMonitor(rules);
        Assert.Empty(monitor.Observe("c", T0, "t7-99"));
        Assert.Equal(["r7"], monitor.Observe("c", T0.AddMinutes(1), "t7-100").Select(f => f.RuleName)); // the watermark passed the first
        Assert.Empty(monitor.AdvanceTo(T0.AddMinutes(2)));
        var log = new EventLogBuilder().Add("c", T0, "t999-0").Add("c", T0, "t3-50").Build();
        Assert.Equal(["r3", "r999"], new RuleEngine(rules).Evaluate(log, T0).Fired.Select(f => f.RuleName).Order(StringComparer.Ordinal));

        // 101,000 parts in all: over a budget of 100,000 it is refused, naming the option.
        var ex = Assert.Throws<RuleValidationException>(() => new RuleEngine(rules, options: new RuleEngineOptions { MaxConditionParts = 100_000 }));
        Assert.Contains("RuleEngineOptions.MaxConditionParts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("JourneyMonitorOptions.MaxConditionParts", Assert.Throws<RuleValidationException>(() => new JourneyMonitor(rules, new JourneyMonitorOptions { MaxConditionParts = 100_000 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepConditions_AreRefusedAtTheLimit_AndTheDeepestAllowedSavesAndLoads()
    {
        EventCondition deep = EventCondition.Touchpoint("a");
        for (int i = 1; i < EventCondition.MaxDepth; i++)
        {
            deep = i % 2 == 0 ? !deep : EventCondition.Any(deep, EventCondition.Touchpoint("b" + i));
        }

        Assert.Contains("MaxDepth", Assert.Throws<ArgumentException>(() => !deep).Message, StringComparison.Ordinal);
        JourneyRule rule = JourneyRule.Named("deep").When(deep).NotFollowedBy(deep, TimeSpan.FromHours(1));
        Assert.Equal([rule], RuleSetSerializer.Deserialize(RuleSetSerializer.Serialize([rule])));

        var monitor = new JourneyMonitor([rule]);
        monitor.Observe("c", T0, "b1");
        using var saved = new MemoryStream();
        monitor.Save(saved); // a deep rule's fingerprint is its JSON
        saved.Position = 0;
        Assert.Equal(monitor.PendingEpisodes(), JourneyMonitor.Load(saved, [rule], monitor.Options).PendingEpisodes());
    }

    [Fact]
    public void RepeatedTriggersUnderRestart_KeepMemoryPerEpisode_NotPerTrigger()
    {
        JourneyRule restart = JourneyRule.Named("r").When("a").NotFollowedBy("b", TimeSpan.FromDays(3650)).WithRearm(RearmPolicy.Restart);
        var monitor = new JourneyMonitor([restart]);
        for (int i = 0; i < 300_000; i++)
        {
            monitor.Observe("c", T0.AddSeconds(i), "a");
        }

        // One open episode: before, its due queue kept an entry per trigger (3.6 MB here).
        Assert.Equal(1, monitor.OpenEpisodes);
        Assert.InRange(monitor.StateBytes, 0, 8_192);
        var due = monitor.AdvanceTo(T0.AddSeconds(299_999).AddDays(3650));
        Assert.Equal(T0.AddSeconds(299_999), Assert.Single(due).StartedAt); // the last trigger's clock
    }

    [Fact]
    public void RuleSetJson_WithoutRules_OrWithControlCharactersOrHugeIds_IsRefused()
    {
        Assert.Contains("'rules'", Assert.Throws<System.Text.Json.JsonException>(() => RuleSetSerializer.Deserialize("{\"schemaVersion\":1}")).Message, StringComparison.Ordinal);
        Assert.Throws<System.Text.Json.JsonException>(() => RuleSetSerializer.Deserialize("{\"schemaVersion\":1,\"rules\":null}"));
        Assert.Empty(RuleSetSerializer.Deserialize("{\"schemaVersion\":1,\"rules\":[]}"));
        Assert.Contains("control character", Assert.Throws<ArgumentException>(() => JourneyRule.Named("a\0b")).Message, StringComparison.Ordinal);
        string nul = "{\"schemaVersion\":1,\"rules\":[{\"name\":\"a\\u0000b\",\"kind\":\"Occurrence\",\"when\":{\"touchpoint\":\"x\"}}]}";
        Assert.Contains("control character", Assert.Throws<RuleValidationException>(() => RuleSetSerializer.Deserialize(nul)).Message, StringComparison.Ordinal);
        string huge = new('x', 1 << 20);
        Assert.Contains("MaxIdLength", Assert.Throws<ArgumentException>(() => EventCondition.Touchpoint(huge)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcurrentObserve_IsRefused_NeverLosesEventsSilently()
    {
        // Documented single-writer; four threads at once used to throw IndexOutOfRangeException or lose 600k of 800k events.
        var monitor = new JourneyMonitor([JourneyRule.Named("r").When("a").NotFollowedBy("b", TimeSpan.FromHours(1))],
            new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromDays(365) });
        var refused = 0L;
        var accepted = 0L;
        var other = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            for (int i = 0; i < 50_000; i++)
            {
                try
                {
                    monitor.Observe("c" + thread + "-" + (i % 100), T0.AddSeconds(i), i % 2 == 0 ? "a" : "b");
                    Interlocked.Increment(ref accepted);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception ex)
                {
                    other.Add(ex);
                }
            }
        });

        Assert.Empty(other);
        Assert.Equal(200_000, refused + accepted);
        Assert.Equal(accepted, monitor.AppliedEvents + monitor.BufferedEvents + monitor.LateEvents); // every call that returned was taken
    }
}
