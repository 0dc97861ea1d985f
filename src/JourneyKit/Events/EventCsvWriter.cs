using System.Globalization;

namespace JourneyKit.Events;

/// <summary>
/// Writes an <see cref="EventLog"/> as CSV that <see cref="EventReader.ReadCsv"/> reads back to an equal log:
/// ISO 8601 UTC timestamps, round-trip numbers, RFC 4180 quoting of any field with a separator, quote, line break or
/// surrounding white space.
/// </summary>
/// <remarks>
/// By default text that a spreadsheet would run as a formula — starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab
/// or carriage return — is neutralised as OWASP recommends for CSV injection: a single quote is put in front
/// (<c>'=HYPERLINK(…)</c>). Such an id then reads back with the quote; pass <c>neutralizeFormulas: false</c> for an exact
/// round trip of logs that never reach a spreadsheet. Numbers are never altered.
/// </remarks>
public static class EventCsvWriter
{
    /// <summary>Writes the log, one row per event in log order, neutralising formula-like text cells.</summary>
    /// <param name="log">The log.</param>
    /// <param name="writer">The target; left open.</param>
    /// <param name="columns">Column names; default <see cref="EventColumns"/>.</param>
    /// <param name="cancellationToken">Cancels the write (checked every 65,536 rows).</param>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Write(EventLog log, TextWriter writer, EventColumns? columns = null, CancellationToken cancellationToken = default) =>
        Write(log, writer, columns, neutralizeFormulas: true, cancellationToken);

    /// <summary>Writes the log, choosing whether formula-like text cells are neutralised.</summary>
    /// <param name="log">The log.</param>
    /// <param name="writer">The target; left open.</param>
    /// <param name="columns">Column names; <see langword="null"/> for <see cref="EventColumns"/>.</param>
    /// <param name="neutralizeFormulas">Whether text cells that a spreadsheet would evaluate get a leading <c>'</c>; <see langword="false"/> for an exact round trip.</param>
    /// <param name="cancellationToken">Cancels the write (checked every 65,536 rows).</param>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Write(EventLog log, TextWriter writer, EventColumns? columns, bool neutralizeFormulas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(writer);
        columns ??= new EventColumns();
        bool values = !log.Values.IsEmpty, sessions = !log.SessionIds.IsEmpty, feedback = !log.Feedback.IsEmpty, actors = !log.ActorIds.IsEmpty;
        var header = new List<string> { columns.CustomerId, columns.Timestamp, columns.Touchpoint };
        if (log.EventCount > 0)
        {
            header.AddRange([columns.Channel, columns.Stage, columns.Outcome]);
            if (values)
            {
                header.Add(columns.Value);
            }

            if (sessions)
            {
                header.Add(columns.SessionId);
            }

            if (feedback)
            {
                header.Add(columns.Feedback);
            }

            if (actors)
            {
                header.Add(columns.Actor);
            }
        }

        for (int i = 0; i < header.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteText(writer, header[i], neutralizeFormulas);
        }

        writer.Write("\r\n");
        Span<char> buffer = stackalloc char[64];
        long row = 0;
        for (int c = 0; c < log.CustomerCount; c++)
        {
            string customer = log.CustomerIds[c];
            for (int k = log.CustomerOffsets[c]; k < log.CustomerOffsets[c + 1]; k++)
            {
                if ((++row & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                WriteText(writer, customer, neutralizeFormulas);
                writer.Write(',');
                new DateTimeOffset(log.UtcTicks[k], TimeSpan.Zero).TryFormat(buffer, out int written, "O", CultureInfo.InvariantCulture);
                writer.Write(buffer[..written]);
                writer.Write(',');
                WriteText(writer, log.TouchpointNames[log.TouchpointIds[k]], neutralizeFormulas);
                writer.Write(',');
                WriteText(writer, log.ChannelIds[k] >= 0 ? log.ChannelNames[log.ChannelIds[k]] : "", neutralizeFormulas);
                writer.Write(',');
                WriteText(writer, log.StageIds[k] >= 0 ? log.StageNames[log.StageIds[k]] : "", neutralizeFormulas);
                writer.Write(',');
                writer.Write(log.Outcomes[k] switch { EventOutcome.Conversion => "conversion", EventOutcome.Churn => "churn", _ => "" });
                if (values)
                {
                    writer.Write(',');
                    WriteNumber(writer, log.Values[k], buffer);
                }

                if (sessions)
                {
                    writer.Write(',');
                    WriteText(writer, log.SessionIds[k] >= 0 ? log.SessionNames[log.SessionIds[k]] : "", neutralizeFormulas);
                }

                if (feedback)
                {
                    writer.Write(',');
                    WriteNumber(writer, log.Feedback[k], buffer);
                }

                if (actors)
                {
                    writer.Write(',');
                    WriteText(writer, log.ActorIds[k] >= 0 ? log.ActorNames[log.ActorIds[k]] : "", neutralizeFormulas);
                }

                writer.Write("\r\n");
            }
        }
    }

    /// <summary>Writes one text cell: neutralised when asked, quoted when it holds a separator, quote, line break or surrounding white space.</summary>
    internal static void WriteText(TextWriter writer, string text, bool neutralizeFormulas)
    {
        bool formula = neutralizeFormulas && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        bool quote = text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
        if (!quote)
        {
            if (formula)
            {
                writer.Write('\'');
            }

            writer.Write(text);
            return;
        }

        writer.Write('"');
        if (formula)
        {
            writer.Write('\'');
        }

        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static void WriteNumber(TextWriter writer, double value, Span<char> buffer)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}
