using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Rules;

/// <summary>Runs rules both ways — batch over a log, live through a monitor — and checks that they agree.</summary>
public static class RuleHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset H(double hours) => T0.AddHours(hours);

    /// <summary>Evaluates in batch and live (events in log order, then AdvanceTo(asOf)); asserts the fired sets are equal.</summary>
    public static RuleEvaluation Both(IReadOnlyList<JourneyRule> rules, IEnumerable<JourneyEvent> events, DateTimeOffset asOf, JourneyMap? map = null)
    {
        List<JourneyEvent> list = [.. events];
        var builder = map is null ? new EventLogBuilder() : new EventLogBuilder(map);
        EventLog log = builder.AddRange(list).Build();
        RuleEvaluation batch = new RuleEngine(rules, map).Evaluate(log, asOf);

        var monitor = new JourneyMonitor(rules, new JourneyMonitorOptions { Map = map, AllowedLateness = TimeSpan.FromDays(1000) });
        var live = new List<RuleFiring>();
        foreach (JourneyEvent e in list.Where(e => e.Timestamp <= asOf))
        {
            live.AddRange(monitor.Observe(e));
        }

        live.AddRange(monitor.AdvanceTo(asOf));
        Assert.Equal(Canonical(batch.Fired), Canonical(live));
        Assert.Equal(Canonical(batch.Pending), Canonical(monitor.PendingEpisodes()));
        return batch;
    }

    public static List<RuleFiring> Canonical(IEnumerable<RuleFiring> firings) =>
        [.. firings.OrderBy(f => f.FiredAt).ThenBy(f => f.RuleName, StringComparer.Ordinal).ThenBy(f => f.CustomerId, StringComparer.Ordinal).ThenBy(f => f.StartedAt).ThenBy(f => f.Ordinal)];

    public static JourneyEvent E(string customer, double hours, string touchpoint) => new(customer, H(hours), touchpoint);
}
