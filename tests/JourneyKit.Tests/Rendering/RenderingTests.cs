using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Rendering;
using JourneyKit.Tests.Paths;

namespace JourneyKit.Tests.Rendering;

public class RenderingTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static IEnumerable<XElement> WithClass(XDocument doc, string name, string cssClass) =>
        doc.Descendants(Ns + name).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    [Fact]
    public void JourneyMap_HasOneColumnPerStageMarkersAndCurvePoints()
    {
        var map = SampleMaps.ECommerce();
        var doc = XDocument.Parse(JourneyMapRenderer.RenderSvg(map));
        Assert.Equal(map.Stages.Count, WithClass(doc, "g", "stage").Count());
        Assert.Equal(map.Touchpoints.Count, WithClass(doc, "g", "touchpoint").Count());
        Assert.Single(WithClass(doc, "g", "moment-of-truth"));
        Assert.Equal(map.PainPoints.Count, WithClass(doc, "circle", "pain-point").Count());
        Assert.Equal(map.Touchpoints.Count(t => t.Emotion.HasValue), WithClass(doc, "circle", "emotion-point").Count());
        Assert.Single(WithClass(doc, "polyline", "designed-curve"));
        Assert.Single(WithClass(doc, "g", "opportunity"));
        Assert.Single(WithClass(doc, "g", "backstage-lane"));
        // Accessible: a title and a description that name the stages.
        Assert.Equal("Journey map: " + map.Name, doc.Root!.Element(Ns + "title")!.Value);
        Assert.Equal("Journey map: " + map.Name, (string?)doc.Root!.Attribute("aria-label"));
        Assert.Contains("Awareness", doc.Root!.Element(Ns + "desc")!.Value, StringComparison.Ordinal);
        // Stage columns are in map order, left to right.
        var xs = WithClass(doc, "g", "stage").Select(g => double.Parse(g.Element(Ns + "rect")!.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(xs.Order(), xs);
    }

    [Fact]
    public void JourneyMap_ObservedCurveAndMetricsRow()
    {
        var map = SampleMaps.ECommerce();
        var gaps = new List<EmotionGap> { new("awareness", "ad", Emotion.From(0.5), Emotion.From(-1), 10), new("purchase", "checkout", Emotion.From(-1.5), Emotion.From(0.5), 4) };
        var svg = JourneyMapRenderer.RenderSvg(map, new JourneyMapRenderOptions
        {
            ObservedEmotions = gaps,
            StageMetrics = new Dictionary<string, IReadOnlyList<string>> { ["purchase"] = ["NPS 41 [35, 47]", "Conversion 23 %"] },
        });
        var doc = XDocument.Parse(svg);
        Assert.Equal(2, WithClass(doc, "circle", "observed-point").Count());
        Assert.Single(WithClass(doc, "polyline", "observed-curve"));
        Assert.Equal(2, WithClass(doc, "text", "metric").Count());
    }

    [Property(Arbitrary = [typeof(JourneyArbitraries)], MaxTest = 40)]
    public bool JourneyMap_IsDeterministic(JourneyMap map) =>
        JourneyMapRenderer.RenderSvg(map) == JourneyMapRenderer.RenderSvg(map.ToBuilder().Build());

    public static Arbitrary<string> HostileText() => Arb.From(Gen.Choose(0, int.MaxValue).Select(seed =>
    {
        var random = new Random(seed);
        string[] parts = ["<script>alert(1)</script>", "\"", "'", "&", "&amp;", "]]>", "<!--", "\u0000", "\u0007", "\u001B", "\uD800", "\uDC00", "😀", "\uFFFF", "é", "\n", "<g onload=x>", new string('x', 300)];
        return string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => parts[random.Next(parts.Length)])) + "z";
    }));

    // Hostile names and descriptions still give well-formed XML with no injected element and the text preserved.
    [Property(Arbitrary = [typeof(RenderingTests)], MaxTest = 200)]
    public bool JourneyMap_EscapesEveryUserText(string hostile)
    {
        // Maps refuse text that is not valid Unicode (HostileInputTests); every other character must be escaped.
        hostile = new string([.. hostile.Select(c => char.IsSurrogate(c) ? '\uFFFD' : c)]);
        var map = JourneyMap.CreateBuilder("m", hostile)
            .AddStage("s1", hostile, goal: hostile)
            .AddChannel("c", hostile)
            .AddTouchpoint("t", hostile, "s1", "c", description: hostile, emotion: Emotion.From(1))
            .AddTouchpoint("u", "Second", "s1", "c", emotion: Emotion.From(-1))
            .AddPainPoint("p", hostile, stageId: "s1")
            .AddOpportunity("o", hostile, ["p"])
            .Build();
        var doc = XDocument.Parse(JourneyMapRenderer.RenderSvg(map));
        var allowed = new HashSet<string> { "svg", "title", "desc", "rect", "text", "tspan", "g", "line", "polyline", "circle" };
        return doc.Descendants().All(e => allowed.Contains(e.Name.LocalName) && e.Attributes().All(a => !a.Name.LocalName.StartsWith("on", StringComparison.Ordinal))) &&
               doc.Root!.Element(Ns + "title")!.Value.Length > 0;
    }

    [Fact]
    public void LongNames_AreTruncatedWithEllipsisAndKeptInTitle()
    {
        string longName = new string('a', 120);
        var map = JourneyMap.CreateBuilder("m", "M").AddStage("s", longName).Build();
        var doc = XDocument.Parse(JourneyMapRenderer.RenderSvg(map));
        var text = WithClass(doc, "g", "stage").Single().Elements(Ns + "text").First();
        var lines = text.Elements(Ns + "tspan").Select(t => t.Value).ToList();
        Assert.Equal(2, lines.Count);                                   // a word wider than the column is cut, then shortened
        Assert.EndsWith("…", lines[^1], StringComparison.Ordinal);
        Assert.Equal(longName, text.Element(Ns + "title")!.Value);
    }

    [Fact]
    public void Charts_AreWellFormedWithExpectedElements()
    {
        var log = PathTestLogs.Letters();
        var analyzer = new PathAnalyzer();
        var sankey = XDocument.Parse(Charts.Sankey(analyzer.Flows(log, "A", FlowDirection.Forward, 2, 1)));
        Assert.Equal(6, WithClass(sankey, "g", "sankey-node").Count());
        Assert.Equal(5, WithClass(sankey, "path", "sankey-link").Count());

        var funnel = XDocument.Parse(Charts.Funnel(analyzer.Funnel(log, new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B")))));
        Assert.Equal(2, WithClass(funnel, "g", "funnel-step").Count());

        var km = XDocument.Parse(Charts.Survival(KaplanMeier.Fit([new(1, true), new(2, false), new(3, true)])));
        Assert.Single(WithClass(km, "polygon", "confidence-band"));
        Assert.Single(WithClass(km, "polyline", "survival-curve"));

        var chain = MarkovChain.FromProbabilities(["a", "b"], new double[,] { { 0.5, 0.5 }, { 0, 1 } });
        Assert.Equal(4, WithClass(XDocument.Parse(Charts.Heatmap(chain)), "rect", "heat-cell").Count());
    }

    [Fact]
    public void Dot_KnownGraph()
    {
        var dot = Charts.ToDot(new PathAnalyzer().DirectlyFollows(PathTestLogs.Letters()));
        Assert.StartsWith("digraph journeys {", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
        Assert.Contains("  n0 [label=\"A\"];", dot, StringComparison.Ordinal);
        Assert.Contains("  n0 -> n1 [label=\"2\"];", dot, StringComparison.Ordinal);   // A → B twice
        Assert.Contains("  start -> n0 [label=\"3\"];", dot, StringComparison.Ordinal);
        Assert.Contains("  n2 -> end [label=\"3\"];", dot, StringComparison.Ordinal);  // C ends three journeys
        Assert.Equal(dot.Count(c => c == '{'), dot.Count(c => c == '}'));
    }

    [Fact]
    public void Dot_And_Mermaid_EscapeLabels()
    {
        var log = new EventLogBuilder()
            .Add("c", PathTestLogs.T0, "say \"hi\" \\ <b>")
            .Add("c", PathTestLogs.T0.AddMinutes(1), "a|b#c\nd")
            .Build();
        var dfg = new PathAnalyzer().DirectlyFollows(log);
        var dot = Charts.ToDot(dfg);
        Assert.Contains("label=\"say \\\"hi\\\" \\\\ <b>\"", dot, StringComparison.Ordinal);
        Assert.Contains("label=\"a|b#c\\nd\"", dot, StringComparison.Ordinal);
        var mermaid = Charts.ToMermaid(dfg);
        Assert.StartsWith("flowchart LR\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("n0[\"say #quot;hi#quot; \\ #lt;b#gt;\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("n1[\"a#124;b#35;c d\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("  n0 -->|1| n1", mermaid, StringComparison.Ordinal);
        // Every line is a node, an edge or the header: no raw quote inside a label.
        Assert.All(mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.True(line.Count(ch => ch == '"') is 0 or 2, line));
    }

    [Fact]
    public void HtmlReport_IsSelfContainedDeterministicAndNamesTheStages()
    {
        var map = SampleMaps.ECommerce();
        var log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 400, Seed = 5 }).Generate();
        string html = HtmlReport.Build(map, log);
        Assert.Equal(html, HtmlReport.Build(map, log));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.All(map.Stages, s => Assert.Contains(s.Name, html, StringComparison.Ordinal));
        Assert.Contains("Which channels earn the conversions", html, StringComparison.Ordinal);
        // Another map: the log is resolved through it (the same touchpoints here, so the same report); a map that lacks
        // one of the log's touchpoints is refused, naming it.
        Assert.Equal(html, HtmlReport.Build(SampleMaps.ECommerce(), log));
        var lacking = JourneyMap.CreateBuilder("lacking", "Lacking").AddStage("s", "S").AddChannel("web", "Web", ChannelKind.Web).AddTouchpoint("home", "Home", "s", "web").Build();
        Assert.Contains("Unknown touchpoint", Assert.ThrowsAny<ArgumentException>(() => HtmlReport.Build(lacking, log)).Message, StringComparison.OrdinalIgnoreCase);
        // The map alone: its drawing, exactly as the renderer draws it, and none of the sections that need events.
        string mapOnly = HtmlReport.Build(map);
        Assert.Contains(JourneyMapRenderer.RenderSvg(map), mapOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Which channels earn the conversions", mapOnly, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlReport_TimeToConversion_CensorsNonConvertersAtTheEndOfTheData()
    {
        // a converts after a day; b and c stop after 12 hours without converting; d's only event marks the end of the
        // data at day 10. Censoring b and c at day 10 leaves S(1 day) = 2/3, so the median is not reached; censoring them
        // at their last event would leave only a at risk and drop the curve to 0.
        var map = SampleMaps.ECommerce();
        var t = PathTestLogs.T0;
        var log = new EventLogBuilder(map)
            .Add("a", t, "ad").Add(new JourneyEvent("a", t.AddDays(1), "checkout") { Outcome = EventOutcome.Conversion })
            .Add("b", t, "ad").Add("b", t.AddHours(12), "compare")
            .Add("c", t, "ad").Add("c", t.AddHours(12), "compare")
            .Add("d", t.AddDays(10), "ad")
            .Build();
        var html = HtmlReport.Build(map, log);
        int section = html.IndexOf("Share of journeys not yet converted", StringComparison.Ordinal);
        Assert.True(section > 0);
        Assert.Contains("median not reached", html[section..], StringComparison.Ordinal);
    }
}
