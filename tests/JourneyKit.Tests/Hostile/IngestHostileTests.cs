using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Hostile;

/// <summary>JSON Lines, the builder and the CSV writer under hostile input: a bad row or a failed call changes nothing.</summary>
public class IngestHostileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void JsonLines_LoneSurrogate_IsOneRejectedRow_AndTheIngestGoesOn()
    {
        string text = """
            {"customer_id":"c1","timestamp":"2026-03-01T10:00:00Z","touchpoint":"a"}
            {"customer_id":"c\ud800","timestamp":"2026-03-01T10:00:00Z","touchpoint":"a"}
            {"customer_id":"c2","timestamp":"2026-03-01T10:00:00Z","touchpoint":"b"}
            """;
        var builder = new EventLogBuilder();
        var report = EventReader.ReadJsonLines(new StringReader(text), builder);
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(2, report.RowsAccepted);
        var rejected = Assert.Single(report.Rejections);
        Assert.Equal(2, rejected.LineNumber);
        Assert.Equal(RejectReason.MalformedRow, rejected.Reason);
        Assert.Equal(2, builder.Build().CustomerCount);
    }

    [Fact]
    public void JsonLines_ObjectAsId_IsRejected_BlankLinesCounted()
    {
        string text = "{\"customer_id\":{\"a\":1},\"timestamp\":\"2026-03-01T10:00:00Z\",\"touchpoint\":\"a\"}\n\n" +
                      "{\"customer_id\":\"c1\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"touchpoint\":[1]}\n";
        var builder = new EventLogBuilder();
        var report = EventReader.ReadJsonLines(new StringReader(text), builder);
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(0, report.RowsAccepted);
        Assert.Equal(1, report.BlankLines);
        Assert.Equal(["customer_id", "touchpoint"], report.Rejections.Select(r => r.Column));
        Assert.Equal(0, builder.CustomerCount);
    }

    [Fact]
    public void Add_UnknownTouchpoint_LeavesNoCustomerBehind()
    {
        var map = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddChannel("web", "Web").AddTouchpoint("known", "Known", "s", "web").Build();
        var builder = new EventLogBuilder(map);
        Assert.Throws<ArgumentException>(() => builder.Add("ghost", T0, "no-such-touchpoint"));
        Assert.Throws<ArgumentException>(() => builder.Add(new JourneyEvent("ghost2", T0, "no-such-touchpoint")));
        Assert.Equal(0, builder.CustomerCount);
        Assert.Equal(0, builder.Build().CustomerCount);
    }

    [Fact]
    public void CsvRowRejectedForItsFeedback_LeavesNoGhostNode()
    {
        string csv = "customer_id,timestamp,touchpoint,channel,stage,feedback\n" +
                     "c1,2026-03-01T10:00:00Z,a,web,s1,5\n" +
                     "c2,2026-03-01T10:00:00Z,GHOST,GHOSTCH,GHOSTST,99\n";
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader(csv), builder);
        Assert.Equal(1, report.RowsAccepted);
        var log = builder.Build();
        Assert.DoesNotContain("GHOST", log.TouchpointNames);
        Assert.DoesNotContain("GHOSTCH", log.ChannelNames);
        Assert.DoesNotContain("GHOSTST", log.StageNames);
        Assert.Equal(1, log.CustomerCount);
        Assert.DoesNotContain(new PathAnalyzer().DirectlyFollows(log).Nodes, n => n.StartsWith("GHOST", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("(unknown)")]
    [InlineData("(start)")]
    [InlineData("a > b")]
    public void ReservedLabels_AreRefused(string label)
    {
        var builder = new EventLogBuilder();
        var ex = Assert.Throws<ArgumentException>(() => builder.Add("c1", T0, label));
        Assert.Contains("reserve", ex.Message, StringComparison.Ordinal);
        var report = EventReader.ReadCsv(new StringReader($"customer_id,timestamp,touchpoint,channel\nc1,2026-03-01T10:00:00Z,ok,\"{label}\"\n"), builder);
        Assert.Equal(RejectReason.ReservedLabel, Assert.Single(report.Rejections).Reason);
        Assert.Throws<JourneyMapValidationException>(() => JourneyMap.CreateBuilder("m", "M").AddStage(label, "S").Build());
    }

    [Fact]
    public void IdsThatCannotRoundTrip_AreRefused()
    {
        var builder = new EventLogBuilder();
        Assert.Throws<ArgumentException>(() => builder.Add("t\uD800", T0, "a"));
        Assert.Throws<ArgumentException>(() => builder.Add(" a ", T0, "a"));
        Assert.Throws<ArgumentException>(() => builder.Add("c", T0, "x\uDC00"));
        Assert.Equal(0, builder.Count);
        var mapError = Assert.ThrowsAny<Exception>(() => JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddChannel("c", "C").AddTouchpoint("t\uD800", "T", "s", "c").Build());
        Assert.Contains("\\uD800", mapError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcurrentMutation_Throws_InsteadOfLosingEvents()
    {
        var builder = new EventLogBuilder();
        var errors = 0;
        Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < 200_000; i++)
            {
                try
                {
                    builder.Add("c" + (i % 100), T0.AddSeconds(i), "a");
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });

        // Every event either landed or its call threw: nothing is lost silently.
        Assert.Equal(800_000, builder.Count + errors);
    }

    [Fact]
    public void TwoReadersIntoOneBuilderAtOnce_OneThrows_AndTheAccountingMatchesTheBuilder()
    {
        var csv = "customer_id,timestamp,touchpoint\n" + string.Concat(Enumerable.Range(0, 200_000).Select(i => $"c{i % 1000},2026-03-01T10:00:00Z,a\n"));
        var builder = new EventLogBuilder();
        long accepted = 0;
        int refused = 0;
        Parallel.For(0, 2, _ =>
        {
            try
            {
                Interlocked.Add(ref accepted, EventReader.ReadCsv(new StringReader(csv), builder).RowsAccepted);
            }
            catch (InvalidOperationException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        // Either the reads did not overlap (both whole) or the second was refused before it registered anything.
        Assert.Equal(builder.Count, accepted);
        Assert.Contains((refused, accepted), new[] { (0, 400_000L), (1, 200_000L) });
    }

    [Fact]
    public void AddColumns_BeyondCapacity_FailsBeforeValidating()
    {
        var builder = new EventLogBuilder();
        builder.InternCustomer("c");
        builder.InternTouchpoint("a");
        builder.AddColumns([0], [T0.UtcTicks], [0]);
        int[] huge = GC.AllocateUninitializedArray<int>(Array.MaxLength);
        var ex = Assert.Throws<ArgumentException>(() => builder.AddColumns(huge, new long[1], new int[1]));
        Assert.Contains("exceed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvWriter_NeutralisesFormulas_AndQuotesSurroundingSpace()
    {
        var log = new EventLogBuilder().Add("=HYPERLINK(\"x\")", T0, "@cmd").Add("c2", T0, "+1").Build();
        var text = new StringWriter();
        EventCsvWriter.Write(log, text);
        string csv = text.ToString();
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains(",'@cmd,", csv, StringComparison.Ordinal);
        Assert.Contains(",'+1,", csv, StringComparison.Ordinal);

        var exact = new StringWriter();
        EventCsvWriter.Write(log, exact, columns: null, neutralizeFormulas: false, CancellationToken.None);
        var back = new EventLogBuilder();
        EventReader.ReadCsv(new StringReader(exact.ToString()), back, new IngestOptions { Policy = IngestPolicy.Strict });
        Assert.Equal(log.CustomerIds, back.Build().CustomerIds);
    }
}
