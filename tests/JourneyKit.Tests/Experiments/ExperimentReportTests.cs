using JourneyKit.Events;
using JourneyKit.Experiments;
using JourneyKit.Rendering;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Experiments;

public sealed class ExperimentReportTests
{
    /// <summary>A split that says it holds out 10 % but holds out half: what a broken assignment looks like.</summary>
    private sealed class BrokenSplit : IHoldoutAssignment
    {
        public string Key => "<script>broken</script>";

        public double ControlShare => 0.1;

        public bool IsInExperiment(string customerId) => true;

        public bool IsControl(string customerId) => customerId.GetHashCode(StringComparison.Ordinal) % 2 == 0;
    }

    [Fact]
    public void HtmlReport_HasAnExperimentsSectionPerHoldoutRule_WithTheSrmWarning_AndEscapesNames()
    {
        JourneyMap map = SampleMaps.ECommerce();
        EventLog log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 2000, Seed = 5 }).Generate();
        JourneyRule[] rules =
        [
            JourneyRule.Named("checkout-unconfirmed").When("checkout").NotFollowedBy("confirmation", TimeSpan.FromHours(12)).WithHoldout(new HoldoutSplit("checkout-nudge", 0.5)),
            JourneyRule.Named("<i>stuck</i>").Stalled("consideration", TimeSpan.FromDays(2)).WithHoldout(new BrokenSplit()),
            JourneyRule.Named("plain").When("checkout"),
        ];
        var data = JourneyReportData.Analyze(map, log, new HtmlReportOptions { Rules = rules });
        Assert.NotNull(data.Experiments);
        Assert.Equal(["checkout-unconfirmed", "<i>stuck</i>"], data.Experiments.Select(e => e.RuleName));
        RuleUpliftResult direct = RuleUplift.Measure(log, data.Rules!, "checkout-unconfirmed");
        Assert.Equal((direct.Treatment, direct.Control), (data.Experiments[0].Treatment, data.Experiments[0].Control));
        Assert.False(data.Experiments[0].HasSampleRatioMismatch);
        Assert.True(data.Experiments[1].HasSampleRatioMismatch, data.Experiments[1].ToString());

        string html = HtmlReport.Render(map, data);
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains(">Experiments<", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("Sample ratio mismatch").Length - 1);
        Assert.DoesNotContain("<script>broken", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>stuck</i>", html, StringComparison.Ordinal);
        Assert.Contains("control (held out)", html, StringComparison.Ordinal);
        Assert.Null(JourneyReportData.Analyze(map, log, new HtmlReportOptions { Rules = [rules[2]] }).Experiments);
    }
}
