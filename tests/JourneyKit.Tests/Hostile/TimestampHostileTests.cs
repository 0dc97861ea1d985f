using JourneyKit.Events;

namespace JourneyKit.Tests.Hostile;

/// <summary>Changes the process's time zone, so it runs alone.</summary>
[CollectionDefinition(nameof(HostTimeZoneDependent), DisableParallelization = true)]
public sealed class HostTimeZoneDependent;

/// <summary>Timestamps: no parse depends on the host's time zone; UTC designators are honoured; naive text needs a zone.</summary>
[Collection(nameof(HostTimeZoneDependent))]
public class TimestampHostileTests
{
    private static readonly string[] Inputs =
    [
        "2026-03-01T10:00:00Z", "2026-03-01T10:00:00+01:00", "Sun, 01 Mar 2026 10:00:00 GMT", "Sun 2026-03-01 10:00:00",
        "2026-03-01 10:00:00", "2026-03-29T02:30:00", "2026-10-25 02:30:00", "10:00:00", "2026-03-01",
    ];

    private static IngestReport Read(string timestamp, out EventLog log, IngestOptions? options = null)
    {
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader($"customer_id,timestamp,touchpoint\nc1,\"{timestamp}\",a\n"), builder, options);
        log = builder.Build();
        return report;
    }

    private static string[] ParseAll(IngestOptions options) =>
        [.. Inputs.Select(text =>
        {
            var report = Read(text, out var log, options);
            return report.RowsAccepted == 1 ? new DateTimeOffset(log.UtcTicks[0], TimeSpan.Zero).ToString("O", System.Globalization.CultureInfo.InvariantCulture) : report.Rejections[0].Reason.ToString();
        })];

    /// <summary>The same input read under two host zones (Tokyo and New York) gives the same instants and rejections.</summary>
    [Fact]
    public void Parsing_DoesNotDependOnTheHostTimeZone()
    {
        string? saved = Environment.GetEnvironmentVariable("TZ");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        try
        {
            var results = new List<string[]>();
            foreach (string zone in new[] { "Asia/Tokyo", "America/New_York" })
            {
                Environment.SetEnvironmentVariable("TZ", zone);
                TimeZoneInfo.ClearCachedData();
                Assert.Equal(zone, TimeZoneInfo.Local.Id);
                results.Add([.. ParseAll(new IngestOptions()), .. ParseAll(new IngestOptions { NaiveTimestampZone = berlin })]);
            }

            Assert.Equal(results[0], results[1]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Fact]
    public void DayNameWithoutOffset_IsNaive_AndUsesTheConfiguredZone()
    {
        Assert.Equal(RejectReason.NaiveTimestamp, Read("Sun 2026-03-01 10:00:00", out _).Rejections[0].Reason);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Read("Sun 2026-03-01 10:00:00", out var log, new IngestOptions { NaiveTimestampZone = berlin });
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).UtcTicks, log.UtcTicks[0]);
    }

    [Fact]
    public void Rfc1123Gmt_IsUtc()
    {
        Assert.Equal(1, Read("Sun, 01 Mar 2026 10:00:00 GMT", out var log).RowsAccepted);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).UtcTicks, log.UtcTicks[0]);
    }

    [Fact]
    public void FormatWithLiteralZ_IsUtc_EvenWithANaiveZone()
    {
        var options = new IngestOptions
        {
            TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'"],
            NaiveTimestampZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        };
        Assert.Equal(1, Read("2026-03-01T10:00:00Z", out var log, options).RowsAccepted);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).UtcTicks, log.UtcTicks[0]);
    }

    [Fact]
    public void TimeWithoutDate_IsRejected_NotFilledFromTheClock()
    {
        var report = Read("10:00:00", out _, new IngestOptions { NaiveTimestampZone = TimeZoneInfo.Utc });
        Assert.Equal(RejectReason.BadTimestamp, Assert.Single(report.Rejections).Reason);
    }
}
