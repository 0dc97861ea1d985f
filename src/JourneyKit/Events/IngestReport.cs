using System.Collections.ObjectModel;
using System.Globalization;

namespace JourneyKit.Events;

/// <summary>The accounting of one ingest: every row read is either accepted or rejected with a reason.</summary>
public sealed class IngestReport
{
    internal IngestReport(long read, long accepted, long[] byReason, List<RejectedRow> details, long aliased, long blankLines = 0, IReadOnlyList<string>? unusedColumns = null)
    {
        BlankLines = blankLines;
        UnusedColumns = unusedColumns ?? [];
        RowsRead = read;
        RowsAccepted = accepted;
        RowsRejected = byReason.Sum();
        AliasedRows = aliased;
        Rejections = details.AsReadOnly();
        var counts = new SortedDictionary<RejectReason, long>();
        for (int r = 0; r < byReason.Length; r++)
        {
            if (byReason[r] > 0)
            {
                counts[(RejectReason)r] = byReason[r];
            }
        }

        RejectionCounts = new ReadOnlyDictionary<RejectReason, long>(counts);
    }

    /// <summary>
    /// Gets the CSV header columns that no mapping in <see cref="IngestOptions.Columns"/> reads, in header order: data
    /// that this ingest leaves behind (a typo in a mapping shows up here).
    /// </summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>Gets the number of blank lines (empty or white space only) that were skipped; they are not rows.</summary>
    public long BlankLines { get; }

    /// <summary>
    /// Gets the number of data rows read: CSV records (a quoted field with line breaks makes one record of several lines)
    /// or JSON lines; the CSV header and blank lines are not rows.
    /// </summary>
    public long RowsRead { get; }

    /// <summary>Gets the number of rows added to the builder.</summary>
    public long RowsAccepted { get; }

    /// <summary>Gets the number of rows rejected; always <see cref="RowsRead"/> − <see cref="RowsAccepted"/>.</summary>
    public long RowsRejected { get; }

    /// <summary>Gets the number of accepted rows whose customer id was replaced through <see cref="IngestOptions.CustomerAliases"/>.</summary>
    public long AliasedRows { get; }

    /// <summary>Gets the details of rejected rows, in input order, up to <see cref="IngestOptions.MaxErrorDetails"/>.</summary>
    public IReadOnlyList<RejectedRow> Rejections { get; }

    /// <summary>Gets a value indicating whether more rows were rejected than details were kept.</summary>
    public bool DetailsTruncated => RowsRejected > Rejections.Count;

    /// <summary>Gets the number of rejected rows per reason (reasons with none are absent).</summary>
    public IReadOnlyDictionary<RejectReason, long> RejectionCounts { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RowsRead:N0} rows read, {RowsAccepted:N0} accepted, {RowsRejected:N0} rejected") +
        (RejectionCounts.Count == 0 ? "" : " (" + string.Join(", ", RejectionCounts.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value:N0}"))) + ")") +
        (BlankLines == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {BlankLines:N0} blank lines skipped")) +
        (UnusedColumns.Count == 0 ? "" : $"; columns not read: {string.Join(", ", UnusedColumns.Take(10))}{(UnusedColumns.Count > 10 ? ", …" : "")}");
}
