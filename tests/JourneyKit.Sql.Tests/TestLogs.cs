using FsCheck;
using FsCheck.Fluent;
using JourneyKit.Events;
using JourneyKit.Tests;

namespace JourneyKit.Sql.Tests;

public static class TestLogs
{
    // Ids and labels with quotes, spaces, SQL punctuation and non-ASCII text: they travel as data, never as SQL.
    private static readonly string[] Customers = ["c1", "O'Brien", "a \"quoted\" id", "café naïve", "日本", "x'; DROP TABLE events; --", "sp ace", "c-8", "😀", "Z"];
    private static readonly string[] Touchpoints = ["Home", "Search", "Product 'A'", "Cart", "Checkout", "Ü-help", "\"Chat\"", "a,b"];
    private static readonly string[] Channels = ["web", "email", "store", "app"];
    private static readonly string[] Stages = ["Awareness", "Consideration", "Purchase", "Retention"];

    public static Arbitrary<TestLog> Logs() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(Create), log => Shrink.Sublists(log.Rows).Where(rows => rows.Count > 0).Select(rows => new TestLog(log.Seed, rows)));

    public static TestLog Create(int seed)
    {
        var random = new Random(seed);
        int customers = random.Next(1, Customers.Length + 1);
        int touchpoints = random.Next(1, Touchpoints.Length + 1);
        var rows = new List<TestRow>();
        long baseMicros = 1_700_000_000_000_000L;
        foreach (string customer in Customers.Take(customers))
        {
            int events = random.Next(1, 14);
            long at = baseMicros + random.Next(0, 1000) * 1_000_000L;
            for (int e = 0; e < events; e++)
            {
                // Small steps, often zero: equal timestamps inside a journey are ordered by the tiebreak column.
                at += random.Next(4) switch
                {
                    0 => 0,
                    1 => random.Next(1, 200),
                    2 => random.Next(1, 90_000) * 1000L,
                    _ => random.Next(1, 5_000) * 1_000_000L,
                };
                string tp = Touchpoints[random.Next(touchpoints)];
                rows.Add(new TestRow(
                    customer,
                    at,
                    tp,
                    random.Next(5) == 0 ? null : Channels[random.Next(Channels.Length)],
                    random.Next(6) == 0 ? null : Stages[random.Next(Stages.Length)],
                    random.Next(6) == 0 ? "conversion" : random.Next(12) == 0 ? "churn" : null,
                    random.Next(3) == 0 ? Math.Round(random.NextDouble() * 100, 2) : null,
                    random.Next(3) == 0 ? random.Next(0, 11) : null,
                    0));
            }
        }

        // Rows arrive shuffled; seq numbers the insertion order, which is the in-memory log's tiebreak.
        var shuffled = rows.OrderBy(_ => random.Next()).Select((r, i) => r with { Seq = i }).ToList();
        return new TestLog(seed, shuffled);
    }
}
