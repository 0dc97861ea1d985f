using JourneyKit.Events;
using JourneyKit.Paths;
using JourneyKit.Rendering;
using JourneyKit.Tests.Paths;

namespace JourneyKit.Tests.Rendering;

/// <summary>The report renders results it is given; Build is Render of Analyze.</summary>
public class HtmlReportRenderTests
{
    [Fact]
    public void Render_ShowsOnlyTheSectionsItIsGiven()
    {
        var map = SampleMaps.ECommerce();
        var log = PathTestLogs.Shop();
        var funnel = new PathAnalyzer().AtLevel(PathLevel.Stage).Funnel(log, new FunnelDefinition(FunnelStep.Stage("awareness"), FunnelStep.Stage("purchase")));
        string html = HtmlReport.Render(map, new JourneyReportData { Customers = log.CustomerCount, Events = log.EventCount, Funnel = funnel });
        Assert.Contains("Funnel through the designed stages", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Stage transitions", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Which channels earn the conversions", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsAPersonaCard_WithGoalsNeedsAndFrustrations_Escaped()
    {
        var map = JourneyMap.CreateBuilder("m", "M")
            .AddPersona("p", "Sam <the buyer>", segment: "b2b", goals: ["Close the deal"], needs: ["Clear pricing & terms"], frustrations: ["Slow \"quotes\""])
            .AddStage("s", "Stage")
            .Build();
        string html = HtmlReport.Render(map, new JourneyReportData());
        Assert.Contains("<div class=\"card persona\"><h3>Sam &lt;the buyer&gt;</h3>", html, StringComparison.Ordinal);
        Assert.Contains("Segment: b2b", html, StringComparison.Ordinal);
        Assert.Contains("<li>Close the deal</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Clear pricing &amp; terms</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Slow &quot;quotes&quot;</li>", html, StringComparison.Ordinal);
        Assert.Contains("<b>Frustrations</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_IsRenderOfAnalyze()
    {
        var log = PathTestLogs.Shop();
        var map = log.Map!;
        Assert.Equal(HtmlReport.Render(map, JourneyReportData.Analyze(map, log)), HtmlReport.Build(map, log));
        Assert.Contains("Stage transitions", HtmlReport.Build(map, log), StringComparison.Ordinal);
    }
}
