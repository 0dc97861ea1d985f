namespace JourneyKit.Events;

/// <summary>
/// What a reader returns: the data it accepted and the accounting of every row it read (read = accepted + rejected,
/// each rejection with its line, column and reason). Deconstructs as <c>var (data, report) = …</c>.
/// </summary>
/// <typeparam name="T">The data read: a <see cref="Attribution.PathDataSet"/>, <see cref="CustomerAttributes"/>…</typeparam>
/// <param name="Data">The data, built from the accepted rows only.</param>
/// <param name="Report">The accounting of the rows read.</param>
public sealed record Ingested<T>(T Data, IngestReport Report)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Data}; {Report}";
}
