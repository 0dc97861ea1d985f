using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Rules;
using static JourneyKit.Tests.Rules.RuleHarness;

namespace JourneyKit.Tests.Rules;

public class RulePropertyTests
{
    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(45);

    private static EventLog Log(IEnumerable<JourneyEvent> events) => new EventLogBuilder().AddRange(events).Build();

    private static DateTimeOffset AsOf(RuleHistory h) => RuleArbitraries.Start.AddMinutes(200 + (h.Seed % 300));

    [Fact]
    public void Generator_ExercisesEveryRule_FiredPendingSuppressedAndRecovered()
    {
        // The properties below only mean something if the random histories make every rule fire, pend and recover.
        var engine = new RuleEngine(RuleArbitraries.Rules);
        var results = Enumerable.Range(0, 100).Select(seed => engine.Evaluate(Log(RuleArbitraries.Create(seed)), AsOf(new RuleHistory([], seed)))).ToList();
        foreach (JourneyRule rule in RuleArbitraries.Rules)
        {
            Assert.True(results.Sum(r => r[rule.Name].Fired) > 0, rule.Name + " never fired");
        }

        Assert.True(results.Sum(r => r.Pending.Count) > 0);
        Assert.True(results.Sum(r => r.RecoveredAnyway.Count) > 0);
        Assert.True(results.Sum(r => r["a-not-b-restart"].Suppressed + r["detractor"].Suppressed) > 0);
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)], MaxTest = 200)]
    public void Batch_EqualsLive_UnderAnyArrivalOrderWithinLateness(RuleHistory history)
    {
        DateTimeOffset asOf = AsOf(history);
        var seen = history.Events.Where(e => e.Timestamp <= asOf).ToList();
        RuleEvaluation batch = new RuleEngine(RuleArbitraries.Rules).Evaluate(Log(history.Events), asOf);

        var monitor = new JourneyMonitor(RuleArbitraries.Rules, new JourneyMonitorOptions { AllowedLateness = Lateness });
        var live = new List<RuleFiring>();
        foreach (JourneyEvent e in RuleArbitraries.Arrivals(seen, Lateness, history.Seed))
        {
            live.AddRange(monitor.Observe(e));
        }

        live.AddRange(monitor.AdvanceTo(asOf));
        Assert.Equal(0, monitor.LateEvents);
        Assert.Equal(Canonical(batch.Fired), Canonical(live));
        Assert.Equal(Canonical(batch.Pending), Canonical(monitor.PendingEpisodes()));
        Assert.Equal(batch.Summaries.Select(r => batch.Fired.Count(f => f.RuleName == r.RuleName && f.IsHoldout)), batch.Summaries.Select(r => r.HeldOut));
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)], MaxTest = 150)]
    public void Replay_OfALog_FiresWhatTheBatchEngineFires(RuleHistory history)
    {
        DateTimeOffset asOf = AsOf(history);
        EventLog log = Log(history.Events);
        RuleEvaluation batch = new RuleEngine(RuleArbitraries.Rules).Evaluate(log, asOf);
        var monitor = new JourneyMonitor(RuleArbitraries.Rules);
        Assert.Equal(Canonical(batch.Fired), Canonical(monitor.Replay(log, asOf)));
        Assert.Equal(Canonical(batch.Pending), Canonical(monitor.PendingEpisodes()));
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)], MaxTest = 150)]
    public void SnapshotAndRestore_AtAnyPoint_FiresWhatAnUninterruptedMonitorFires(RuleHistory history)
    {
        var options = new JourneyMonitorOptions { AllowedLateness = Lateness };
        List<JourneyEvent> arrivals = RuleArbitraries.Arrivals(history.Events, Lateness, history.Seed);
        DateTimeOffset end = RuleArbitraries.Start.AddDays(1);

        var whole = new JourneyMonitor(RuleArbitraries.Rules, options);
        var expected = arrivals.SelectMany(whole.Observe).ToList(); // materialised before the advance
        expected.AddRange(whole.AdvanceTo(end));

        int cut = arrivals.Count == 0 ? 0 : history.Seed % (arrivals.Count + 1);
        var first = new JourneyMonitor(RuleArbitraries.Rules, options);
        var actual = arrivals.Take(cut).SelectMany(first.Observe).ToList();
        using var snapshot = new MemoryStream();
        first.Save(snapshot);
        snapshot.Position = 0;
        JourneyMonitor second = JourneyMonitor.Load(snapshot, RuleArbitraries.Rules, options);
        Assert.Equal(snapshot.Length, snapshot.Position);
        actual.AddRange(arrivals.Skip(cut).SelectMany(second.Observe));
        actual.AddRange(second.AdvanceTo(end));

        Assert.Equal(expected, actual);
        // The id is (rule, customer, StartedAt, same-instant number): every firing has its own — also two episodes of one
        // rule that start at the same instant (seeds 482646989, 1845028975: X, Y, X at one instant).
        Assert.Equal(actual.Count, actual.Select(f => f.Id).Distinct().Count());
        Assert.Equal(whole.AppliedEvents, second.AppliedEvents);
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)], MaxTest = 100)]
    public void Monitor_DoesNotDependOnTheRulesOfTheMonitorBuiltBeforeIt(RuleHistory history)
    {
        // Monitors share what they derive from their rules (kept from one monitor to the next built from the same rule
        // instances): a monitor built right after one with other rules — the same rules reversed, or all but one — fires,
        // lists and saves what one built right after its twin does.
        var options = new JourneyMonitorOptions { AllowedLateness = Lateness };
        List<JourneyEvent> arrivals = RuleArbitraries.Arrivals(history.Events, Lateness, history.Seed);
        JourneyRule[] rules = RuleArbitraries.Rules;
        JourneyRule[][] before = [rules, [.. rules.Reverse()], rules[1..], [rules[1], rules[0], .. rules[2..]]];
        (List<RuleFiring> Fired, string[] Rules, byte[] Snapshot) Run(JourneyRule[] previous)
        {
            _ = new JourneyMonitor(previous, options);
            var monitor = new JourneyMonitor(rules, options);
            var fired = arrivals.SelectMany(monitor.Observe).ToList();
            fired.AddRange(monitor.AdvanceTo(RuleArbitraries.Start.AddDays(1)));
            using var snapshot = new MemoryStream();
            monitor.Save(snapshot);
            return (fired, [.. monitor.Rules.Select(r => r.Name)], snapshot.ToArray());
        }

        var expected = Run(rules);
        Assert.Equal(rules.Select(r => r.Name), expected.Rules);
        foreach (JourneyRule[] previous in before[1..])
        {
            var actual = Run(previous);
            Assert.Equal(expected.Fired, actual.Fired);
            Assert.Equal(expected.Rules, actual.Rules);
            Assert.Equal(expected.Snapshot, actual.Snapshot);
        }
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)], MaxTest = 200)]
    public void Monitor_AppliesTimeThenArrivalOrder_WhateverOrderEventsCome(RuleHistory history)
    {
        // Times cut to 10-minute steps (many ties), two-hour windows each shuffled and then advanced past: a monitor fed
        // the shuffle (saved and restored mid-window, with unsorted events waiting) fires exactly what a monitor fed the
        // stable sort of that shuffle fires — the order it applies is time, then arrival.
        var random = new Random(history.Seed);
        var options = new JourneyMonitorOptions { WatermarkFollowsEvents = false, LateEvents = LateEventPolicy.Count };
        var stepped = history.Events.Select(e => e with { Timestamp = RuleArbitraries.Start.AddMinutes(Math.Floor((e.Timestamp - RuleArbitraries.Start).TotalMinutes / 10) * 10) });
        var windows = stepped.GroupBy(e => (long)((e.Timestamp - RuleArbitraries.Start).TotalHours / 2)).OrderBy(g => g.Key);
        var reference = new JourneyMonitor(RuleArbitraries.Rules, options);
        var shuffled = new JourneyMonitor(RuleArbitraries.Rules, options);
        var expected = new List<RuleFiring>();
        var actual = new List<RuleFiring>();
        foreach (var window in windows)
        {
            var arrivals = window.OrderBy(_ => random.Next()).ToList();
            expected.AddRange(arrivals.OrderBy(e => e.Timestamp).SelectMany(reference.Observe));
            int cut = random.Next(arrivals.Count + 1);
            actual.AddRange(arrivals.Take(cut).SelectMany(shuffled.Observe));
            using (var snapshot = new MemoryStream())
            {
                shuffled.Save(snapshot);
                snapshot.Position = 0;
                shuffled = JourneyMonitor.Load(snapshot, RuleArbitraries.Rules, options);
            }

            actual.AddRange(arrivals.Skip(cut).SelectMany(shuffled.Observe));
            Assert.Equal(reference.NextDue, shuffled.NextDue);
            var end = RuleArbitraries.Start.AddHours(2 * (window.Key + 1));
            expected.AddRange(reference.AdvanceTo(end));
            actual.AddRange(shuffled.AdvanceTo(end));
        }

        Assert.Equal(expected, actual);
        Assert.Equal(reference.AppliedEvents, shuffled.AppliedEvents);
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)])]
    public bool FiredAndPending_AreDisjoint(RuleHistory history)
    {
        // An episode is told by (rule, customer, start, same-instant number): a fired episode is never also pending — also
        // when a second episode started at the same instant (seed 1990302086: A, C, A; the first fires, the second waits).
        RuleEvaluation result = new RuleEngine(RuleArbitraries.Rules).Evaluate(Log(history.Events), AsOf(history));
        var pending = result.Pending.Select(p => p.Id).ToHashSet();
        return !result.Fired.Any(f => pending.Contains(f.Id)) &&
               result.Pending.All(p => p.DueAt > result.AsOf) && result.Fired.All(f => f.FiredAt <= result.AsOf);
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)])]
    public void FiringCount_NeverExceedsTheXEvents(RuleHistory history)
    {
        EventLog log = Log(history.Events);
        RuleEvaluation result = new RuleEngine(RuleArbitraries.Rules).Evaluate(log, AsOf(history));
        foreach (JourneyRule rule in RuleArbitraries.Rules.Where(r => r.Kind != RuleKind.Stall))
        {
            // X events as seen by a plain occurrence rule with the same condition: every firing needs its own X.
            int xEvents = new RuleEngine([JourneyRule.Named("x").When(rule.Trigger)]).Evaluate(log, result.AsOf)["x"].Fired;
            RuleSummary s = result[rule.Name];
            Assert.True(s.Fired + s.Pending <= xEvents, $"{rule.Name}: {s.Fired} fired + {s.Pending} pending > {xEvents} X events");
        }
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)])]
    public void Results_DoNotDependOnCustomerOrder(RuleHistory history)
    {
        DateTimeOffset asOf = AsOf(history);
        var random = new Random(history.Seed);
        var customers = history.Events.Select(e => e.CustomerId).Distinct().OrderBy(_ => random.Next()).ToList();
        // Regroup by a shuffled customer order, keeping each customer's own events in input order.
        var regrouped = customers.SelectMany(c => history.Events.Where(e => e.CustomerId == c)).ToList();
        RuleEvaluation a = new RuleEngine(RuleArbitraries.Rules).Evaluate(Log(history.Events), asOf);
        RuleEvaluation b = new RuleEngine(RuleArbitraries.Rules) { MaxDegreeOfParallelism = 1 }.Evaluate(Log(regrouped), asOf);
        Assert.Equal(Canonical(a.Fired), Canonical(b.Fired));
        Assert.Equal(Canonical(a.Pending), Canonical(b.Pending));
        Assert.Equal(Canonical(a.RecoveredAnyway), Canonical(b.RecoveredAnyway));
        Assert.Equal(a.Summaries, b.Summaries);
    }

    [Property(Arbitrary = [typeof(RuleArbitraries)], MaxTest = 30)]
    public void Evaluate_EqualsTheUnionOfItsPartitions(RuleHistory history)
    {
        EventLog log = Log(history.Events);
        DateTimeOffset asOf = AsOf(history);
        var engine = new RuleEngine(RuleArbitraries.Rules);
        RuleEvaluation whole = engine.Evaluate(log, asOf);
        var parts = log.Partition(3).Select(p => engine.Evaluate(p, asOf)).ToList();
        Assert.Equal(Canonical(whole.Fired), Canonical(parts.SelectMany(p => p.Fired)));
        Assert.Equal(whole.Summaries.Select(s => s.Fired), RuleArbitraries.Rules.Select(r => parts.Sum(p => p[r.Name].Fired)));
    }
}
