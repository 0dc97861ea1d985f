using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Rules;

public class RuleSetSerializerTests
{
    [Fact]
    public void RoundTrip_KeepsEveryRuleOfTheTestSet()
    {
        JourneyRule[] rules = [.. RuleArbitraries.Rules.Select(r => r.WithoutHoldout())];
        string json = RuleSetSerializer.Serialize(rules);
        Assert.Equal(rules, RuleSetSerializer.Deserialize(json));
        Assert.Equal(json, RuleSetSerializer.Serialize(RuleSetSerializer.Deserialize(json)));
    }

    [Fact]
    public void Serialize_ARuleWithAHoldout_IsRefusedNamingIt_NotWrittenWithoutIt()
    {
        var ex = Assert.Throws<NotSupportedException>(() => RuleSetSerializer.Serialize(RuleArbitraries.Rules));
        Assert.Contains("'a-not-b'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WithoutHoldout", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public bool RoundTrip_RandomConditions(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        EventCondition x = RandomCondition(random, 3);
        EventCondition y = RandomCondition(random, 3);
        JourneyRule rule = JourneyRule.Named("r").When(x);
        rule = random.Next(3) switch
        {
            0 => rule,
            1 => rule.NotFollowedBy(y, TimeSpan.FromMinutes(1 + random.Next(10_000))),
            _ => rule.FollowedBy(y, TimeSpan.FromTicks(1 + random.NextInt64(1_000_000_000_000))),
        };
        if (random.Next(2) == 0)
        {
            rule = rule.WithCooldown(TimeSpan.FromSeconds(1 + random.Next(1000))).WithMaxFirings(1 + random.Next(5)).WithRearm(RearmPolicy.Restart).WithDescription("ünïcode \"quoted\"");
        }

        return RuleSetSerializer.Deserialize(RuleSetSerializer.Serialize([rule])).Single().Equals(rule);
    }

    [Fact]
    public void Deserialize_ReadsTheDocumentedExample()
    {
        const string json = """
            {
              "schemaVersion": 1,
              "rules": [
                { "name": "cart-abandoned", "kind": "Absence", "when": { "touchpoint": "add_to_cart" },
                  "then": { "touchpoint": "purchase" }, "within": "1.00:00:00" },
                { "name": "detractor", "kind": "Occurrence", "when": { "feedback": { "atMost": 6 } }, "maxFirings": 1 },
                { "name": "stuck-in-consideration", "kind": "Stall", "stage": "consideration", "within": "3.00:00:00" },
                { "name": "app-cart", "kind": "Sequence", "when": { "all": [ { "touchpoint": "add_to_cart" }, { "channel": "app" } ] },
                  "then": { "any": [ { "outcome": "Conversion" }, { "not": { "stage": "purchase" } } ] }, "within": "02:00:00",
                  "rearm": "Restart", "cooldown": "7.00:00:00" }
              ]
            }
            """;
        var rules = RuleSetSerializer.Deserialize(json);
        Assert.Equal(JourneyRule.Named("cart-abandoned").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromDays(1)), rules[0]);
        Assert.Equal(JourneyRule.Named("detractor").When(EventCondition.Feedback(atMost: 6)).WithMaxFirings(1), rules[1]);
        Assert.Equal(JourneyRule.Named("stuck-in-consideration").Stalled("consideration", TimeSpan.FromDays(3)), rules[2]);
        Assert.Equal(
            JourneyRule.Named("app-cart").When(EventCondition.Touchpoint("add_to_cart") & EventCondition.Channel("app"))
                .FollowedBy(EventCondition.Outcome(EventOutcome.Conversion) | !EventCondition.Stage("purchase"), TimeSpan.FromHours(2))
                .WithRearm(RearmPolicy.Restart).WithCooldown(TimeSpan.FromDays(7)),
            rules[3]);
    }

    [Theory]
    [InlineData("""{ "rules": [] }""", "schemaVersion")]
    [InlineData("""{ "schemaVersion": 2, "rules": [] }""", "schemaVersion 2")]
    [InlineData("""{ "schemaVersion": 1, "rules": [], "extra": 1 }""", "extra")]
    [InlineData("""{ "schemaVersion": 1, "rules": [ { "name": "a", "kind": "Sometimes" } ] }""", "Sometimes")]
    [InlineData("""{ "schemaVersion": 1, "rules": [ { "name": "a", "kind": "Occurrence", "when": { "touchpoint": "x", "colour": "red" } } ] }""", "colour")]
    public void Deserialize_SchemaErrors_AreJsonExceptions(string json, string mentioned)
    {
        var ex = Assert.Throws<JsonException>(() => RuleSetSerializer.Deserialize(json));
        Assert.Contains(mentioned, ex.Message + ex.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_IncompleteRules_ListEveryErrorWithItsRule()
    {
        const string json = """
            { "schemaVersion": 1, "rules": [
                { "name": "no-then", "kind": "Absence", "when": { "touchpoint": "a" }, "within": "01:00:00" },
                { "name": "two-things", "kind": "Occurrence", "when": { "touchpoint": "a", "stage": "s" } },
                { "name": "negative", "kind": "Sequence", "when": { "touchpoint": "a" }, "then": { "touchpoint": "b" }, "within": "-01:00:00" },
                { "kind": "Occurrence", "when": { "touchpoint": "a" } },
                { "name": "ghost", "kind": "Absence", "when": { "touchpoint": "ghost-tp" }, "then": { "touchpoint": "checkout" }, "within": "01:00:00" }
            ] }
            """;
        var ex = Assert.Throws<RuleValidationException>(() => RuleSetSerializer.Deserialize(json, SampleMaps.ECommerce()));
        Assert.Equal(4, ex.Errors.Count);
        Assert.Contains("'no-then'", ex.Errors[0], StringComparison.Ordinal);
        Assert.Contains("'two-things'", ex.Errors[1], StringComparison.Ordinal);
        Assert.Contains("'negative'", ex.Errors[2], StringComparison.Ordinal);
        Assert.Contains("rules[3]", ex.Errors[3], StringComparison.Ordinal);

        // Map errors come once the rules themselves are sound.
        var map = Assert.Throws<RuleValidationException>(() => RuleSetSerializer.Deserialize(
            """{ "schemaVersion": 1, "rules": [ { "name": "ghost", "kind": "Absence", "when": { "touchpoint": "ghost-tp" }, "then": { "touchpoint": "checkout" }, "within": "01:00:00" } ] }""",
            SampleMaps.ECommerce()));
        Assert.Contains("Rule 'ghost': touchpoint 'ghost-tp' is not in journey map 'online-shop'.", map.Errors);
    }

    private static EventCondition RandomCondition(Random random, int depth)
    {
        int pick = random.Next(depth > 0 ? 9 : 6);
        return pick switch
        {
            0 => EventCondition.Touchpoint("tp" + random.Next(5)),
            1 => EventCondition.Stage("st" + random.Next(5)),
            2 => EventCondition.Channel("ch" + random.Next(5)),
            3 => EventCondition.Outcome((EventOutcome)random.Next(3)),
            4 => EventCondition.Value(atLeast: random.Next(2) == 0 ? null : random.NextDouble() * 10, atMost: 10 + (random.NextDouble() * 10)),
            5 => EventCondition.Feedback(atLeast: random.Next(0, 5), atMost: random.Next(2) == 0 ? null : random.Next(5, 11)),
            6 => EventCondition.All(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => RandomCondition(random, depth - 1))),
            7 => EventCondition.Any(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => RandomCondition(random, depth - 1))),
            _ => EventCondition.Not(RandomCondition(random, depth - 1)),
        };
    }
}
