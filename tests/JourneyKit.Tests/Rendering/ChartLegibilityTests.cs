using FsCheck;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Rendering;

namespace JourneyKit.Tests.Rendering;

/// <summary>Charts that explain themselves: names for screen readers, readable ticks, legends and headers.</summary>
public partial class ChartLegibilityTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    [Fact]
    public void EveryChartInTheReport_IsAnImageWithItsOwnName_AndNoIdIsRepeated()
    {
        var map = SampleMaps.ECommerce();
        var log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 400, Seed = 4 }).Generate();
        string html = HtmlReport.Build(map, log);
        var svgs = SvgOpenTag().Matches(html);
        Assert.True(svgs.Count >= 5, $"{svgs.Count} charts");
        var names = new List<string>();
        foreach (Match svg in svgs)
        {
            Assert.Contains("role=\"img\"", svg.Value, StringComparison.Ordinal);
            string name = AriaLabel().Match(svg.Value).Groups[1].Value;
            Assert.False(string.IsNullOrWhiteSpace(name), svg.Value);
            names.Add(name);

            // The title child says the same.
            int start = svg.Index + svg.Length;
            Assert.StartsWith($"<title>{name}</title>", html[start..], StringComparison.Ordinal);
        }

        Assert.Contains("Transition probabilities", names);
        Assert.Contains("Funnel", names);
        Assert.Contains("Journey map: " + map.Name, names);
        var ids = IdAttribute().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryColourThatCarriesMeaning_Keeps3To1ContrastAgainstWhite()
    {
        // Backgrounds, grid lines, frames and text on dark headers are decoration; every other fill and stroke in the
        // report's charts is a mark a reader must see (WCAG 1.4.11).
        var map = SampleMaps.ECommerce();
        var log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 400, Seed = 4 }).Generate();
        string html = HtmlReport.Build(map, log);
        var decoration = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "#ffffff", "#f5f6fa", "#fbfbfd", "#ecf0f1", "#dfe6e9", "#bdc3c7", "#95a5a6" };
        var colours = Colour().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Where(c => !decoration.Contains(c)).ToList();
        Assert.True(colours.Count >= 10, string.Join(" ", colours));
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                double c = int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
        }

        Assert.All(colours, c => Assert.True(1.05 / (Luminance(c) + 0.05) >= 3, $"{c}: contrast {1.05 / (Luminance(c) + 0.05):F2}:1 against white"));
    }

    [Property(MaxTest = 200)]
    public bool SurvivalTicks_AreNiceSteps_FromZeroPastTheLastTime(FsCheck.PositiveInt scaled, bool inDays)
    {
        double last = scaled.Get / 7.0;
        var curve = KaplanMeier.Fit([new(last / 3, true), new(last, false)]);
        var svg = XDocument.Parse(Charts.Survival(curve, "S", inDays ? "days" : "weeks"));
        var ticks = svg.Descendants(SvgNs + "text").Where(t => (string?)t.Attribute("class") == "x-tick")
            .Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();
        double step = ticks[1] - ticks[0];
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(step)));
        double fraction = Math.Round(step / magnitude, 6);
        bool nice = fraction is 1 or 2 or 5 || (inDays && step is 7 or 14 or 28);
        bool evenlySpaced = ticks.Zip(ticks.Skip(1)).All(p => Math.Abs(p.Second - p.First - step) < 1e-6 * Math.Max(1, step));
        return ticks[0] == 0 && ticks[^1] >= last - 1e-9 && ticks.Count is >= 2 and <= 12 && nice && evenlySpaced &&
               (!inDays || last < 1 || step >= 1);
    }

    [Fact]
    public void AHostileTwentyThousandCharacterWord_IsCutToItsLineLimit_AndKeptWholeInTheTitle()
    {
        string word = new('W', 20_000);
        var map = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddPainPoint("p", word, stageId: "s").Build();
        var doc = XDocument.Parse(JourneyMapRenderer.RenderSvg(map));
        var text = doc.Descendants(SvgNs + "text").Single(t => (string?)t.Attribute("class") == "pain-text");
        var lines = text.Elements(SvgNs + "tspan").Select(t => t.Value).ToList();
        Assert.Equal(4, lines.Count);
        Assert.EndsWith("…", lines[^1], StringComparison.Ordinal);
        Assert.Equal(word, text.Element(SvgNs + "title")!.Value);

        // Each line fits the pain text box of a 210-pixel column, 180 px (W is 0.944 em; the ellipsis 1 em) at 11 px.
        Assert.All(lines, l => Assert.True((l.Count(c => c == 'W') * 0.944 * 11) + (l.EndsWith('…') ? 11 : 0) <= 180 + 0.01, l));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.DirectlyFollows(DirectlyFollowsGraph.Empty, maxEdges: 301));
    }

    [Fact]
    public void Heatmap_HasAColourLegendAndAxisTitles()
    {
        var chain = MarkovChain.Fit([["a", "b", "c"], ["a", "c"], ["b", "a"]]);
        string svg = Charts.Heatmap(chain);
        Assert.Contains("class=\"heat-legend\"", svg, StringComparison.Ordinal);
        Assert.Contains(">from (current step)<", svg, StringComparison.Ordinal);
        Assert.Contains(">to (next step)<", svg, StringComparison.Ordinal);
        XDocument.Parse(svg);
    }

    [Fact]
    public void Sankey_GivesEveryStepItsOwnColour_AndEveryColumnAHeader()
    {
        var events = new List<JourneyEvent>();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] steps = ["awareness", "consideration", "purchase", "retention", "advocacy", "support", "refund"];
        for (int c = 0; c < 40; c++)
        {
            events.Add(new JourneyEvent($"c{c}", t0, "awareness"));
            for (int i = 1; i <= 3; i++)
            {
                events.Add(new JourneyEvent($"c{c}", t0.AddHours(i), steps[(c + i) % steps.Length]));
            }
        }

        var log = new EventLogBuilder().AddRange(events).Build();
        var flow = new PathAnalyzer().Flows(log, "awareness", FlowDirection.Forward, depth: 3, topK: 7);
        var svg = XDocument.Parse(Charts.Sankey(flow));
        var nodes = svg.Descendants(SvgNs + "g").Where(g => (string?)g.Attribute("class") == "sankey-node")
            .Select(g => (Name: g.Element(SvgNs + "title")!.Value.Split(':')[0], Fill: (string)g.Element(SvgNs + "rect")!.Attribute("fill")!))
            .ToList();
        var byName = nodes.GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.Select(n => n.Fill).Distinct().Single());
        Assert.Equal(byName.Count, byName.Values.Distinct().Count());
        Assert.Equal(["awareness", "step +1", "step +2", "step +3"],
            svg.Descendants(SvgNs + "text").Where(t => (string?)t.Attribute("class") == "sankey-header").Select(t => t.Value));
    }

    [Fact]
    public void MapText_AWordWiderThanItsCard_IsBrokenAcrossLines_NotDrawnPastTheEdge()
    {
        // Found by the property below (CI seed 18319340263587394169,12266344294992544595): twelve letters, six of them wide
        // capitals, are about 100.3 px at 12 px — wider than a 140 px stage's 100 px card.
        var map = JourneyMap.CreateBuilder("m", "M").AddStage("s1", "Stage").AddChannel("c", "Web").AddTouchpoint("t", "OWGaQaaAONaY", "s1", "c").Build();
        var doc = XDocument.Parse(JourneyMapRenderer.RenderSvg(map, new JourneyMapRenderOptions { StageWidth = 140 }));
        var name = doc.Descendants(SvgNs + "text").Single(t => (string?)t.Attribute("class") == "touchpoint-name");
        var lines = name.Elements(SvgNs + "tspan").Select(t => t.Value).ToList();
        Assert.True(lines.Count > 1);
        Assert.Equal("OWGaQaaAONaY", string.Concat(lines));
        Assert.Null(name.Element(SvgNs + "title"));
    }

    [Property(MaxTest = 150)]
    public bool MapText_IsWrappedToItsColumn_WithoutLosingAWord(FsCheck.NonEmptyArray<FsCheck.NonEmptyString> raw, bool narrow)
    {
        // Words of up to 12 letters: every word is shown, in order, unless the text runs past its line limit, where it ends
        // in an ellipsis and the whole text is in the title. A word wider than its box (twelve wide capitals such as
        // "OWGaQaaAONaY" on a narrow card) is broken across lines rather than drawn past the edge; only then may a line
        // break fall inside a word.
        var words = raw.Get.Select(w => new string([.. w.Get.Where(char.IsAsciiLetterOrDigit).Take(12)])).Where(w => w.Length > 0).ToList();
        if (words.Count == 0)
        {
            return true;
        }

        string text = string.Join(" ", words);
        var map = JourneyMap.CreateBuilder("m", "M")
            .AddStage("s1", "Stage", goal: text)
            .AddChannel("c", "Web")
            .AddTouchpoint("t", text, "s1", "c")
            .AddPainPoint("p", text, touchpointId: "t")
            .Build();
        double stageWidth = narrow ? 140 : 260;
        var doc = XDocument.Parse(JourneyMapRenderer.RenderSvg(map, new JourneyMapRenderOptions { StageWidth = stageWidth }));
        foreach (string cls in (string[])["stage-goal", "touchpoint-name", "pain-text"])
        {
            var element = doc.Descendants(SvgNs + "text").Single(t => (string?)t.Attribute("class") == cls);
            var lines = element.Elements(SvgNs + "tspan").Select(t => t.Value).ToList();
            string shown = string.Join(" ", lines).Replace("★ ", "", StringComparison.Ordinal);
            bool truncated = element.Element(SvgNs + "title") is not null;
            double size = double.Parse((string)element.Attribute("font-size")!, CultureInfo.InvariantCulture);
            double box = cls switch { "touchpoint-name" => stageWidth - 40, "stage-goal" => stageWidth - 20, _ => stageWidth - 30 };
            bool wordMayNotFit = words.Any(w => WidthUpperBound(w, size) > box);
            string kept = truncated ? shown.TrimEnd('…').TrimEnd() : shown;
            bool inOrder = truncated ? text.StartsWith(kept, StringComparison.Ordinal) : kept == text;
            if (!inOrder && !(wordMayNotFit && (truncated ? Letters(text).StartsWith(Letters(kept), StringComparison.Ordinal) : Letters(kept) == Letters(text))))
            {
                return false;
            }

            if (truncated && !lines[^1].EndsWith('…'))
            {
                return false;
            }

            // Each line fits its box at the declared font's published widths (12 px cards, 11 px goals and pain points).
            if (lines.Any(l => l.Length * 0.3 * size > box && l.Length > 1 && WidthUpperBound(l, size) > box))
            {
                return false;
            }
        }

        return true;
    }

    // Letters and digits are at most 0.833 em wide in the declared face (m, M at 833; W 944 is not among ASCII lower/digits
    // but may be among upper case), so this bounds a line's drawn width from above.
    private static string Letters(string text) => new([.. text.Where(char.IsAsciiLetterOrDigit)]);

    private static double WidthUpperBound(string line, double size) => line.Sum(c => c is 'W' ? 0.944 : c is '…' ? 1.0 : 0.833) * size;

    [Property(MaxTest = 120)]
    public bool DirectlyFollowsDrawing_HasNoOverlappingNodes_EdgesEndOnTheirNodes_AndIsDeterministic(DoNotSize<int> unsized, byte steps)
    {
        int seed = unsized.Item; // a sized int gives only a few hundred distinct seeds
        var random = new Random(seed);
        int touchpoints = 2 + (steps % 9);
        var events = new List<JourneyEvent>();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int c = 0; c < 30; c++)
        {
            for (int i = 0, length = random.Next(1, 9); i < length; i++)
            {
                events.Add(new JourneyEvent($"c{c}", t0.AddMinutes((c * 100) + (i * random.Next(1, 30))), $"step {random.Next(touchpoints)}"));
            }
        }

        var dfg = new PathAnalyzer().DirectlyFollows(new EventLogBuilder().AddRange(events).Build());
        string text = Charts.DirectlyFollows(dfg);
        if (text != Charts.DirectlyFollows(dfg))
        {
            return false;
        }

        var svg = XDocument.Parse(text);
        var boxes = svg.Descendants(SvgNs + "g").Where(g => ((string?)g.Attribute("class"))?.StartsWith("dfg-node", StringComparison.Ordinal) == true)
            .ToDictionary(g => (string)g.Attribute("data-id")!, g =>
            {
                var r = g.Element(SvgNs + "rect")!;
                double At(string a) => double.Parse((string)r.Attribute(a)!, CultureInfo.InvariantCulture);
                return (X: At("x"), Y: At("y"), W: At("width"), H: At("height"));
            });
        var list = boxes.Values.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            for (int j = i + 1; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if (a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H)
                {
                    return false;
                }
            }
        }

        static bool OnBoundary((double X, double Y, double W, double H) box, (double X, double Y) p) =>
            p.X >= box.X - 0.5 && p.X <= box.X + box.W + 0.5 && p.Y >= box.Y - 0.5 && p.Y <= box.Y + box.H + 0.5 &&
            (Math.Abs(p.X - box.X) < 0.5 || Math.Abs(p.X - box.X - box.W) < 0.5 || Math.Abs(p.Y - box.Y) < 0.5 || Math.Abs(p.Y - box.Y - box.H) < 0.5);
        var edges = svg.Descendants(SvgNs + "path").Where(p => ((string?)p.Attribute("class"))?.StartsWith("dfg-", StringComparison.Ordinal) == true).ToList();
        foreach (var path in edges)
        {
            var numbers = Numbers().Matches((string)path.Attribute("d")!).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
            var first = (numbers[0], numbers[1]);
            var last = (numbers[^2], numbers[^1]);
            string from = (string)path.Attribute("data-from")!;
            string to = (string?)path.Attribute("data-to") ?? from;
            if (!OnBoundary(boxes[from], first) || !OnBoundary(boxes[to], last))
            {
                return false;
            }
        }

        // Every step is drawn (at most 9 here), and the edges up to the default limit of 60, which the drawing states.
        bool cut = dfg.Edges.Count > 60;
        return boxes.Count == dfg.Nodes.Count + 2 &&
               edges.Count == Math.Min(dfg.Edges.Count, 60) + dfg.StartCounts.Count + dfg.EndCounts.Count &&
               text.Contains(" of " + dfg.Edges.Count.ToString("N0", CultureInfo.InvariantCulture) + " edges", StringComparison.Ordinal) == cut;
    }

    [GeneratedRegex("-?[0-9]+(?:\\.[0-9]+)?")]
    private static partial Regex Numbers();

    [GeneratedRegex("(?:fill|stroke|stop-color)=\"(#[0-9a-fA-F]{6})\"")]
    private static partial Regex Colour();

    [GeneratedRegex("<svg [^>]*>")]
    private static partial Regex SvgOpenTag();

    [GeneratedRegex("aria-label=\"([^\"]*)\"")]
    private static partial Regex AriaLabel();

    [GeneratedRegex(" id=\"([^\"]*)\"")]
    private static partial Regex IdAttribute();
}
