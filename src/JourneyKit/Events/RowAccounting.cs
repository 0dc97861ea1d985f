namespace JourneyKit.Events;

/// <summary>
/// The accounting every reader keeps: rows read and accepted, rejections counted per reason with their details (up to a
/// cap), and the policy that turns the first rejection into an <see cref="IngestException"/>.
/// </summary>
internal sealed class RowAccounting(IngestPolicy policy, int maxErrorDetails)
{
    private readonly long[] _byReason = new long[Enum.GetValues<RejectReason>().Length];
    private readonly List<RejectedRow> _details = [];

    public long Read { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; private set; }

    public void Reject(long line, string? column, RejectReason reason, string message)
    {
        var row = new RejectedRow(line, column, reason, message);
        if (policy == IngestPolicy.Strict)
        {
            throw new IngestException(row);
        }

        _byReason[(int)reason]++;
        Rejected++;
        if (_details.Count < maxErrorDetails)
        {
            _details.Add(row);
        }
    }

    public IngestReport Report(long aliased = 0, long blankLines = 0, IReadOnlyList<string>? unusedColumns = null) =>
        new(Read, Accepted, _byReason, _details, aliased, blankLines, unusedColumns);
}
