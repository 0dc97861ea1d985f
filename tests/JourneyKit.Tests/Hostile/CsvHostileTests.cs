using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Attribution;
using JourneyKit.Events;

namespace JourneyKit.Tests.Hostile;

/// <summary>Quotes, stray quotes, blank lines, BOMs and oversized records in CSV input: every line accounted for.</summary>
public class CsvHostileTests
{
    private const string Header = "customer_id,timestamp,touchpoint";

    private static string Rows(int n, Func<int, string>? touchpoint = null)
    {
        var sb = new StringBuilder(Header).Append('\n');
        for (int i = 1; i <= n; i++)
        {
            sb.Append('c').Append(i % 7).Append(",2026-03-01T10:00:").Append((i % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture))
              .Append("Z,").Append(touchpoint?.Invoke(i) ?? "view").Append('\n');
        }

        return sb.ToString();
    }

    private static (IngestReport Report, EventLog Log) Read(string csv, IngestOptions? options = null)
    {
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader(csv), builder, options);
        return (report, builder.Build());
    }

    [Fact]
    public void QuoteInsideAField_IsData_AndNoRowIsLost()
    {
        var (report, log) = Read(Rows(1000, i => i == 10 ? "12\" pizza" : "view"));
        Assert.Equal(1000, report.RowsRead);
        Assert.Equal(1000, report.RowsAccepted);
        Assert.Contains("12\" pizza", log.TouchpointNames);
        Assert.All(log.TouchpointNames, n => Assert.True(n.Length < 20, n));
    }

    [Fact]
    public void TwoStrayQuotes500RowsApart_EveryRowRead()
    {
        var (report, _) = Read(Rows(1000, i => i is 10 or 510 ? "a\"b" : "view"));
        Assert.Equal(1000, report.RowsRead);
        Assert.Equal(1000, report.RowsAccepted);
    }

    [Fact]
    public void UnterminatedQuote_RejectsOnlyItsLine_WithTheLineWhereItStarted()
    {
        // Row 10 (line 11) opens a quote that never closes.
        var (report, log) = Read(Rows(1000, i => i == 10 ? "\"open" : "view"));
        Assert.Equal(1000, report.RowsRead);
        Assert.Equal(999, report.RowsAccepted);
        var rejected = Assert.Single(report.Rejections);
        Assert.Equal(11, rejected.LineNumber);
        Assert.Equal(RejectReason.MalformedRow, rejected.Reason);
        Assert.Contains("line 11", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(999, log.EventCount);
    }

    [Fact]
    public void TextAfterClosingQuote_RejectsTheLine()
    {
        var (report, _) = Read(Rows(20, i => i == 3 ? "\"Big\" pizza" : "view"));
        Assert.Equal(20, report.RowsRead);
        Assert.Equal(19, report.RowsAccepted);
        Assert.Equal(4, Assert.Single(report.Rejections).LineNumber);
    }

    [Fact]
    public void QuotedFieldWithLineBreaks_IsOneRecordReportedAtItsFirstLine()
    {
        string csv = Header + "\nc1,2026-03-01T10:00:00Z,\"two\nlines\"\nc1,2026-03-01T10:01:00Z,x\nc1,bad,y\n";
        var (report, log) = Read(csv);
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal(5, Assert.Single(report.Rejections).LineNumber); // header 1, record 2–3, x 4, bad 5
        Assert.Contains("two\nlines", log.TouchpointNames);
    }

    [Fact]
    public void MultiLineRecordBeyondTheLineLimit_RejectsTheFirstLineAndReadsTheRest()
    {
        string csv = Header + "\nc1,2026-03-01T10:00:00Z,\"a\nc2,2026-03-01T10:00:00Z,b\nc3,2026-03-01T10:00:00Z,c\"\n";
        var (report, _) = Read(csv, new IngestOptions { MaxLinesPerRecord = 2 });
        Assert.Equal(3, report.RowsRead); // line 2 rejected; lines 3 and 4 read again as records (the quote in 'c"' is data)
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal(2, Assert.Single(report.Rejections).LineNumber);
    }

    [Fact]
    public void OverlongRecord_IsRejectedWithTheLimitNamed()
    {
        var (report, _) = Read(Rows(3, i => i == 2 ? new string('x', 5000) : "view"), new IngestOptions { MaxRecordLength = 1000 });
        Assert.Equal(2, report.RowsAccepted);
        Assert.Contains("MaxRecordLength", Assert.Single(report.Rejections).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlankLines_AreSkippedAndCounted_NotRejected()
    {
        string csv = Header + "\n\nc1,2026-03-01T10:00:00Z,a\n   \n\nc1,2026-03-01T10:01:00Z,b\n";
        var (report, _) = Read(csv);
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal(3, report.BlankLines);
        Assert.Contains("3 blank lines", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMarkThroughAStringReader_IsNotPartOfTheFirstColumn()
    {
        var (report, _) = Read("\uFEFF" + Rows(2));
        Assert.Equal(2, report.RowsAccepted);
    }

    [Fact]
    public void MissingColumnMessage_ShowsInvisibleCharactersAndIsCapped()
    {
        string header = "\u202Ecustomer," + string.Join(',', Enumerable.Range(0, 100_000).Select(i => "c" + i));
        var ex = Assert.Throws<InvalidDataException>(() => Read(header + "\n"));
        Assert.Contains("\\u202E", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 3000, $"message of {ex.Message.Length} characters");
    }

    [Fact]
    public void DuplicateHeaderName_IsAClearError()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Read("customer_id,timestamp,touchpoint,touchpoint\n"));
        Assert.Contains("'touchpoint' twice", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => Read(string.Concat(Enumerable.Repeat(",", 1_000_000)) + "\n"));
    }

    [Fact]
    public void PathDataSet_StrayQuote_EveryRowRead()
    {
        var sb = new StringBuilder("path,total_conversions,total_conversion_value,total_null\n");
        for (int i = 0; i < 100; i++)
        {
            sb.Append(i == 5 ? "a\"x > b" : "a > b").Append(",1,1,1\n");
        }

        var (data, report) = PathDataSet.ReadCsv(new StringReader(sb.ToString()));
        Assert.Equal(100, report.RowsRead);
        Assert.Equal(100, report.RowsAccepted);
        Assert.Equal(100, data.Count);
    }

    [Fact]
    public void PathDataSet_ReservedChannel_IsRejected()
    {
        var (_, report) = PathDataSet.ReadCsv(new StringReader("path,total_conversions,total_conversion_value,total_null\n(start) > b,1,1,1\na,1,1,1\n"));
        Assert.Equal(1, report.RowsAccepted);
        Assert.Equal(RejectReason.ReservedLabel, Assert.Single(report.Rejections).Reason);
    }

    /// <summary>
    /// Random fields with quotes, separators and line breaks anywhere, written quoted as RFC 4180 says (or, for some,
    /// raw with stray quotes inside): every record is read, and every accepted row equals the row as written.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property RandomFields_ReadEqualsRecords_AndAcceptedRowsAreExact()
    {
        var alphabet = Gen.Elements('a', 'b', '"', ',', '\n', ' ', 'é', 'x');
        var field = Gen.ArrayOf(alphabet).Select(cs => new string(cs).Trim()).Where(s => s.Length > 0);
        var row = Gen.Zip(field, Gen.Elements(true, false));
        return Prop.ForAll(Gen.ListOf(row).ToArbitrary(), rows =>
        {
            var sb = new StringBuilder(Header).Append('\n');
            var expected = new List<string>();
            int records = 0;
            foreach (var (text, quoteIt) in rows)
            {
                records++;
                bool mustQuote = text.Contains(',') || text.Contains('\n') || text.StartsWith('"');
                string written = quoteIt || mustQuote ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
                sb.Append("c1,2026-03-01T10:00:00Z,").Append(written).Append('\n');
                expected.Add(text);
            }

            var builder = new EventLogBuilder();
            var report = EventReader.ReadCsv(new StringReader(sb.ToString()), builder);
            var log = builder.Build();
            var names = log.Events().Select(e => e.Touchpoint).ToList();
            return (report.RowsRead == records).Label($"read {report.RowsRead} of {records}")
                .And(report.RowsAccepted + report.RowsRejected == report.RowsRead).Label("read = accepted + rejected")
                .And(report.RowsRejected == 0).Label($"rejected: {string.Join("; ", report.Rejections)}")
                .And(names.SequenceEqual(expected)).Label("accepted rows equal the rows as written");
        });
    }

    /// <summary>Hostile lines spliced anywhere: the accounting balances and covers every physical line.</summary>
    [Property(MaxTest = 200)]
    public Property HostileLines_AccountingCoversEveryPhysicalLine()
    {
        var junk = Gen.Elements("\"", "\"\"", "a\"b", "\"open", ",,,", "\"x\"y", "", "   ", "c9,2026-03-01T10:00:00Z,\"multi", "end\"", "c9,bad,z");
        return Prop.ForAll(Gen.ListOf(Gen.Frequency((3, Gen.Constant<string?>(null)), (1, junk.Select(j => (string?)j)))).ToArbitrary(), lines =>
        {
            var sb = new StringBuilder(Header).Append('\n');
            int physical = 1;
            int i = 0;
            foreach (string? line in lines)
            {
                sb.Append(line ?? $"c{i++ % 3},2026-03-01T10:00:00Z,t").Append('\n');
                physical++;
            }

            var builder = new EventLogBuilder();
            var report = EventReader.ReadCsv(new StringReader(sb.ToString()), builder, new IngestOptions { MaxLinesPerRecord = 3 });
            // Physical lines = header + blank lines + the lines of every record, and a record spans 1 to 3 lines.
            long recordLines = physical - 1 - report.BlankLines;
            return (report.RowsAccepted + report.RowsRejected == report.RowsRead).Label("read = accepted + rejected")
                .And(recordLines >= report.RowsRead && recordLines <= 3 * report.RowsRead).Label($"lines: {physical}, read {report.RowsRead}, blank {report.BlankLines}")
                .And(builder.Count == report.RowsAccepted).Label("the builder holds exactly the accepted rows");
        });
    }

    /// <summary>A reader that hands out at most a few characters per call, so every buffer boundary is crossed.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }

        public override int Peek() => _position < text.Length ? text[_position] : -1;

        public override int Read() => _position < text.Length ? text[_position++] : -1;
    }

    private static string Describe(string csv, Func<string, TextReader> open, int maxLength = 1 << 20)
    {
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(open(csv), builder, new IngestOptions { MaxLinesPerRecord = 3, MaxRecordLength = maxLength });
        var log = builder.Build();
        return report + " | " + string.Join(";", report.Rejections) + " | " + string.Join(";", log.Events().Select(e => e.CustomerId + "/" + e.Touchpoint));
    }

    /// <summary>Reading through any chunking of the input (CR, LF and CRLF endings, quotes, long lines) gives the same records.</summary>
    [Property(MaxTest = 150)]
    public Property ChunkedReading_EqualsWholeReading()
    {
        var piece = Gen.Elements("c1,2026-03-01T10:00:00Z,a", "c2,2026-03-01T10:00:00Z,\"q\nq\"", "\"", "x\"y", "", "c3,2026-03-01T10:00:00Z,\"open",
            "c4,2026-03-01T10:00:00Z," + new string('w', 80), "end\",z");
        var ending = Gen.Elements("\n", "\r\n", "\r");
        return Prop.ForAll(Gen.Zip(Gen.ListOf(Gen.Zip(piece, ending)), Gen.Choose(1, 9)).ToArbitrary(), input =>
        {
            var (lines, chunk) = input;
            string csv = Header + "\n" + string.Concat(lines.Select(l => l.Item1 + l.Item2));
            string whole = Describe(csv, t => new StringReader(t), maxLength: 70);
            string trickled = Describe(csv, t => new TrickleReader(t, chunk), maxLength: 70);
            return (whole == trickled).Label($"whole:   {whole}\ntrickled: {trickled}");
        });
    }

    [Fact]
    public void LargeInput_WithMultiLineRecordsAcrossBufferBoundaries_ReadsEveryRecord()
    {
        var sb = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < 30_000; i++)
        {
            sb.Append('c').Append(i % 97).Append(",2026-03-01T10:00:00Z,").Append(i % 10 == 0 ? "\"multi\r\nline " + i + "\"" : "t" + (i % 13)).Append("\r\n");
        }

        string csv = sb.ToString();
        Assert.Equal(Describe(csv, t => new StringReader(t)), Describe(csv, t => new TrickleReader(t, 4093)));
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader(csv), builder);
        Assert.Equal(30_000, report.RowsRead);
        Assert.Equal(30_000, report.RowsAccepted);
    }

    [Fact]
    public void TenMegabyteLine_IsRejectedWithoutStoppingTheRead()
    {
        string csv = Header + "\nc1,2026-03-01T10:00:00Z," + new string('x', 10_000_000) + "\nc2,2026-03-01T10:00:00Z,b\n";
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader(csv), builder);
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(1, report.RowsAccepted);
        Assert.Equal(2, Assert.Single(report.Rejections).LineNumber);
    }
}
