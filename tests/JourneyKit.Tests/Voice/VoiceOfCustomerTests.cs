using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Rendering;
using JourneyKit.Voice;

namespace JourneyKit.Tests.Voice;

public class VoiceOfCustomerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReadCsv_AccountsForEveryRow_WithLineAndReason()
    {
        const string csv = """"
            customer_id,timestamp,text,touchpoint,rating
            c1,2026-04-01T10:00:00Z,"Checkout was slow, ""again""",checkout,2
            c2,2026-04-01T10:00:00Z,"A ticket
            over two lines",,
            ,2026-04-01T10:00:00Z,no customer,,
            c3,2026-04-01 10:00:00,no offset,,
            c4,not a time,bad time,,
            c5,2026-04-01T10:00:00+02:00,bad rating,,five
            """";
        var (comments, report) = CommentReader.ReadCsv(new StringReader(csv));
        Assert.Equal(6, report.RowsRead);
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected);
        Assert.Equal(2, comments.Count);
        Assert.Equal("Checkout was slow, \"again\"", comments[0].Text);
        Assert.Equal("checkout", comments[0].Touchpoint);
        Assert.Equal(2.0, comments[0].Rating);
        Assert.Equal("A ticket\nover two lines", comments[1].Text.ReplaceLineEndings("\n"));
        Assert.Null(comments[1].Touchpoint);
        Assert.Equal([RejectReason.MissingCustomerId, RejectReason.NaiveTimestamp, RejectReason.BadTimestamp, RejectReason.BadNumber], report.Rejections.Select(r => r.Reason));
        Assert.Equal([5L, 6, 7, 8], report.Rejections.Select(r => r.LineNumber));
    }

    [Fact]
    public void ReadJsonLines_AccountsForEveryRow_IncludingInvalidUnicode()
    {
        string lines = string.Join("\n",
            """{"customer_id":"c1","timestamp":"2026-04-01T10:00:00Z","text":"love the app","source":"review","rating":5}""",
            """{"customer_id":"c2","timestamp":"2026-04-01T10:00:00Z","text":"bad \ud800 text"}""",
            """[1,2]""",
            """{"customer_id":"c3","timestamp":"2026-04-01T10:00:00Z"}""",
            "",
            """{"customer_id":"c4","timestamp":"2026-04-01T10:00:00Z","text":"   "}""");
        var (comments, report) = CommentReader.ReadJsonLines(new StringReader(lines));
        Assert.Equal(5, report.RowsRead);
        Assert.Equal(1, report.BlankLines);
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal("review", comments[0].Source);
        Assert.Equal("   ", comments[1].Text);   // whitespace text is a comment: it scores zeros and is counted
        // An escaped lone surrogate is refused by the JSON reader itself; an array and a missing text are malformed rows.
        Assert.Equal([RejectReason.MalformedRow, RejectReason.MalformedRow, RejectReason.MalformedRow], report.Rejections.Select(r => r.Reason));
        Assert.Contains("UTF-16", report.Rejections[0].Message, StringComparison.Ordinal);
        Assert.Equal([2L, 3, 4], report.Rejections.Select(r => r.LineNumber));
    }

    [Fact]
    public void ReadCsv_TextThatIsNotValidUnicode_IsRejected_AsInvalidText()
    {
        var (comments, report) = CommentReader.ReadCsv(new StringReader("customer_id,timestamp,text\nc1,2026-04-01T10:00:00Z,bad \ud800 text\nc2,2026-04-01T10:00:00Z,fine\n"));
        Assert.Equal("fine", Assert.Single(comments).Text);
        var rejected = Assert.Single(report.Rejections);
        Assert.Equal((RejectReason.InvalidText, 2L, "text"), (rejected.Reason, rejected.LineNumber, rejected.Column));
    }

    /// <summary>c1: shop (day 0) → checkout (day 1); c2: shop (day 0).</summary>
    private static EventLog SmallLog() => new EventLogBuilder()
        .Add(new JourneyEvent("c1", T0, "shop") { Stage = "browse", Channel = "web" })
        .Add(new JourneyEvent("c1", T0.AddDays(1), "checkout") { Stage = "buy", Channel = "web" })
        .Add(new JourneyEvent("c2", T0, "shop") { Stage = "browse", Channel = "app" })
        .Build();

    [Fact]
    public void Analyze_PlacesEachComment_OrCountsWhyNot()
    {
        CustomerComment[] comments =
        [
            new("c1", T0.AddDays(1).AddHours(2), "Payment failed twice, terrible and annoying"),            // latest event: checkout
            new("c1", T0.AddHours(5), "nice shop"),                                           // latest event: shop
            new("c2", T0.AddDays(30), "still waiting"),                                       // 30 days after: outside the 7-day window
            new("c2", T0.AddDays(-1), "hello"),                                               // before the first event
            new("nobody", T0, "who am I"),                                                    // unknown customer
            new("nobody", T0, "great survey", touchpoint: "checkout", source: "survey"),      // stated: stays, even unknown
        ];
        var voice = VoiceOfCustomer.Analyze(SmallLog(), comments);
        Assert.Equal(comments.Length, voice.Comments.Count);
        Assert.Equal([CommentPlacement.LatestEvent, CommentPlacement.LatestEvent, CommentPlacement.OutsideWindow, CommentPlacement.BeforeFirstEvent, CommentPlacement.UnknownCustomer, CommentPlacement.Stated],
            voice.Comments.Select(c => c.Placement));
        Assert.Equal(("checkout", "buy", "web"), (voice.Comments[0].Touchpoint, voice.Comments[0].Stage, voice.Comments[0].Channel));
        Assert.Equal("shop", voice.Comments[1].Touchpoint);
        Assert.Equal(3, voice.Placed);
        Assert.Equal(1, voice.Unplaced[CommentPlacement.OutsideWindow]);
        var checkout = voice.ByTouchpoint.Single(s => s.Name == "checkout");
        Assert.Equal(2, checkout.Comments);
        Assert.Equal((voice.Comments[0].Scores.Compound + voice.Comments[5].Scores.Compound) / 2, checkout.MeanCompound, 12);
        Assert.Equal(2 * checkout.MeanCompound, checkout.Emotion.Value, 12);
        Assert.Equal("frustrated", checkout.Emotion.Label);             // the most frequent cue label of its comments
        Assert.Equal(1, checkout.EmotionLabels["frustrated"]);
        Assert.Equal(["frustrated"], voice.Comments[0].Emotions);   // "annoying" is a cue word of frustration
        Assert.Equal(["delighted"], VoiceOfCustomer.Analyze(SmallLog(), [new CustomerComment("c1", T0, "Loved it")]).Comments[0].Emotions);
        Assert.Equal(1, voice.ByTouchpoint.Single(s => s.Name == "shop").Comments);
        Assert.False(voice.ByTouchpoint.Single(s => s.Name == "shop").Interval.IsDefined); // one comment: no interval
        Assert.Throws<NotSupportedException>(() => VoiceOfCustomer.Analyze(SmallLog(), comments, new VoiceOptions { Language = "de" }));
    }

    // Placement never loses a comment: every one comes back once, placed or counted with its reason.
    [Property(MaxTest = 50)]
    public bool Analyze_NeverLosesAComment(int seed)
    {
        var random = new Random(seed);
        var log = SmallLog();
        var comments = Enumerable.Range(0, random.Next(0, 40)).Select(i => new CustomerComment(
            random.Next(3) switch { 0 => "c1", 1 => "c2", _ => "x" + i },
            T0.AddHours(random.Next(-48, 24 * 40)),
            random.Next(2) == 0 ? "slow and annoying" : "lovely",
            touchpoint: random.Next(5) == 0 ? "checkout" : null)).ToList();
        var voice = VoiceOfCustomer.Analyze(log, comments);
        return voice.Comments.Count == comments.Count
            && voice.Comments.Select(c => c.Comment).SequenceEqual(comments)
            && voice.Placed + voice.Unplaced.Values.Sum() == comments.Count
            && voice.ByTouchpoint.Sum(s => s.Comments) == voice.Placed;
    }

    /// <summary>Comments at three touchpoints; at checkout a fifth mention "payment failed" with negative words.</summary>
    internal static (EventLog Log, List<CustomerComment> Comments) Planted(int customers, int seed)
    {
        var random = new Random(seed);
        var builder = new EventLogBuilder();
        var comments = new List<CustomerComment>();
        string[] touchpoints = ["browse", "checkout", "delivery"];
        string[] filler = ["the app was fine", "ok experience overall", "nice colours on the page", "quick and easy", "I found what I needed", "prices look fair", "staff were friendly", "the page loaded"];
        for (int c = 0; c < customers; c++)
        {
            string id = $"p{c}";
            for (int k = 0; k < 3; k++)
            {
                builder.Add(new JourneyEvent(id, T0.AddDays(c % 20).AddHours(k * 5), touchpoints[k]));
                string text = filler[random.Next(filler.Length)];
                if (k == 1 && random.Next(5) == 0)
                {
                    text = $"my payment failed at the end, so annoying and {(random.Next(2) == 0 ? "terrible" : "awful")}";
                }

                comments.Add(new CustomerComment(id, T0.AddDays(c % 20).AddHours((k * 5) + 1), text));
            }
        }

        return (builder.Build(), comments);
    }

    [Fact]
    public void Analyze_RecoversAPlantedPhrase_AsAPainPointWithEvidence()
    {
        var (log, comments) = Planted(1000, 7);
        var voice = VoiceOfCustomer.Analyze(log, comments);
        var top = voice.TouchpointPhrases.Where(p => p.Group == "checkout").Take(3).Select(p => p.Phrase).ToList();
        Assert.Contains("payment failed", top);
        var pain = Assert.Single(voice.PainPoints, p => p.Phrase == "payment failed");
        Assert.Equal("checkout", pain.Touchpoint);
        Assert.InRange(pain.Comments, 150, 250);
        Assert.True(pain.MeanCompound <= -0.3);
        Assert.Contains(pain.Evidence, e => e.Contains("payment failed", StringComparison.Ordinal));
        Assert.DoesNotContain(voice.PainPoints, p => p.Touchpoint != "checkout");
        var painPoint = pain.ToPainPoint("payment-failed");
        Assert.Equal("checkout", painPoint.TouchpointId);
        Assert.Equal(3, voice.ByTouchpoint.Count);
        Assert.True(voice.ByTouchpoint.Single(s => s.Name == "checkout").MeanCompound < voice.ByTouchpoint.Single(s => s.Name == "browse").MeanCompound);
    }

    [Fact]
    public void Report_VoiceSection_EscapesWhatCustomersWrote()
    {
        var map = SampleMaps.ECommerce();
        var log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 300, Seed = 2 }).Generate();
        // Half the comments, about checkout, carry markup and a distinctive complaint (quoted in the report); the rest praise the ad.
        var comments = log.Journeys.Take(200).Select((j, i) => i % 2 == 0
            ? new CustomerComment(j.CustomerId, j.Events()[^1].Timestamp, "<script>alert('x')</script> checkout broken, terrible and useless", touchpoint: "checkout")
            : new CustomerComment(j.CustomerId, j.Events()[^1].Timestamp, "lovely ad, nice colours", touchpoint: "ad")).ToList();
        string html = HtmlReport.Build(map, log, new HtmlReportOptions { Comments = comments });
        Assert.Contains("<h2>Voice of the customer</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert('x')</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("What customers complain about", html, StringComparison.Ordinal);
    }
}
