using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Orleans.Tests;

/// <summary>The event streams the cluster tests send, and what a single process makes of them.</summary>
internal static class TestStreams
{
    private static readonly string[] Touchpoints = ["home", "search", "cart", "purchase", "support", "email"];
    private static readonly string?[] Stages = ["awareness", "consideration", "purchase", "purchase", "retention", null];

    internal static List<RuleFiring> Delivered(string prefix) =>
        [.. CollectingSink.Firings.Values.Where(f => f.CustomerId.StartsWith(prefix + "-", StringComparison.Ordinal))];

    internal static List<RuleFiring> SingleProcess(List<List<JourneyEvent>> chunks, List<DateTimeOffset> ends)
    {
        var monitor = new JourneyMonitor(ClusterFixture.Rules, new JourneyMonitorOptions { WatermarkFollowsEvents = false });
        var firings = new List<RuleFiring>();
        for (int i = 0; i < chunks.Count; i++)
        {
            foreach (var e in chunks[i])
            {
                firings.AddRange(monitor.Observe(e));
            }

            firings.AddRange(monitor.AdvanceTo(ends[i]));
        }

        firings.AddRange(monitor.AdvanceTo(ends[^1].AddDays(30)));
        return firings;
    }

    // 150 customers over ten days; the stream is cut into 6-hour chunks, each shuffled (arrival order within a chunk is
    // arbitrary, as from several ingest nodes), with the watermark advanced to each chunk's end.
    // The cluster has one event time, which only moves forward: each stream starts a year after the previous one.
    private static int _streams;

    internal static (List<List<JourneyEvent>> Chunks, List<DateTimeOffset> Ends) Stream(string prefix, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026 + Interlocked.Increment(ref _streams), 3, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new List<JourneyEvent>();
        for (int c = 0; c < 150; c++)
        {
            var t = start.AddMinutes(random.Next(0, 24 * 60));
            for (int k = random.Next(1, 15); k > 0; k--)
            {
                t = t.AddMinutes(random.Next(1, 20 * 60));
                int tp = random.Next(Touchpoints.Length);
                events.Add(new JourneyEvent($"{prefix}-{c}", t, Touchpoints[tp])
                {
                    Stage = Stages[tp],
                    Feedback = random.Next(5) == 0 ? random.Next(0, 11) : null,
                });
            }
        }

        var chunks = new List<List<JourneyEvent>>();
        var ends = new List<DateTimeOffset>();
        for (var end = start.AddHours(6); events.Count > 0; end = end.AddHours(6))
        {
            var chunk = events.Where(e => e.Timestamp <= end).OrderBy(_ => random.Next()).ToList();
            events.RemoveAll(e => e.Timestamp <= end);
            chunks.Add(chunk);
            ends.Add(end);
        }

        return (chunks, ends);
    }
}
