namespace JourneyKit.Sql.Tests;

/// <summary>One event row as a table holds it; <see cref="Seq"/> is the tiebreak column (insertion order).</summary>
public sealed record TestRow(string Customer, long Micros, string Touchpoint, string? Channel, string? Stage, string? Outcome, double? Value, double? Feedback, long Seq)
{
    public DateTimeOffset Timestamp => new(DateTime.UnixEpoch.Ticks + (Micros * 10), TimeSpan.Zero);
}
