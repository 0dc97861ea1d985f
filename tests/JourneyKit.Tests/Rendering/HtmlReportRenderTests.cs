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
    public void Build_IsRenderOfAnalyze()
    {
        var log = PathTestLogs.Shop();
        var map = log.Map!;
        Assert.Equal(HtmlReport.Render(map, JourneyReportData.Analyze(map, log)), HtmlReport.Build(map, log));
        Assert.Contains("Stage transitions", HtmlReport.Build(map, log), StringComparison.Ordinal);
    }
}
