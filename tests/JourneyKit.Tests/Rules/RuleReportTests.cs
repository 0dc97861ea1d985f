using System.Xml.Linq;
using JourneyKit.Events;
using JourneyKit.Rendering;
using JourneyKit.Rules;
using static JourneyKit.Tests.Rules.RuleHarness;

namespace JourneyKit.Tests.Rules;

public class RuleReportTests
{
    [Fact]
    public void RuleFirings_DrawsOneBarPerDayWithFirings_AndEscapesTheName()
    {
        // Day 0: two firings (one recovered); day 3: one firing; one pending.
        var rule = JourneyRule.Named("<b>cart</b>").When("add").NotFollowedBy("buy", TimeSpan.FromHours(1));
        var log = new EventLogBuilder()
            .Add("a", H(0), "add").Add("b", H(1), "add").Add("b", H(5), "buy")
            .Add("c", H(72), "add").Add("d", H(99.5), "add")
            .Build();
        RuleEvaluation result = new RuleEngine([rule]).Evaluate(log, H(100));
        Assert.Equal((3, 1, 1), (result.Fired.Count, result.RecoveredAnyway.Count, result.Pending.Count));

        string svg = Charts.RuleFirings(result, "<b>cart</b>");
        XDocument doc = XDocument.Parse(svg);
        var bars = doc.Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "rule-bar").ToList();
        Assert.Equal(2, bars.Count);
        Assert.Contains("2 fired, 1 recovered anyway", bars[0].Value, StringComparison.Ordinal);
        Assert.Contains("1 fired, 0 recovered anyway", bars[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.Contains("1 pending", svg, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => Charts.RuleFirings(result, "other"));
    }

    [Fact]
    public void HtmlReport_WithRules_HasASectionPerRule()
    {
        JourneyMap map = SampleMaps.ECommerce();
        EventLog log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 300, Seed = 3 }).Generate();
        JourneyRule[] rules =
        [
            JourneyRule.Named("checkout-unconfirmed").When("checkout").NotFollowedBy("confirmation", TimeSpan.FromHours(12)),
            JourneyRule.Named("stuck").Stalled("consideration", TimeSpan.FromDays(2)),
        ];
        var data = JourneyReportData.Analyze(map, log, new HtmlReportOptions { Rules = rules });
        Assert.NotNull(data.Rules);
        Assert.Equal(new RuleEngine(rules).Evaluate(log, data.Rules.AsOf).Summaries, data.Rules.Summaries);
        Assert.Equal(log.UtcTicks.ToArray().Max(), data.Rules.AsOf.UtcTicks);

        string html = HtmlReport.Render(map, data);
        Assert.Contains("Journey rules, back-tested", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<title>Firings of rule").Length - 1);
        Assert.Null(JourneyReportData.Analyze(map, log).Rules);
    }
}
