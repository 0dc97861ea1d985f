using JourneyKit.Events;

namespace JourneyKit.Tests.Events;

public class EventReaderTests
{
    private const string Header = "customer_id,timestamp,touchpoint,channel,stage,outcome,value,session_id,feedback";

    private static (IngestReport Report, EventLog Log) ReadCsv(string rows, JourneyMap? map = null, IngestOptions? options = null)
    {
        var builder = map is null ? new EventLogBuilder() : new EventLogBuilder(map);
        var report = EventReader.ReadCsv(new StringReader(Header + "\n" + rows), builder, options);
        return (report, builder.Build());
    }

    private static RejectedRow SingleRejection(string row, JourneyMap? map = null, IngestOptions? options = null)
    {
        var (report, log) = ReadCsv("c1,2026-03-01T10:00:00Z,checkout,,,,,,\n" + row, map, options);
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(1, report.RowsAccepted);
        Assert.Equal(1L, log.EventCount);
        var rejected = Assert.Single(report.Rejections);
        Assert.Equal(3, rejected.LineNumber); // header is line 1
        return rejected;
    }

    [Theory]
    [InlineData(",2026-03-01T10:00:00Z,checkout,,,,,,", RejectReason.MissingCustomerId, "customer_id")]
    [InlineData("c2,2026-03-01T10:00:00Z,  ,,,,,,", RejectReason.MissingTouchpoint, "touchpoint")]
    [InlineData("c2,yesterday,checkout,,,,,,", RejectReason.BadTimestamp, "timestamp")]
    [InlineData("c2,,checkout,,,,,,", RejectReason.BadTimestamp, "timestamp")]
    [InlineData("c2,2026-03-01T10:00:00,checkout,,,,,,", RejectReason.NaiveTimestamp, "timestamp")]
    [InlineData("c2,2026-03-01,checkout,,,,,,", RejectReason.NaiveTimestamp, "timestamp")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,,,bought,,,", RejectReason.UnknownOutcome, "outcome")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,,,,12.3.4,,", RejectReason.BadNumber, "value")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,,,,NaN,,", RejectReason.NonFiniteValue, "value")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,,,,Infinity,,", RejectReason.NonFiniteValue, "value")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,,,,,,11", RejectReason.FeedbackOutOfRange, "feedback")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,,,,,,-1", RejectReason.FeedbackOutOfRange, "feedback")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout", RejectReason.MalformedRow, null)]
    public void ReadCsv_BadRow_RejectedWithReasonLineAndColumn(string row, RejectReason reason, string? column)
    {
        var rejected = SingleRejection(row);
        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(column, rejected.Column);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
    }

    [Theory]
    [InlineData("c2,2026-03-01T10:00:00Z,teleport,,,,,,", RejectReason.UnknownTouchpoint, "touchpoint", "'teleport'")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,pigeon,,,,,", RejectReason.UnknownChannel, "channel", "'pigeon'")]
    [InlineData("c2,2026-03-01T10:00:00Z,checkout,,limbo,,,,", RejectReason.UnknownStage, "stage", "'limbo'")]
    public void ReadCsv_LabelUnknownToMap_Rejected(string row, RejectReason reason, string column, string named)
    {
        var rejected = SingleRejection(row, SampleMaps.ECommerce());
        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(column, rejected.Column);
        Assert.Contains(named, rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_Duplicate_RejectedOnlyWhenDeduplicating()
    {
        const string row = "c1,2026-03-01T11:00:00+01:00,checkout,,,,,,"; // the same instant and touchpoint as the first row
        var rejected = SingleRejection(row, options: new IngestOptions { Deduplicate = true });
        Assert.Equal(RejectReason.Duplicate, rejected.Reason);
        var (report, _) = ReadCsv("c1,2026-03-01T10:00:00Z,checkout,,,,,,\n" + row);
        Assert.Equal(2, report.RowsAccepted);
    }

    [Fact]
    public void ReadCsv_Strict_ThrowsAtFirstBadRowWithLineAndColumn()
    {
        var ex = Assert.Throws<IngestException>(() => ReadCsv(
            "c1,2026-03-01T10:00:00Z,checkout,,,,,,\nc2,not-a-date,checkout,,,,,,\n,2026-03-01T10:00:00Z,x,,,,,,",
            options: new IngestOptions { Policy = IngestPolicy.Strict }));
        Assert.NotNull(ex.Row);
        Assert.Equal(3, ex.Row.LineNumber);
        Assert.Equal("timestamp", ex.Row.Column);
        Assert.Equal(RejectReason.BadTimestamp, ex.Row.Reason);
        Assert.Contains("line 3, timestamp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_MoreRejectionsThanDetailCap_CountsAllKeepsFew()
    {
        string rows = string.Join('\n', Enumerable.Range(0, 10).Select(i => $",2026-03-01T10:00:00Z,x{i},,,,,,"));
        var (report, _) = ReadCsv(rows, options: new IngestOptions { MaxErrorDetails = 3 });
        Assert.Equal(10, report.RowsRejected);
        Assert.Equal(3, report.Rejections.Count);
        Assert.True(report.DetailsTruncated);
        Assert.Equal(10, report.RejectionCounts[RejectReason.MissingCustomerId]);
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected);
    }

    [Fact]
    public void ReadCsv_NaiveTimestampsWithZone_ConvertedAcrossDaylightSaving()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        // 2026-03-29 is the spring-forward day in Europe: 01:30 local is UTC+1, 03:30 local is UTC+2.
        var (report, log) = ReadCsv(
            "c,2026-03-29T01:30:00,a,,,,,,\nc,2026-03-29T03:30:00,b,,,,,,\nc,2026-03-29T02:30:00,gap,,,,,,",
            options: new IngestOptions { NaiveTimestampZone = zone });
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal(TimeSpan.FromHours(1), log[0].Duration); // 00:30Z → 01:30Z, not the 2 h of the wall clock
        var gap = Assert.Single(report.Rejections);
        Assert.Equal(RejectReason.BadTimestamp, gap.Reason);
        Assert.Contains("daylight-saving gap", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_CustomFormats_ParseNaiveAndOffsetForms()
    {
        var options = new IngestOptions
        {
            TimestampFormats = ["dd/MM/yyyy HH:mm zzz", "dd/MM/yyyy HH:mm"],
            NaiveTimestampZone = TimeZoneInfo.Utc,
        };
        var (report, log) = ReadCsv("c,01/03/2026 10:00 +01:00,a,,,,,,\nc,01/03/2026 10:00,b,,,,,,\nc,2026-03-01,x,,,,,,", options: options);
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal(TimeSpan.FromHours(1), log[0].Duration);
        Assert.Contains("none of the configured timestamp formats", Assert.Single(report.Rejections).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_Aliases_StitchAnonymousIdsToCustomers()
    {
        var options = new IngestOptions { CustomerAliases = new Dictionary<string, string> { ["cookie-77"] = "c1" } };
        var (report, log) = ReadCsv("cookie-77,2026-03-01T09:00:00Z,ad,,,,,,\nc1,2026-03-01T10:00:00Z,checkout,,,,,,", options: options);
        Assert.Equal(1, log.CustomerCount);
        Assert.Equal(2, log[0].Count);
        Assert.Equal(1, report.AliasedRows);

        // The raw id is kept on the stitched event as its actor; the unaliased event has none.
        Assert.Equal("cookie-77", log.GetEvent(0).Actor);
        Assert.Null(log.GetEvent(1).Actor);
    }

    [Fact]
    public void ReadCsv_QuotedFieldsAndCustomColumns()
    {
        const string csv = "case_id;activity;timestamp\n\"A;1\";\"Say \"\"hi\"\"\";2026-03-01T10:00:00Z\n";
        var builder = new EventLogBuilder();
        var options = new IngestOptions { Columns = new EventColumns { CustomerId = "case_id", Touchpoint = "activity" }, Separator = ';' };
        var report = EventReader.ReadCsv(new StringReader(csv), builder, options);
        Assert.Equal(1, report.RowsAccepted);
        var log = builder.Build();
        Assert.Equal("A;1", log.CustomerIds[0]);
        Assert.Equal("Say \"hi\"", log.TouchpointNames[0]);
    }

    [Fact]
    public void ReadCsv_MissingRequiredColumn_ThrowsListingColumns()
    {
        var ex = Assert.Throws<InvalidDataException>(() => EventReader.ReadCsv(new StringReader("case,timestamp,touchpoint\n"), new EventLogBuilder()));
        Assert.Contains("'customer_id'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'case'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ReportsProgressAndHonoursCancellation()
    {
        string rows = string.Join('\n', Enumerable.Range(0, 70_000).Select(i => $"c{i % 100},2026-03-01T10:00:00Z,tp,,,,,,"));
        var seen = new List<IngestProgress>();
        var (report, _) = ReadCsv(rows, options: null);
        Assert.Equal(70_000, report.RowsAccepted);

        var builder = new EventLogBuilder();
        EventReader.ReadCsv(new StringReader(Header + "\n" + rows), builder, progress: new SyncProgress(seen));
        Assert.Equal(new IngestProgress(65_536, 65_536, 0), seen[0]);
        Assert.Equal(new IngestProgress(70_000, 70_000, 0), seen[^1]);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            EventReader.ReadCsv(new StringReader(Header + "\n" + rows), new EventLogBuilder(), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void ReadJsonLines_ReadsNumbersAndStringsAndRejectsBadLines()
    {
        const string jsonl = """
            {"customer_id": 173688, "timestamp": "2011-10-01T00:38:44.546+02:00", "touchpoint": "A_SUBMITTED", "value": "12.5"}

            {"customer_id": "173688", "timestamp": "2011-10-01T00:38:44.880+02:00", "touchpoint": "A_PARTLYSUBMITTED", "feedback": 9, "outcome": "Conversion"}
            not json
            [1, 2]
            {"customer_id": "x", "touchpoint": "t"}
            """;
        var builder = new EventLogBuilder();
        var report = EventReader.ReadJsonLines(new StringReader(jsonl), builder);
        Assert.Equal(5, report.RowsRead); // the blank line is not a row
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal([4L, 5L, 6L], report.Rejections.Select(r => r.LineNumber));
        Assert.Equal([RejectReason.MalformedRow, RejectReason.MalformedRow, RejectReason.BadTimestamp], report.Rejections.Select(r => r.Reason));
        var log = builder.Build();
        Assert.Equal(1, log.CustomerCount);
        Assert.Equal(12.5, log.GetEvent(0).Value);
        Assert.Equal(9.0, log.GetEvent(1).Feedback);
        Assert.Equal(EventOutcome.Conversion, log.GetEvent(1).Outcome);
    }

    [Fact]
    public async Task ReadAsync_StreamsEventsWithTheSameChecks()
    {
        var t = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var builder = new EventLogBuilder(SampleMaps.ECommerce());
        var report = await EventReader.ReadAsync(Stream(), builder, new IngestOptions { FeedbackMaximum = 5, FeedbackMinimum = 1 });
        Assert.Equal(4, report.RowsRead);
        Assert.Equal(1, report.RowsAccepted);
        Assert.Equal(
            [(2L, RejectReason.UnknownTouchpoint), (3L, RejectReason.FeedbackOutOfRange), (4L, RejectReason.NonFiniteValue)],
            report.Rejections.Select(r => (r.LineNumber, r.Reason)));

        async IAsyncEnumerable<JourneyEvent> Stream()
        {
            await Task.Yield();
            yield return new JourneyEvent("c", t, "checkout") { Feedback = 4 };
            yield return new JourneyEvent("c", t, "teleport");
            yield return new JourneyEvent("c", t, "checkout") { Feedback = 9 };
            yield return new JourneyEvent("c", t, "checkout") { Value = double.NaN };
        }
    }

    [Fact]
    public void Options_Invalid_ThrowNamingSetting()
    {
        Assert.Equal("MaxErrorDetails", Assert.Throws<InvalidOptionsException>(() => new IngestOptions { MaxErrorDetails = -1 }.Validate()).ParamName);
        Assert.Equal("FeedbackMaximum", Assert.Throws<InvalidOptionsException>(() => new IngestOptions { FeedbackMinimum = 5, FeedbackMaximum = 1 }.Validate()).ParamName);
        Assert.Equal("Columns.Timestamp", Assert.Throws<InvalidOptionsException>(() => new IngestOptions { Columns = new EventColumns { Timestamp = " " } }.Validate()).ParamName);
    }

    private sealed class SyncProgress(List<IngestProgress> seen) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => seen.Add(value);
    }
}
