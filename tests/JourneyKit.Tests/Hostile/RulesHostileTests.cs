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
}
