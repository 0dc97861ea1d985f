using System.Globalization;
using JourneyKit.Events;

namespace JourneyKit.Sql;

/// <summary>What an event table holds: rows, the events and customers that make journeys, and the rows that cannot — by the reason the reader gives.</summary>
/// <param name="Rows">Rows in the table (or query, or files).</param>
/// <param name="Events">Rows the reader accepts (<see cref="SqlEventSource.Ingest"/>): the events every statistic counts.</param>
/// <param name="Customers">Distinct customers among <paramref name="Events"/> (ids trimmed).</param>
/// <param name="LeftOut">The rows left out, by the first reason the reader rejects each for; reasons with no rows are absent.</param>
/// <param name="First">The earliest event, or <see langword="null"/> when there is none.</param>
/// <param name="Last">The latest event, or <see langword="null"/> when there is none.</param>
public sealed record SqlTableProfile(
    long Rows,
    long Events,
    long Customers,
    IReadOnlyDictionary<RejectReason, long> LeftOut,
    DateTimeOffset? First,
    DateTimeOffset? Last)
{
    /// <summary>Gets the rows left out of every journey (<see cref="Rows"/> − <see cref="Events"/>).</summary>
    public long RowsLeftOut => Rows - Events;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Rows:N0} rows: {Events:N0} events of {Customers:N0} customers, {RowsLeftOut:N0} left out") +
        (LeftOut.Count == 0 ? "" : " (" + string.Join(", ", LeftOut.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value:N0}"))) + ")");
}
