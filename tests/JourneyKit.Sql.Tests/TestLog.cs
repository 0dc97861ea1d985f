using JourneyKit.Events;

namespace JourneyKit.Sql.Tests;

/// <summary>A random event table and the same events as an in-memory log (built in <see cref="TestRow.Seq"/> order).</summary>
public sealed class TestLog
{
    public TestLog(int seed, IReadOnlyList<TestRow> rows)
    {
        Seed = seed;
        Rows = rows;
        var builder = new EventLogBuilder();
        foreach (var r in rows.OrderBy(r => r.Seq))
        {
            builder.Add(new JourneyEvent(r.Customer, r.Timestamp, r.Touchpoint)
            {
                Channel = r.Channel,
                Stage = r.Stage,
                Outcome = r.Outcome == "conversion" ? EventOutcome.Conversion : r.Outcome == "churn" ? EventOutcome.Churn : EventOutcome.None,
                Value = r.Value,
                Feedback = r.Feedback,
            });
        }

        Log = builder.Build();
    }

    /// <summary>A log read from elsewhere (the reader's, from a table with rows it rejects).</summary>
    public TestLog(int seed, EventLog log)
    {
        Seed = seed;
        Rows = [];
        Log = log;
    }

    public int Seed { get; }

    public IReadOnlyList<TestRow> Rows { get; }

    public EventLog Log { get; }

    public override string ToString() => $"seed {Seed}: {Rows.Count} rows, {Log.CustomerCount} customers";
}
