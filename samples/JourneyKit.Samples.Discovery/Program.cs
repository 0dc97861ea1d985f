// JourneyKit discovery sample: start from the data a team has. Reads an event export (CSV: a customer or case id, a
// timestamp and a touchpoint or activity per row), discovers a draft journey map from the events alone, prints how
// each choice was made and the representative journeys, and writes the HTML report drawn on the draft.
// Run with: dotnet run --project samples/JourneyKit.Samples.Discovery -- events.csv report.html [customer column] [touchpoint column]
// With no file it discovers the map of a synthetic export.
using JourneyKit;
using JourneyKit.Discovery;
using JourneyKit.Events;
using JourneyKit.Rendering;
using JourneyKit.Serialization;

EventLog log;
if (args.Length > 0)
{
    var options = new IngestOptions { Columns = new EventColumns { CustomerId = args.Length > 2 ? args[2] : "case_id", Touchpoint = args.Length > 3 ? args[3] : "activity" } };
    var builder = new EventLogBuilder();
    IngestReport read = EventReader.ReadCsvFile(args[0], builder, options);
    Console.WriteLine($"Read {args[0]}: {read}");
    log = builder.Build();
}
else
{
    var map = JourneyMap.CreateBuilder("shop", "Shop").AddStages(JourneyTemplates.FiveStage).AddChannel("web", "Web", ChannelKind.Web)
        .AddTouchpoint("ad", "Ad", "awareness", "web").AddTouchpoint("reviews", "Reviews", "consideration", "web")
        .AddTouchpoint("cart", "Cart", "purchase", "web").AddTouchpoint("mail", "Mail", "retention", "web").AddTouchpoint("referral", "Referral", "advocacy", "web").Build();
    var export = new StringWriter();
    EventCsvWriter.Write(new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 2000, Seed = 4 }).Generate(), export);
    var builder = new EventLogBuilder();   // the export read back without its map, as a CRM team has it
    EventReader.ReadCsv(new StringReader(export.ToString()), builder);
    log = builder.Build();
}

MapDiscoveryResult draft = MapDiscovery.Discover(log);
Console.WriteLine(draft);
Console.WriteLine(draft.StageChoice);
foreach (DiscoveredStage stage in draft.Stages)
{
    Console.WriteLine($"  {stage}");
}

foreach (PainPoint pain in draft.Map.PainPoints)
{
    Console.WriteLine($"  pain point ({pain.Severity}): {pain.Description}");
}

Console.WriteLine("Representative journeys:");
foreach (RepresentativeJourney journey in MapDiscovery.RepresentativeJourneys(log, 5))
{
    Console.WriteLine($"  {journey}");
}

string reportPath = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "journeykit-discovered.html"));
File.WriteAllText(reportPath, HtmlReport.Build(draft.Map, log, new HtmlReportOptions { Notice = "This journey map was discovered from the events, not drawn by hand. " + draft.StageChoice }));
File.WriteAllText(Path.ChangeExtension(reportPath, ".json"), JourneyMapSerializer.Default.Serialize(draft.Map));
Console.WriteLine($"HTML report: {reportPath} (the draft map as JSON beside it, to edit and commit)");
