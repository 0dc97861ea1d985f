namespace JourneyKit.Events;

/// <summary>One rejected input row.</summary>
/// <param name="LineNumber">The 1-based line in the input (for CSV the header is line 1; for streams the 1-based item index).</param>
/// <param name="Column">The column at fault, or <see langword="null"/> when the row as a whole is bad.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Message">A readable explanation naming the value.</param>
public sealed record RejectedRow(long LineNumber, string? Column, RejectReason Reason, string Message)
{
    /// <summary>Formats the rejection as <c>line N, column: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Column is null ? $"line {LineNumber}: {Message}" : $"line {LineNumber}, {Column}: {Message}";
}
