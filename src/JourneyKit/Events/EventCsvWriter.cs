using System.Globalization;
using nietras.SeparatedValues;

namespace JourneyKit.Events;

/// <summary>
/// Writes an <see cref="EventLog"/> as CSV that <see cref="EventReader.ReadCsv"/> reads back to an equal log:
/// ISO 8601 UTC timestamps, round-trip numbers, RFC 4180 quoting of any field with a separator, quote or line break.
/// </summary>
/// <remarks>
/// Fields are quoted, not altered: text starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> is written as it is, so
/// open untrusted CSV in a spreadsheet with formula evaluation off.
/// </remarks>
public static class EventCsvWriter
{
    /// <summary>Writes the log, one row per event in log order.</summary>
    /// <param name="log">The log.</param>
    /// <param name="writer">The target; left open.</param>
    /// <param name="columns">Column names; default <see cref="EventColumns"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Write(EventLog log, TextWriter writer, EventColumns? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(writer);
        columns ??= new EventColumns();
        var options = new SepWriterOptions(Sep.New(',')) { Escape = true, CultureInfo = CultureInfo.InvariantCulture };
        using SepWriter csv = options.To(writer, leaveOpen: true);
        bool values = !log.Values.IsEmpty, sessions = !log.SessionIds.IsEmpty, feedback = !log.Feedback.IsEmpty;
        Span<char> buffer = stackalloc char[64];
        if (log.EventCount == 0)
        {
            writer.WriteLine(string.Join(',', columns.CustomerId, columns.Timestamp, columns.Touchpoint));
            return;
        }

        for (int c = 0; c < log.CustomerCount; c++)
        {
            string customer = log.CustomerIds[c];
            for (int k = log.CustomerOffsets[c]; k < log.CustomerOffsets[c + 1]; k++)
            {
                using var row = csv.NewRow(cancellationToken);
                row[columns.CustomerId].Set(customer);
                new DateTimeOffset(log.UtcTicks[k], TimeSpan.Zero).TryFormat(buffer, out int written, "O", CultureInfo.InvariantCulture);
                row[columns.Timestamp].Set(buffer[..written]);
                row[columns.Touchpoint].Set(log.TouchpointNames[log.TouchpointIds[k]]);
                row[columns.Channel].Set(log.ChannelIds[k] >= 0 ? log.ChannelNames[log.ChannelIds[k]] : "");
                row[columns.Stage].Set(log.StageIds[k] >= 0 ? log.StageNames[log.StageIds[k]] : "");
                row[columns.Outcome].Set(log.Outcomes[k] == EventOutcome.None ? "" : log.Outcomes[k] == EventOutcome.Conversion ? "conversion" : "churn");
                if (values)
                {
                    SetNumber(row[columns.Value], log.Values[k], buffer);
                }

                if (sessions)
                {
                    row[columns.SessionId].Set(log.SessionIds[k] >= 0 ? log.SessionNames[log.SessionIds[k]] : "");
                }

                if (feedback)
                {
                    SetNumber(row[columns.Feedback], log.Feedback[k], buffer);
                }
            }
        }
    }

    private static void SetNumber(SepWriter.Col col, double value, Span<char> buffer)
    {
        if (double.IsNaN(value))
        {
            col.Set("");
            return;
        }

        value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
        col.Set(buffer[..written]);
    }
}
