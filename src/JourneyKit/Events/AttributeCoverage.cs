using System.Globalization;

namespace JourneyKit.Events;

/// <summary>How well an attribute table covers a log: customers without a row, and rows without events.</summary>
/// <param name="CustomersWithRow">The log's customers that have a row.</param>
/// <param name="CustomersWithoutRow">The log's customers that have no row (their attributes are missing).</param>
/// <param name="RowsWithoutEvents">Rows of the table whose customer has no event in the log.</param>
/// <param name="SampleWithoutRow">Up to 20 ids of customers without a row, in log order.</param>
public sealed record AttributeCoverage(int CustomersWithRow, int CustomersWithoutRow, int RowsWithoutEvents, IReadOnlyList<string> SampleWithoutRow)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{CustomersWithRow:N0} customers with attributes, {CustomersWithoutRow:N0} without") +
        (SampleWithoutRow.Count == 0 ? "" : $" (e.g. {string.Join(", ", SampleWithoutRow.Take(5))})") +
        string.Create(CultureInfo.InvariantCulture, $"; {RowsWithoutEvents:N0} rows without events");
}
