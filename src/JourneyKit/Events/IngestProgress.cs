using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>Progress of a long ingest, reported every 65,536 rows and at the end.</summary>
/// <param name="RowsRead">Rows read so far.</param>
/// <param name="RowsAccepted">Rows accepted so far.</param>
/// <param name="RowsRejected">Rows rejected so far.</param>
public readonly record struct IngestProgress(long RowsRead, long RowsAccepted, long RowsRejected)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Show.Count(RowsRead)} rows read, {Show.Count(RowsAccepted)} accepted, {Show.Count(RowsRejected)} rejected";
}
