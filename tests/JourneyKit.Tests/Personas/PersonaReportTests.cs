using System.Xml.Linq;
using JourneyKit.Events;
using JourneyKit.Personas;
using JourneyKit.Rendering;

namespace JourneyKit.Tests.Personas;

public class PersonaReportTests
{
    [Fact]
    public void PersonaSteps_DrawsEachDistinctiveStep_AtOneScale()
    {
        var (log, _, _) = MixtureSimulation.Simulate(perChain: 100, seed: 2);
        var result = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Clusters = 3, Seed = 1 });
        string svg = Charts.PersonaSteps(result, 1);
        var steps = XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "persona-step").ToList();
        Assert.Equal(result.Personas[1].DistinctiveTransitions.Count, steps.Count);
        Assert.Contains(result.Personas[1].DistinctiveTransitions[0].ToString(), steps[0].Value, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.PersonaSteps(result, 3));
    }

    [Fact]
    public void HtmlReport_WithPersonas_HasACardPerPersona()
    {
        JourneyMap map = SampleMaps.ECommerce();
        EventLog log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 400, Seed = 5 }).Generate();
        var options = new HtmlReportOptions { Personas = new MarkovMixtureOptions { Clusters = 2, Level = PathLevel.Stage, Seed = 1 } };
        JourneyReportData data = JourneyReportData.Analyze(map, log, options);
        Assert.NotNull(data.Personas);
        string html = HtmlReport.Render(map, data, options);
        Assert.Equal(2, html.Split("class=\"card persona-card\"").Length - 1);
        Assert.Contains("Personas from behaviour (2 by choice, stage level)", html, StringComparison.Ordinal);
        Assert.Null(JourneyReportData.Analyze(map, log).Personas);
    }
}
