// JourneyKit warehouse sample: the events live in a Parquet file, DuckDB (embedded, in-process, capped at 512 MB)
// computes the journey statistics where the data is, and JourneyKit finishes them into the same HTML report as the
// quickstart — no EventLog of the whole data set is ever built for the report.
// Run with: dotnet run --project samples/JourneyKit.Samples.Warehouse [report.html] [customers]
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using JourneyKit;
using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Rendering;
using JourneyKit.Sql;

string output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "journeykit-warehouse-report.html");
int customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
string folder = Path.Combine(Path.GetTempPath(), "journeykit-warehouse");
Directory.CreateDirectory(folder);

JourneyMap map = JourneyMap.CreateBuilder("online-shoes", "Buying school shoes online")
    .WithDescription("A parent's first purchase from our web shop, analysed where the events are stored.")
    .AddPersona("maya", "Maya, busy parent", goals: ["Buy shoes that fit before school starts"], frustrations: ["Unclear delivery dates"])
    .AddStages(JourneyTemplates.FiveStage)
    .AddChannel("social", "Instagram", ChannelKind.Social)
    .AddChannel("search", "Search ads", ChannelKind.Advertising)
    .AddChannel("web", "Mobile website", ChannelKind.Web)
    .AddChannel("email", "E-mail", ChannelKind.Email)
    .AddChannel("store", "Partner store", ChannelKind.Store)
    .AddTouchpoint("insta-ad", "Instagram ad", "awareness", "social", emotion: Emotion.From(0.5, "curious"))
    .AddTouchpoint("search-ad", "Search ad", "awareness", "search", emotion: Emotion.From(0))
    .AddTouchpoint("size-guide", "Size guide", "consideration", "web", emotion: Emotion.From(-1, "confused"))
    .AddTouchpoint("try-on", "Try on in partner store", "consideration", "store", emotion: Emotion.From(1.5, "confident"))
    .AddTouchpoint("checkout", "Checkout", "purchase", "web", isMomentOfTruth: true, emotion: Emotion.From(-1.5, "annoyed"))
    .AddTouchpoint("confirmation", "Order confirmation", "purchase", "email", emotion: Emotion.From(1, "relieved"))
    .AddTouchpoint("delivery-mail", "Delivery update", "retention", "email", emotion: Emotion.From(-0.5, "uncertain"))
    .AddTouchpoint("referral", "Refer-a-friend code", "advocacy", "web", emotion: Emotion.From(1, "proud"))
    .AddPainPoint("account-wall", "Account required before payment", touchpointId: "checkout", severity: Severity.High)
    .Build();

// 1. The warehouse: a Parquet file with one row per event (in real life, written by the data pipeline).
EventLog generated = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = customers, Seed = 7 }).Generate();
string parquet = Path.Combine(folder, "events.parquet");
var watch = Stopwatch.StartNew();
WriteParquet(generated, parquet);
Console.WriteLine($"Wrote {generated.EventCount:N0} events of {generated.CustomerCount:N0} customers to {parquet} ({new FileInfo(parquet).Length / 1e6:F1} MB) in {watch.Elapsed.TotalSeconds:F1} s");

// 2. DuckDB reads the file in place, under a memory cap, spilling to disk if it must.
using var duck = new DuckDBConnection("Data Source=:memory:");
duck.Open();
await new DuckDbOptions { MemoryLimit = "512MB", TempDirectory = Path.Combine(folder, "spill") }.ApplyAsync(duck);
SqlEventTable table = SqlEventTable.Parquet(parquet) with
{
    TimestampColumn = "ts",
    ChannelColumn = "channel",
    StageColumn = "stage",
    OutcomeColumn = "outcome",
    ValueColumn = "value",
    FeedbackColumn = "feedback",
    OrderColumn = "event_id",
};
var source = new SqlEventSource(duck, SqlDialect.DuckDb, table);
var stages = new SqlEventSource(duck, SqlDialect.DuckDb, table, new PathAnalyzerOptions { Level = PathLevel.Stage, CollapseRepeats = true });

// 3. Every statistic of the report is one SQL query; only grouped partials come back.
watch.Restart();
SqlTableProfile profile = await source.ProfileAsync();
Console.WriteLine($"Profile: {profile}");
IReadOnlyList<SurvivalObservation> toConversion = await source.SurvivalAsync(EventOutcome.Conversion);
PathDataSet paths = await source.AttributionPathsAsync(PathLevel.Channel);
bool anyConversion = paths.TotalConversions > 0;
var data = new JourneyReportData
{
    Customers = profile.Customers,
    Events = profile.Events,
    ConvertedShare = toConversion.Count == 0 ? double.NaN : (double)toConversion.Count(o => o.EventObserved) / toConversion.Count,
    DirectlyFollows = await stages.DirectlyFollowsAsync(CancellationToken.None),
    Variants = await stages.VariantsAsync(10),
    Funnel = await source.FunnelAsync(new FunnelDefinition(map.Stages.Select(s => FunnelStep.Stage(s.Id)).ToList())),
    StageChain = await source.MarkovChainAsync(PathLevel.Stage, new MarkovEstimationOptions { EndState = JourneyReportData.LostState }, JourneyReportData.ConvertedState),
    StageNps = await source.NpsAsync(PathLevel.Stage),
    TimeToConversion = toConversion.Count == 0 ? null : KaplanMeier.Fit(toConversion),
    MarkovAttribution = anyConversion ? MarkovAttribution.Compute(paths, new MarkovAttributionOptions()) : null,
    LastTouchAttribution = anyConversion ? HeuristicAttribution.Compute(paths, HeuristicModel.LastTouch, new HeuristicOptions()) : null,
    ShapleyAttribution = anyConversion ? ShapleyAttribution.Compute(paths) : null,
};
Console.WriteLine($"Statistics computed in DuckDB in {watch.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"  {data.Funnel}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  P(convert | awareness) = {data.StageChain.AbsorptionProbability("awareness", JourneyReportData.ConvertedState):F3}"));
foreach (PathVariant variant in data.Variants.Take(3))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {variant.Share,6:P1}  {string.Join(" → ", variant.Steps)}"));
}

// The same numbers as in memory (the library's tests check this for every statistic on random logs). Counts are equal
// exactly; durations too once timestamps are whole microseconds, as the Parquet file stores them.
var inMemory = new PathAnalyzer(new PathAnalyzerOptions { Level = PathLevel.Stage, CollapseRepeats = true }).DirectlyFollows(generated);
Console.WriteLine($"  Directly-follows counts equal the in-memory ones: {inMemory.Edges.Select(e => (e.From, e.To, e.Count)).SequenceEqual(data.DirectlyFollows.Edges.Select(e => (e.From, e.To, e.Count)))}");

File.WriteAllText(output, HtmlReport.Render(map, data));
Console.WriteLine($"Report: {output} ({new FileInfo(output).Length / 1024:N0} KB)");

static void WriteParquet(EventLog log, string file)
{
    using var duck = new DuckDBConnection("Data Source=:memory:");
    duck.Open();
    Execute(duck, "CREATE TABLE staging (event_id BIGINT, customer_id VARCHAR, ts_us BIGINT, touchpoint VARCHAR, channel VARCHAR, stage VARCHAR, outcome VARCHAR, value DOUBLE, feedback DOUBLE)");
    using (var appender = duck.CreateAppender("staging"))
    {
        for (int e = 0; e < log.EventCount; e++)
        {
            JourneyEvent ev = log.GetEvent(e);
            appender.CreateRow()
                .AppendValue((long)e)
                .AppendValue(ev.CustomerId)
                .AppendValue((ev.Timestamp.UtcTicks - DateTime.UnixEpoch.Ticks) / 10)
                .AppendValue(ev.Touchpoint)
                .AppendValue(ev.Channel)
                .AppendValue(ev.Stage)
                .AppendValue(ev.Outcome == EventOutcome.None ? null : ev.Outcome.ToString().ToLowerInvariant())
                .AppendValue(ev.Value)
                .AppendValue(ev.Feedback)
                .EndRow();
        }
    }

    string path = file.Replace("'", "''", StringComparison.Ordinal);
    Execute(duck, $"COPY (SELECT event_id, customer_id, TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(ts_us) AS ts, touchpoint, channel, stage, outcome, value, feedback FROM staging) TO '{path}' (FORMAT PARQUET)");
}

static void Execute(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
