using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Rules;

/// <summary>
/// The compiled dispatch (base verdicts, per-touchpoint entries, rule masks over several 64-bit words) against a plain
/// evaluation of each condition's tree on each event: an occurrence rule fires at exactly the events its X holds for,
/// and an absence rule after a marker stays pending exactly when no later event meets its Y.
/// </summary>
public class RuleMatcherPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record MatcherCase(JourneyRule[] Rules, EventCondition[] Ys, List<JourneyEvent> Events, int Seed)
    {
        public override string ToString() => $"seed {Seed}: {Rules.Length} rules, {Events.Count} events";
    }

    public static class Arbitraries
    {
        public static Arbitrary<MatcherCase> Cases() => Arb.From(ArbMap.Default.GeneratorFor<DoNotSize<int>>().Select(s => Create(s.Item)));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public void OccurrenceFirings_AreTheEventsTheConditionHoldsFor(MatcherCase c)
    {
        DateTimeOffset asOf = Start.AddDays(2);
        EventLog log = new EventLogBuilder().AddRange(c.Events).Build();
        RuleEvaluation result = new RuleEngine(c.Rules).Evaluate(log, asOf);
        var expected = new List<(string, string, DateTimeOffset)>();
        foreach (JourneyRule rule in c.Rules.Where(r => r.Kind == RuleKind.Occurrence))
        {
            expected.AddRange(c.Events.Where(e => Holds(rule.Trigger, e)).Select(e => (rule.Name, e.CustomerId, e.Timestamp)));
        }

        Assert.Equal(Sorted(expected), Sorted(result.Fired.Where(f => f.RuleName.StartsWith('x')).Select(f => (f.RuleName, f.CustomerId, f.FiredAt))));

        // An absence rule opened by each customer's first event (the marker M) is still pending when no later event meets Y.
        var pending = new List<(string, string, DateTimeOffset)>();
        for (int y = 0; y < c.Ys.Length; y++)
        {
            foreach (var journey in c.Events.GroupBy(e => e.CustomerId))
            {
                if (!journey.Skip(1).Any(e => Holds(c.Ys[y], e)))
                {
                    pending.Add(($"y{y}", journey.Key, journey.First().Timestamp));
                }
            }
        }

        Assert.Equal(Sorted(pending), Sorted(result.Pending.Select(f => (f.RuleName, f.CustomerId, f.StartedAt))));

        // And live, the same.
        RuleHarness.Both(c.Rules, c.Events, asOf);
    }

    private static List<(string, string, DateTimeOffset)> Sorted(IEnumerable<(string Rule, string Customer, DateTimeOffset At)> items) =>
        [.. items.OrderBy(i => i.Rule, StringComparer.Ordinal).ThenBy(i => i.Customer, StringComparer.Ordinal).ThenBy(i => i.At)];

    /// <summary>The meaning of a condition, from its public tree.</summary>
    private static bool Holds(EventCondition c, JourneyEvent e) => c.Kind switch
    {
        ConditionKind.Touchpoint => e.Touchpoint == c.Id,
        ConditionKind.Stage => e.Stage == c.Id,
        ConditionKind.Channel => e.Channel == c.Id,
        ConditionKind.Outcome => e.Outcome == c.ExpectedOutcome,
        ConditionKind.Value => e.Value is { } v && v >= (c.AtLeast ?? double.NegativeInfinity) && v <= (c.AtMost ?? double.PositiveInfinity),
        ConditionKind.Feedback => e.Feedback is { } f && f >= (c.AtLeast ?? double.NegativeInfinity) && f <= (c.AtMost ?? double.PositiveInfinity),
        ConditionKind.Not => !Holds(c.Operands[0], e),
        ConditionKind.All => c.Operands.All(o => Holds(o, e)),
        _ => c.Operands.Any(o => Holds(o, e)),
    };

    private static MatcherCase Create(int seed)
    {
        var random = new Random(seed);
        int touchpoints = random.Next(3, 40); // a few, or enough that many rules name different ones
        string Tp() => "t" + random.Next(touchpoints + 2); // two labels no event carries
        EventCondition Leaf() => random.Next(7) switch
        {
            0 or 1 => EventCondition.Touchpoint(Tp()),
            2 => EventCondition.Channel(random.Next(3) == 0 ? "z" : random.Next(2) == 0 ? "x" : "y"),
            3 => EventCondition.Stage("s" + random.Next(4)),
            4 => EventCondition.Outcome((EventOutcome)random.Next(3)),
            5 => EventCondition.Value(atLeast: random.Next(3) == 0 ? null : random.Next(50), atMost: 60 + random.Next(50)),
            _ => EventCondition.Feedback(atMost: random.Next(11)),
        };
        EventCondition Condition(int depth) => depth == 0 || random.Next(3) == 0
            ? Leaf()
            : random.Next(4) switch
            {
                0 => !Condition(depth - 1),
                1 => EventCondition.All(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Condition(depth - 1))),
                _ => EventCondition.Any(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Condition(depth - 1))),
            };

        // Enough rules to span two or three 64-bit words of masks.
        int occurrences = random.Next(1, 140);
        var rules = new List<JourneyRule>();
        for (int i = 0; i < occurrences; i++)
        {
            rules.Add(JourneyRule.Named("x" + i).When(Condition(4)));
        }

        var ys = new EventCondition[random.Next(1, 20)];
        for (int y = 0; y < ys.Length; y++)
        {
            ys[y] = Condition(4);
            rules.Insert(random.Next(rules.Count + 1), JourneyRule.Named("y" + y).When("M").NotFollowedBy(ys[y], TimeSpan.FromDays(30)));
        }

        var events = new List<JourneyEvent>();
        int customers = random.Next(1, 6);
        for (int c = 0; c < customers; c++)
        {
            events.Add(new JourneyEvent("c" + c, Start.AddMinutes(c), "M"));
            for (int i = random.Next(30); i > 0; i--)
            {
                events.Add(new JourneyEvent("c" + c, Start.AddMinutes(c + (10 * (30 - i)) + 5), "t" + random.Next(touchpoints))
                {
                    Channel = random.Next(3) == 0 ? null : random.Next(2) == 0 ? "x" : "y",
                    Stage = random.Next(3) == 0 ? null : "s" + random.Next(3),
                    Outcome = (EventOutcome)random.Next(3),
                    Value = random.Next(3) == 0 ? random.Next(120) : null,
                    Feedback = random.Next(3) == 0 ? random.Next(11) : null,
                });
            }
        }

        return new MatcherCase([.. rules], ys, events, seed);
    }
}
