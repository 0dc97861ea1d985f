using System.Globalization;

namespace JourneyKit.Sql;

/// <summary>What an event table holds: rows, the events and customers that make journeys, and the rows that cannot.</summary>
/// <param name="Rows">Rows in the table (or query, or files).</param>
/// <param name="Events">Rows with a customer, a timestamp and a touchpoint: the events every statistic counts.</param>
/// <param name="Customers">Distinct customers among <paramref name="Events"/>.</param>
/// <param name="RowsWithoutCustomer">Rows whose customer is null.</param>
/// <param name="RowsWithoutTimestamp">Rows whose timestamp is null.</param>
/// <param name="RowsWithoutTouchpoint">Rows whose touchpoint is null.</param>
/// <param name="First">The earliest event, or <see langword="null"/> when there is none.</param>
/// <param name="Last">The latest event, or <see langword="null"/> when there is none.</param>
public sealed record SqlTableProfile(
    long Rows,
    long Events,
    long Customers,
    long RowsWithoutCustomer,
    long RowsWithoutTimestamp,
    long RowsWithoutTouchpoint,
    DateTimeOffset? First,
    DateTimeOffset? Last)
{
    /// <summary>Gets the rows left out of every journey (<see cref="Rows"/> − <see cref="Events"/>).</summary>
    public long RowsLeftOut => Rows - Events;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Rows:N0} rows: {Events:N0} events of {Customers:N0} customers, {RowsLeftOut:N0} left out (no customer {RowsWithoutCustomer:N0}, no timestamp {RowsWithoutTimestamp:N0}, no touchpoint {RowsWithoutTouchpoint:N0})");
}
