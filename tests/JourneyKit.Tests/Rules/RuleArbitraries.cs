using FsCheck;
using FsCheck.Fluent;
using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Rules;

/// <summary>A random little history (few customers, four touchpoints, coarse times with many ties) and a seed for arrival orders.</summary>
public sealed record RuleHistory(IReadOnlyList<JourneyEvent> Events, int Seed)
{
    public override string ToString() =>
        $"{Events.Count} events (drawn from seed {Seed}, which also orders arrivals){(Events.Count <= 12 ? ": " + string.Join("; ", Events) : "")}";
}

public static class RuleArbitraries
{
    /// <summary>
    /// Rules of every kind and option, over touchpoints A–D (events also at E, which no rule names), stages s0–s2 and
    /// channels x/y; two hold out customers (GrowthBook-compatible splits), so every batch = live property compares the
    /// holdout flags too.
    /// </summary>
    public static readonly JourneyRule[] Rules =
    [
        JourneyRule.Named("a-not-b").When("A").NotFollowedBy("B", TimeSpan.FromMinutes(60)).WithHoldout(new JourneyKit.Experiments.HoldoutSplit("a-not-b-test", 0.5)),
        JourneyRule.Named("a-not-b-restart").When("A").NotFollowedBy("B", TimeSpan.FromMinutes(45)).WithRearm(RearmPolicy.Restart).WithCooldown(TimeSpan.FromMinutes(90)),
        JourneyRule.Named("a-then-c").When("A").FollowedBy("C", TimeSpan.FromMinutes(90)).WithMaxFirings(2),
        JourneyRule.Named("detractor").When(EventCondition.Feedback(atMost: 6)).WithCooldown(TimeSpan.FromMinutes(30)).WithMaxFirings(3),
        JourneyRule.Named("stuck-s1").Stalled("s1", TimeSpan.FromMinutes(40)).WithHoldout(new JourneyKit.Experiments.HoldoutSplit("stuck", 0.4).WithSeed("s1")),
        JourneyRule.Named("app-a").When(EventCondition.Touchpoint("A") & EventCondition.Channel("x"))
            .NotFollowedBy(EventCondition.Outcome(EventOutcome.Conversion) | (EventCondition.Touchpoint("D") & !EventCondition.Channel("y")), TimeSpan.FromMinutes(50)),
        JourneyRule.Named("a-not-a").When("A").NotFollowedBy("A", TimeSpan.FromMinutes(20)),
    ];

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static Arbitrary<RuleHistory> History() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => new RuleHistory(Create(seed), seed)), history => Shrink.Sublists(history.Events).Select(events => history with { Events = events }));

    public static List<JourneyEvent> Create(int seed)
    {
        var random = new Random(seed);
        int count = random.Next(0, 200);
        int customers = random.Next(1, 9);
        var events = new List<JourneyEvent>(count);
        for (int i = 0; i < count; i++)
        {
            events.Add(new JourneyEvent($"c{random.Next(customers)}", Start.AddMinutes(5 * random.Next(0, 80)), ((char)('A' + random.Next(5))).ToString())
            {
                Stage = random.Next(3) == 0 ? null : $"s{random.Next(3)}",
                Channel = random.Next(2) == 0 ? "x" : "y",
                Outcome = random.Next(8) == 0 ? EventOutcome.Conversion : EventOutcome.None,
                Feedback = random.Next(4) == 0 ? random.Next(0, 11) : null,
            });
        }

        return events;
    }

    /// <summary>
    /// An arrival order within <paramref name="lateness"/>: each event is delayed by up to the lateness and the stream
    /// sorted by arrival; one customer's events at one instant keep their input order (that order is the journey's).
    /// </summary>
    public static List<JourneyEvent> Arrivals(IReadOnlyList<JourneyEvent> events, TimeSpan lateness, int seed)
    {
        var random = new Random(seed);
        var keyed = events.Select((e, i) => (Event: e, Index: i, Arrival: e.Timestamp.UtcTicks + (long)(random.NextDouble() * lateness.Ticks))).ToList();
        var order = keyed.OrderBy(k => k.Arrival).ThenBy(k => k.Index).ToList();
        foreach (var group in order.Select((k, pos) => (k, pos)).GroupBy(x => (x.k.Event.CustomerId, x.k.Event.Timestamp.UtcTicks)))
        {
            int[] positions = [.. group.Select(g => g.pos)];
            var inInputOrder = group.Select(g => g.k).OrderBy(k => k.Index).ToList();
            for (int i = 0; i < positions.Length; i++)
            {
                order[positions[i]] = inInputOrder[i];
            }
        }

        return [.. order.Select(k => k.Event)];
    }
}
