// A host application (a CRM back end, say) that registers JourneyKit once, streams customer events in from a feed,
// and answers journey questions for a customer segment through DI-resolved services — with progress and cancellation.
// Run with: dotnet run --project samples/JourneyKit.Samples.CrmIntegration   (Ctrl+C cancels the import)
using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit;
using JourneyKit.DependencyInjection;
using JourneyKit.Events;
using JourneyKit.Paths;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddJourneyKit(options => options.PathAnalysis = new PathAnalyzerOptions
{
    Level = PathLevel.Stage,
    CollapseRepeats = true,
    MaxDegreeOfParallelism = Environment.ProcessorCount,
});
builder.Services.AddSingleton(CrmJourney.Map);
builder.Services.AddSingleton<ICrmEventFeed, SimulatedCrmFeed>();
builder.Services.AddSingleton<JourneyAnalyticsService>();
using IHost host = builder.Build();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var analytics = host.Services.GetRequiredService<JourneyAnalyticsService>();
var progress = new Progress<IngestProgress>(p => Console.WriteLine($"  … {p.RowsRead:N0} events streamed, {p.RowsRejected:N0} rejected"));
try
{
    IngestReport report = await analytics.ImportAsync(progress, cancellation.Token);
    Console.WriteLine($"Import: {report}");
    foreach (RejectedRow row in report.Rejections.Take(3))
    {
        Console.WriteLine($"  rejected {row}");
    }

    var (contacts, contactReport) = analytics.ImportContacts();
    Console.WriteLine($"Contacts: {contactReport}");
    foreach (RejectedRow row in contactReport.Rejections.Take(3))
    {
        Console.WriteLine($"  rejected {row}");
    }

    AttributeCoverage coverage = analytics.Coverage(contacts);
    Console.WriteLine($"  {coverage.CustomersWithRow:N0} accounts with a contact row, {coverage.CustomersWithoutRow:N0} without (e.g. {string.Join(", ", coverage.SampleWithoutRow.Take(3))}); {coverage.RowsWithoutEvents:N0} rows without events");
    foreach (string segment in new[] { "smb", "enterprise" })
    {
        analytics.PrintSegment(contacts, segment);
    }

    // Rules that act while journeys happen: the same feed, in time order, through a hosted follow-up service.
    Console.WriteLine();
    Console.WriteLine("Live follow-ups (a hosted service on a channel; the host is stopped hard in mid-stream and restarted):");
    var stream = new List<JourneyEvent>();
    await foreach (JourneyEvent e in host.Services.GetRequiredService<ICrmEventFeed>().ReadAsync(cancellation.Token))
    {
        stream.Add(e);
    }

    await FollowUpDemo.RunAsync([.. stream.OrderBy(e => e.Timestamp)]);

    // The same rules across a cluster: a co-hosted Orleans silo, one grain per account.
    Console.WriteLine();
    Console.WriteLine("Live journeys on Orleans (a silo co-hosted in this process):");
    await ClusterDemo.RunAsync([.. stream.OrderBy(e => e.Timestamp)]);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Import cancelled; nothing half-loaded was analysed.");
    return 1;
}

return 0;

/// <summary>Where events come from: a CRM webhook queue, a Kafka topic, a warehouse cursor…</summary>
internal interface ICrmEventFeed
{
    IAsyncEnumerable<JourneyEvent> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The CRM's contact table as exported: one row per account (segment, plan, seats).</summary>
    TextReader ContactsExport();
}

/// <summary>Loads events into an immutable log and answers questions about it; resolved from DI, plain code inside.</summary>
internal sealed class JourneyAnalyticsService(JourneyMap map, ICrmEventFeed feed, PathAnalyzer analyzer)
{
    private EventLog? _log;

    public async Task<IngestReport> ImportAsync(IProgress<IngestProgress> progress, CancellationToken cancellationToken)
    {
        var builder = new EventLogBuilder(map);
        var report = await EventReader.ReadAsync(feed.ReadAsync(cancellationToken), builder, new IngestOptions { FeedbackMinimum = 0, FeedbackMaximum = 10 }, progress, cancellationToken);
        _log = builder.Build(cancellationToken);
        return report;
    }

    public Ingested<CustomerAttributes> ImportContacts() =>
        CustomerAttributes.ReadCsv(feed.ContactsExport(), new CustomerAttributeOptions { NumberColumns = ["seats"] });

    public AttributeCoverage Coverage(CustomerAttributes contacts) => contacts.Coverage(_log ?? throw new InvalidOperationException("Import events first."));

    public void PrintSegment(CustomerAttributes contacts, string segment)
    {
        var log = _log ?? throw new InvalidOperationException("Import events first.");
        var segmentAnalyzer = new PathAnalyzer(analyzer.Options with { Filter = JourneyFilter.All.WithAttribute(contacts, "segment", segment) });
        var funnel = segmentAnalyzer.Funnel(log, new FunnelDefinition(map.Stages.Select(s => FunnelStep.Stage(s.Id)).ToList()));
        var top = segmentAnalyzer.Variants(log, 3);
        var durations = segmentAnalyzer.JourneyDurations(log);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Segment '{segment}': {funnel.Journeys:N0} accounts, median journey {durations.Median.TotalDays:F1} days, {funnel.OverallConversion:P1} reach '{map.Stages[^1].Name}'"));
        foreach (var step in funnel.Steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {map.GetStage(step.Name).Name,-12} {step.Entered,6:N0}"));
        }

        foreach (var variant in top)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {variant.Share,6:P1}  {string.Join(" → ", variant.Steps)}"));
        }

        // Who to call: the accounts that stalled in evaluation, most recent first.
        var audience = segmentAnalyzer.FunnelAudience(log, new FunnelDefinition(map.Stages.Select(s => FunnelStep.Stage(s.Id)).ToList()));
        var stalled = audience.Steps[1].Dropped.OrderByDescending(d => d.LastStepAt).Take(3).ToList();
        Console.WriteLine($"  {audience.Steps[1].Dropped.Count:N0} accounts stalled in '{map.Stages[1].Name}'; latest: {string.Join(", ", stalled)}");
    }
}

/// <summary>A feed that replays seeded synthetic B2B journeys with a few broken records, as real feeds have.</summary>
internal sealed class SimulatedCrmFeed : ICrmEventFeed
{
    private static string SegmentOf(string customerId) => customerId.EndsWith('7') || customerId.EndsWith('3') ? "enterprise" : "smb";

    // The contact table as a CRM exports it (a few accounts have no row, one row has a bad seat count).
    public TextReader ContactsExport()
    {
        var csv = new System.Text.StringBuilder("customer_id,segment,plan,seats\n");
        var ids = new SyntheticJourneyGenerator(CrmJourney.Map, new SyntheticJourneyOptions { Customers = 30_000, Seed = 2026, MeanGap = TimeSpan.FromDays(2) }).Generate().CustomerIds;
        for (int i = 0; i < ids.Count; i++)
        {
            if (i % 997 == 0)
            {
                continue; // no row in the CRM
            }

            string seats = i == 5 ? "lots" : SegmentOf(ids[i]) == "enterprise" ? (50 + (i % 400)).ToString(CultureInfo.InvariantCulture) : (1 + (i % 20)).ToString(CultureInfo.InvariantCulture);
            csv.Append(ids[i]).Append(',').Append(SegmentOf(ids[i])).Append(',').Append(i % 3 == 0 ? "pro" : "team").Append(',').Append(seats).Append('\n');
        }

        return new StringReader(csv.ToString());
    }

    public async IAsyncEnumerable<JourneyEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var log = new SyntheticJourneyGenerator(CrmJourney.Map, new SyntheticJourneyOptions { Customers = 30_000, Seed = 2026, MeanGap = TimeSpan.FromDays(2) }).Generate(cancellationToken);
        int i = 0;
        foreach (JourneyEvent e in log.Events())
        {
            if (++i % 50_000 == 0)
            {
                await Task.Yield(); // a real feed awaits the network here
                yield return e with { Touchpoint = "legacy-form" }; // not in the map: reported, not silently dropped
                continue;
            }

            yield return e;
        }
    }
}

/// <summary>The B2B sales journey the CRM tracks.</summary>
internal static class CrmJourney
{
    public static JourneyMap Map { get; } = JourneyMap.CreateBuilder("b2b-sales", "B2B software purchase")
        .AddStage("discover", "Discover", goal: "Find a tool for the team's problem")
        .AddStage("evaluate", "Evaluate", goal: "Trial the product with real data")
        .AddStage("buy", "Buy", goal: "Get approval and sign")
        .AddStage("onboard", "Onboard", goal: "Get the team productive")
        .AddStage("expand", "Expand", goal: "Roll out to more teams")
        .AddChannel("web", "Website", ChannelKind.Web)
        .AddChannel("sales", "Sales call", ChannelKind.Phone)
        .AddChannel("email", "E-mail", ChannelKind.Email)
        .AddChannel("app", "Product", ChannelKind.MobileApp)
        .AddTouchpoint("webinar", "Webinar", "discover", "web", emotion: Emotion.From(0.5))
        .AddTouchpoint("pricing", "Pricing page", "discover", "web", emotion: Emotion.From(-0.5))
        .AddTouchpoint("trial", "Free trial", "evaluate", "app", emotion: Emotion.From(1))
        .AddTouchpoint("demo", "Sales demo", "evaluate", "sales", emotion: Emotion.From(0.5))
        .AddTouchpoint("quote", "Quote", "buy", "email", emotion: Emotion.From(-0.5))
        .AddTouchpoint("contract", "Contract signature", "buy", "sales", isMomentOfTruth: true, emotion: Emotion.From(0))
        .AddTouchpoint("kickoff", "Kick-off call", "onboard", "sales", emotion: Emotion.From(1))
        .AddTouchpoint("setup", "Workspace setup", "onboard", "app", emotion: Emotion.From(-1))
        .AddTouchpoint("upsell", "Upsell offer", "expand", "email", emotion: Emotion.From(0))
        .Build();
}
