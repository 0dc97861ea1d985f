using System.Xml.Linq;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Events;
using JourneyKit.Rendering;

namespace JourneyKit.Tests.Hostile;

/// <summary>Pictures and calculators under hostile input: bounded output, escaped text, honest errors.</summary>
public class RenderingAndMetricsHostileTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static MarkovChain Chain(int states)
    {
        var rng = new Random(7);
        var sequences = Enumerable.Range(0, 400).Select(_ =>
            (IReadOnlyList<string>)[.. Enumerable.Range(0, 30).Select(_ => "s" + rng.Next(states))]).ToList();
        return MarkovChain.Fit(sequences);
    }

    [Fact]
    public void Heatmap_OfALargeChain_IsCappedAndSaysSo()
    {
        var chain = Chain(2_000);
        string svg = Charts.Heatmap(chain);
        Assert.True(svg.Length < 2_000_000, $"{svg.Length:N0} characters");
        var doc = XDocument.Parse(svg);
        Assert.Equal(31 * 31, doc.Descendants(Ns + "rect").Count(r => (string?)r.Attribute("class") == "heat-cell"));
        Assert.Contains("merged into (other)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Heatmap_OutputGrowsNoFasterThanTheChain()
    {
        // Bounded output: 10× the states draw the same number of cells.
        int Cells(int n) => XDocument.Parse(Charts.Heatmap(Chain(n), maxStates: 20)).Descendants(Ns + "rect").Count();
        Assert.Equal(Cells(200), Cells(2_000));
    }

    [Fact]
    public void StageWidthNaN_IsRefused()
    {
        var map = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").Build();
        Assert.Throws<InvalidOptionsException>(() => JourneyMapRenderer.RenderSvg(map, new JourneyMapRenderOptions { StageWidth = double.NaN }));
    }

    [Fact]
    public void DotAndMermaid_KeepEntityLookingTextLiterally_AndDropBidiControls()
    {
        var log = new EventLogBuilder()
            .Add("c1", DateTimeOffset.UnixEpoch, "&quot;x")
            .Add("c1", DateTimeOffset.UnixEpoch.AddMinutes(1), "evil\u202Etxt.exe")
            .Build();
        var dfg = new PathAnalyzer().DirectlyFollows(log);
        string dot = Charts.ToDot(dfg);
        Assert.Contains("label=\"&quot;x\"", dot, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", dot, StringComparison.Ordinal);
        string mermaid = Charts.ToMermaid(dfg);
        Assert.Contains("#amp;quot;x", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", mermaid, StringComparison.Ordinal);
        var svgMap = JourneyMap.CreateBuilder("m", "M\u202Egnp.exe").AddStage("s", "S").Build();
        Assert.DoesNotContain("\u202E", JourneyMapRenderer.RenderSvg(svgMap), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(11.0)]
    [InlineData(-1.0)]
    public void Nps_FromScores_NamesTheRealRating(double rating)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.FromScores([9, rating]));
        Assert.Equal(rating, ex.ActualValue);
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nps_FromCounts_Overflow_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.FromCounts(long.MaxValue, 1, 1));
    }

    [Fact]
    public void Nps_AdjustedWald_ContainsTheScore_ForOneResponse()
    {
        foreach (var result in new[] { NetPromoterScore.FromCounts(1, 0, 0), NetPromoterScore.FromCounts(0, 0, 1), NetPromoterScore.FromCounts(2, 0, 0) })
        {
            var (lower, upper) = result.ConfidenceInterval();
            Assert.InRange(result.Score, lower, upper);
        }
    }
}
