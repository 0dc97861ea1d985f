// JourneyKit quickstart: build an e-commerce purchase journey map, check it, save it as JSON and compare it
// with a redesigned (future-state) version. Run with: dotnet run --project samples/JourneyKit.Samples.Quickstart
using System.Globalization;
using JourneyKit;
using JourneyKit.Attribution;
using JourneyKit.Discovery;
using JourneyKit.Events;
using JourneyKit.Forecasting;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Personas;
using JourneyKit.Rendering;
using JourneyKit.Rules;
using JourneyKit.Serialization;
using JourneyKit.Voice;

JourneyMap current = JourneyMap.CreateBuilder("online-shoes", "Buying school shoes online")
    .WithDescription("A parent's first purchase from our web shop, as it happens today.")
    .AddPersona(
        "maya",
        "Maya, busy parent",
        description: "Works full time, shops on her phone in the evening.",
        goals: ["Buy shoes that fit before school starts", "Spend less than 15 minutes"],
        frustrations: ["Creating yet another account", "Unclear delivery dates"],
        segment: "families")
    .AddStages(JourneyTemplates.FiveStage)
    .AddChannel("social", "Instagram", ChannelKind.Social)
    .AddChannel("search", "Search ads", ChannelKind.Advertising)
    .AddChannel("web", "Mobile website", ChannelKind.Web)
    .AddChannel("email", "E-mail", ChannelKind.Email)
    .AddChannel("support", "Call centre", ChannelKind.Phone)
    .AddChannel("store", "Partner store", ChannelKind.Store)
    .AddTouchpoint("insta-ad", "Instagram ad", "awareness", "social", emotion: Emotion.From(0.5, "curious"))
    .AddTouchpoint("search-ad", "Search ad", "awareness", "search", emotion: Emotion.From(0))
    .AddTouchpoint("size-guide", "Size guide", "consideration", "web", emotion: Emotion.From(-1, "confused"))
    .AddTouchpoint("reviews", "Product reviews", "consideration", "web", emotion: Emotion.From(1, "reassured"))
    .AddTouchpoint("try-on", "Try on in partner store", "consideration", "store", emotion: Emotion.From(1.5, "confident"))
    .AddTouchpoint("white-paper", "Foot-health white paper", "consideration", "web", emotion: Emotion.From(0.5, "informed"))
    .AddTouchpoint("demo-request", "Fitting demo booked", "consideration", "store", emotion: Emotion.From(1, "looked after"))
    .AddTouchpoint("add-to-cart", "Add to cart", "purchase", "web", emotion: Emotion.From(0.5, "decided"))
    .AddTouchpoint("checkout", "Checkout", "purchase", "web", owner: "Web team", isMomentOfTruth: true, emotion: Emotion.From(-1.5, "annoyed"))
    .AddTouchpoint("payment-check", "Fraud check", "purchase", "web", lane: Lane.Backstage)
    .AddTouchpoint("confirmation", "Order confirmation", "purchase", "email", emotion: Emotion.From(1, "relieved"))
    .AddTouchpoint("delivery-mail", "Delivery update", "retention", "email", emotion: Emotion.From(-0.5, "uncertain"))
    .AddTouchpoint("support-call", "Where-is-my-order call", "retention", "support", isMomentOfTruth: true, emotion: Emotion.From(-2, "angry"))
    .AddTouchpoint("review-request", "Review request", "advocacy", "email", emotion: Emotion.From(0.5))
    .AddTouchpoint("referral", "Refer-a-friend code", "advocacy", "web", emotion: Emotion.From(1, "proud"))
    .AddPainPoint("sizes", "Size guide uses adult sizes only", touchpointId: "size-guide", severity: Severity.Medium, category: "content")
    .AddPainPoint("account-wall", "Account required before payment", touchpointId: "checkout", severity: Severity.High,
        category: "usability", evidence: ["38% drop-off at the account step", "Interview #4: 'I just wanted to pay'"])
    .AddPainPoint("no-tracking", "No tracking link until dispatch", stageId: "retention", severity: Severity.Critical,
        evidence: ["27% of support calls are 'where is my order'"])
    .AddOpportunity("guest-checkout", "Offer guest checkout with optional account afterwards", ["account-wall"], Magnitude.High, Magnitude.Medium)
    .AddOpportunity("tracking-page", "Send a tracking page with the confirmation", ["no-tracking"], Magnitude.High, Magnitude.Low)
    .WithMetadata("author", "CX team")
    .Build();

Console.WriteLine($"{current.Name} — {current.State} state");
Console.WriteLine($"Persona: {current.Personas[0].Name} (segment {current.Personas[0].Segment})");
Console.WriteLine();
foreach (Stage stage in current.Stages)
{
    Console.WriteLine($"{stage.Position + 1}. {stage.Name}: {stage.Goal}");
    foreach (Touchpoint tp in current.TouchpointsIn(stage.Id))
    {
        string emotion = tp.Emotion is { } e ? $"{e,-16} {Bar(e.Value)}" : "(not mapped)";
        string flags = (tp.IsMomentOfTruth ? " ★ moment of truth" : "") + (tp.Lane == Lane.Backstage ? " [backstage]" : "");
        Console.WriteLine($"     {tp.Name,-26} {current.GetChannel(tp.ChannelId).Name,-15} {emotion}{flags}");
    }

    foreach (PainPoint pain in current.PainPointsIn(stage.Id))
    {
        Console.WriteLine($"     ! {pain.Severity} pain point: {pain.Description}");
    }
}

// A future-state map: the redesign the team proposes, derived from the current one.
JourneyMap toBe = current.ToBuilder()
    .WithState(JourneyMapState.Future)
    .WithDescription("The journey after guest checkout and tracking pages ship.")
    .Remove(MapElementKind.Touchpoint, "support-call")
    .Remove(MapElementKind.Touchpoint, "checkout")
    .AddTouchpoint("checkout", "Guest checkout", "purchase", "web", owner: "Web team", isMomentOfTruth: true, emotion: Emotion.From(1, "quick"))
    .Remove(MapElementKind.Touchpoint, "delivery-mail")
    .AddTouchpoint("delivery-mail", "Tracking page e-mail", "retention", "email", emotion: Emotion.From(1, "informed"))
    .Remove(MapElementKind.Opportunity, "guest-checkout")
    .Remove(MapElementKind.Opportunity, "tracking-page")
    .Remove(MapElementKind.PainPoint, "account-wall")
    .Remove(MapElementKind.PainPoint, "no-tracking")
    .Build();

Console.WriteLine();
Console.WriteLine("Current → future state:");
var diff = JourneyMapDiff.Compare(current, toBe);
foreach (MapChange change in diff.Changes)
{
    Console.WriteLine($"  {change}");
}

foreach (EmotionDelta delta in diff.EmotionDeltas)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Emotion at {delta.TouchpointId}: {delta.Before.Value:+0.0;-0.0;0} → {delta.After.Value:+0.0;-0.0;0} ({delta.Delta:+0.0;-0.0})"));
}

string path = Path.Combine(Path.GetTempPath(), "journeykit-quickstart-map.json");
File.WriteAllText(path, JourneyMapSerializer.Default.Serialize(current));
JourneyMap reloaded = JourneyMapSerializer.Default.Deserialize(File.ReadAllText(path));
Console.WriteLine();
Console.WriteLine($"Saved the current-state map to {path} ({new FileInfo(path).Length:N0} bytes); reloaded equal: {JourneyMapDiff.Compare(current, reloaded).IsEmpty}");

// Customer behaviour: seeded synthetic journeys through the current map. Real data comes in the same way through
// EventReader.ReadCsvFile / ReadJsonLines / ReadAsync.
// Two kinds of customer walk it: decisive shoppers who move straight to the till (and try shoes on in a store), and
// researchers who read, compare and double back on the web.
EventLog log = new SyntheticJourneyGenerator(current, new SyntheticJourneyOptions
{
    Customers = 20_000,
    Seed = 7,
    Behaviours =
    [
        new SyntheticBehaviour("decisive", Share: 0.4, AdvanceWeight: 0.70, StayWeight: 0.05, BacktrackWeight: 0.02, SkipWeight: 0.15, DropOutWeight: 0.08, PreferredChannel: "store"),
        new SyntheticBehaviour("researcher", Share: 0.6, AdvanceWeight: 0.30, StayWeight: 0.35, BacktrackWeight: 0.18, SkipWeight: 0.02, DropOutWeight: 0.15, PreferredChannel: "web"),
    ],
}).Generate();
SessionTable sessions = log.Sessionize(TimeSpan.FromHours(12));
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Event log: {log.CustomerCount:N0} customers, {log.EventCount:N0} events, {sessions.Count:N0} sessions (12 h gap), {(double)log.ColumnBytes / log.EventCount:F1} bytes/event incl. value and feedback columns"));
Console.WriteLine($"  e.g. {log[0]}");

// Every input row is accounted for: write the log as CSV, break two rows, read it back.
var csv = new StringWriter();
EventCsvWriter.Write(log, csv);
string broken = csv.ToString() + "c9999999,not-a-date,checkout,,,,,\nc9999999,2026-01-05T10:00:00Z,teleporter,,,,,\n";
var reread = new EventLogBuilder(current);
IngestReport report = EventReader.ReadCsv(new StringReader(broken), reread);
Console.WriteLine($"  CSV re-read: {report}");
foreach (RejectedRow row in report.Rejections)
{
    Console.WriteLine($"    {row}");
}

// Non-linear paths: how customers really move through the stages.
var stagePaths = new PathAnalyzer(new PathAnalyzerOptions { Level = PathLevel.Stage, CollapseRepeats = true });
Console.WriteLine();
Console.WriteLine("Most common stage paths:");
foreach (PathVariant variant in stagePaths.Variants(log, top: 5))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {variant.Share,6:P1}  {string.Join(" → ", variant.Steps),-60} converts {variant.ConversionRate,6:P1}"));
}

NonLinearitySummary nonLinear = stagePaths.NonLinearity(log);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Linearity index {nonLinear.LinearityIndex:F2}: {nonLinear.JourneysWithBacktrack:N0} journeys double back, {nonLinear.JourneysWithSkip:N0} skip a stage, {nonLinear.JourneysWithChannelSwitch:N0} switch channels"));
foreach (StageRoute route in nonLinear.BacktrackRoutes.Take(3))
{
    Console.WriteLine($"  back from {route.From} to {route.To}: {route.Count:N0}");
}

FunnelResult funnel = stagePaths.Funnel(log, new FunnelDefinition(
    FunnelStep.Stage("awareness"), FunnelStep.Stage("consideration"), FunnelStep.Stage("purchase"), FunnelStep.Stage("advocacy")));
Console.WriteLine("Funnel:");
foreach (FunnelStepResult step in funnel.Steps.SkipLast(1))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {step.Name,-14} {step.Entered,7:N0} entered  {step.ConversionRate,6:P1} go on [{step.ConversionInterval.Lower:P1}, {step.ConversionInterval.Upper:P1}]  median {step.TimeToNext.Median.TotalHours,5:F1} h to next"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {funnel.Steps[^1].Name,-14} {funnel.Steps[^1].Entered,7:N0} completed ({funnel.OverallConversion:P1} overall)"));

ConformanceResult conformance = stagePaths.Conformance(log);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Conformance to the designed stage order: {conformance.ConformingShare:P1} of journeys follow it, mean fitness {conformance.MeanFitness:F2}"));

// Markov: how likely is each stage to end in a purchase, and how long does it take?
MarkovChain stageChain = MarkovChain.Fit(log, PathLevel.Stage, new MarkovEstimationOptions { EndState = "Lost" }, conversionState: "Converted");
ContinuousTimeMarkovChain timedChain = ContinuousTimeMarkovChain.Fit(log, PathLevel.Stage, conversionState: "Converted");
Console.WriteLine("Stage → purchase (Markov, absorbing 'Converted' / 'Lost'):");
foreach (Stage stage in current.Stages.Where(s => stageChain.States.Contains(s.Id) && !stageChain.AbsorbingStates.Contains(s.Id)))
{
    string dwell = timedChain.States.Contains(stage.Id)
        ? string.Create(CultureInfo.InvariantCulture, $"mean dwell {timedChain.MeanDwellTime(stage.Id).TotalHours,5:F1} h")
        : "converts on arrival";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {stage.Name,-14} converts {stageChain.AbsorptionProbability(stage.Id, "Converted"),6:P1} after {stageChain.ExpectedStepsToAbsorption(stage.Id),4:F1} steps on average; {dwell}"));
}

// Attribution: which channels earn the conversions?
PathDataSet channelPaths = PathDataSet.FromEventLog(log, PathLevel.Channel, lookback: TimeSpan.FromDays(30));
MarkovAttributionResult markov = MarkovAttribution.Compute(channelPaths, new MarkovAttributionOptions());
AttributionResult lastTouch = HeuristicAttribution.Compute(channelPaths, HeuristicModel.LastTouch, new HeuristicOptions());
AttributionResult shapley = ShapleyAttribution.Compute(channelPaths);
Console.WriteLine("Attribution of conversions (Markov removal effect vs last touch vs Shapley):");
foreach (ChannelCredit credit in markov.Channels)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {current.GetChannel(credit.Channel).Name,-15} Markov {credit.Conversions,8:N0} (RE {markov.RemovalEffects[credit.Channel],5:P0})  last touch {lastTouch.Channels.Single(c => c.Channel == credit.Channel).Conversions,8:N0}  Shapley {shapley.Channels.Single(c => c.Channel == credit.Channel).Conversions,8:N0}"));
}

// Voice of the customer: NPS per stage from the feedback in the log, and the observed emotion curve vs the design.
Console.WriteLine("NPS by stage (feedback in the log, adjusted-Wald 95 % interval):");
var npsByStage = NetPromoterScore.ByStep(log, PathLevel.Stage);
foreach (Stage stage in current.Stages.Where(s => npsByStage.ContainsKey(s.Id)))
{
    NpsResult stageNps = npsByStage[stage.Id];
    var (low, high) = stageNps.ConfidenceInterval();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage.Name,-14} {stageNps.Score,6:F1}  [{low,6:F1}, {high,6:F1}]  n={stageNps.Responses:N0}"));
}

Console.WriteLine("Biggest gaps between designed and observed emotion:");
foreach (EmotionGap gap in ObservedEmotions.Gaps(log).Where(g => !double.IsNaN(g.Gap)).OrderByDescending(g => Math.Abs(g.Gap)).Take(3))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {current.GetTouchpoint(gap.TouchpointId).Name,-26} designed {gap.Designed!.Value.Value,5:+0.0;-0.0;0}  observed {gap.Observed.Value,5:+0.0;-0.0;0}  gap {gap.Gap,5:+0.0;-0.0;0}"));
}

// Rules that act: back-test two follow-ups on history before switching them on — as if today were the log's last day.
JourneyRule[] rules =
[
    JourneyRule.Named("cart-abandoned").When("add-to-cart").NotFollowedBy("confirmation", TimeSpan.FromHours(24)),
    JourneyRule.Named("white-paper-no-demo").When("white-paper").NotFollowedBy("demo-request", TimeSpan.FromDays(7)),
];
DateTimeOffset asOf = log.Events().Max(e => e.Timestamp);
RuleEvaluation backTest = new RuleEngine(rules, current).Evaluate(log, asOf);
Console.WriteLine();
Console.WriteLine($"Rules back-tested as of {asOf:yyyy-MM-dd HH:mm} (fired / pending / would have recovered without the follow-up):");
foreach (RuleSummary rule in backTest.Summaries)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {rule.RuleName,-20} {rule.Fired,6:N0} fired ({rule.FiredCustomers:N0} customers)  {rule.Pending,4:N0} pending  {rule.RecoveredShare,6:P1} recovered anyway"));
}

Console.WriteLine($"  e.g. {backTest.Fired[0]}  (id {backTest.Fired[0].Id})");

// Personas from behaviour: the groups that really move differently through the stages (k chosen by BIC) — here it
// should find the two behaviours the generator was given, without being told.
PersonaDiscoveryResult personas = PersonaDiscovery.MarkovMixture(log, new MarkovMixtureOptions { Level = PathLevel.Stage, MaxClusters = 4, Seed = 1 });
Console.WriteLine();
Console.WriteLine($"Behavioural personas ({string.Join(", ", personas.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"k={c.Clusters}: BIC {c.Bic:N0}")))}):");
foreach (DiscoveredPersona persona in personas.Personas)
{
    Console.WriteLine($"  {persona}");
}

// Practice against design: a draft map discovered from the events alone, compared with the designed map. Where they
// part — a touchpoint in another stage, a pain point the design does not know — is where to look.
MapDiscoveryResult draft = MapDiscovery.Discover(log);
Console.WriteLine();
Console.WriteLine($"Discovered from the events: {draft}");
Console.WriteLine($"  {draft.StageChoice}");
foreach (DiscoveredStage stage in draft.Stages)
{
    Console.WriteLine($"  {stage.Name}: {string.Join(", ", stage.Touchpoints)}");
}

foreach (PainPointEvidence pain in draft.PainPoints.Take(4))
{
    Console.WriteLine($"  pain point: {draft.Map.PainPoints.Single(p => p.Id == pain.PainPointId).Description}");
}

// JourneyMapDiff lists every difference (the draft names its stages stage-1…, so every touchpoint "moves"); read by
// stage, it says where practice and design part: which discovered stages each designed stage's touchpoints fell into.
var practice = JourneyMapDiff.Compare(current, draft.Map);
Console.WriteLine($"  JourneyMapDiff designed → discovered: {practice.Changes.Count} changes ({string.Join(", ", practice.Changes.GroupBy(c => $"{c.Change} {c.Element}").Select(g => $"{g.Count()} {g.Key}"))})");
foreach (Stage designed in current.Stages)
{
    var fell = current.TouchpointsIn(designed.Id).Where(t => draft.Map.FindTouchpoint(t.Id) is not null)
        .GroupBy(t => draft.Map.FindStage(draft.StageOf(t.Id))!.Name).Select(g => $"{g.Key} ({string.Join(", ", g.Select(t => t.Id))})");
    Console.WriteLine($"  designed '{designed.Name}' → {string.Join("; ", fell)}");
}
Console.WriteLine("Representative journeys:");
foreach (RepresentativeJourney journey in MapDiscovery.RepresentativeJourneys(log, 4))
{
    Console.WriteLine($"  {journey}");
}

// Decide before building: price the future-state map against today's journeys. The map diff becomes a scenario — a
// dropped touchpoint is a removed step — and a change that needs a number (a removed pain point) needs a stated
// assumption: without one, FromMaps lists what is missing instead of pricing it at zero.
JourneyModel journeyModel = JourneyModel.Fit(log, new JourneyModelOptions { Level = PathLevel.Touchpoint });
ScenarioAssumption[] assumptions =
[
    new(MapElementKind.PainPoint, "account-wall", "guest checkout: a quarter more of the shoppers who read reviews go on to add to cart, as in the pilot",
        JourneyScenario.Named("guest checkout").ScaleTransition("reviews", "add-to-cart", 1.25)),
    new(MapElementKind.PainPoint, "no-tracking", "the tracking page acts after the purchase: no change to conversion assumed",
        JourneyScenario.Named("tracking page")),
];
JourneyScenario toBeScenario = JourneyScenario.FromMaps(current, toBe, assumptions);
ScenarioForecast priced = journeyModel.Forecast(toBeScenario, new ForecastOptions { Draws = 1000, Seed = 1 });
Console.WriteLine();
Console.WriteLine($"What the future-state map is worth — {journeyModel}:");
Console.WriteLine(priced);
Console.WriteLine("Where else to invest (conversion gain if one transition became 5 points more likely, 95 % interval):");
foreach (TransitionLeverage lever in journeyModel.Leverage(0.05, new ForecastOptions { Draws = 1000, Seed = 1 }).Take(5))
{
    Console.WriteLine($"  {lever}");
}

// Voice of the customer: what customers wrote, scored on the device and placed on their journeys. Here a few thousand
// illustrative comments written from templates after each customer's last step; real ones come from
// CommentReader.ReadCsv / ReadJsonLines, every rejected row reported.
string[] praise = ["Loved how quick it was", "Great help, thanks!", "Easy and friendly", "Nice shoes, fast delivery :)"];
var complaints = new Dictionary<string, string[]>
{
    ["checkout"] = ["Had to create an account again, so annoying", "The account wall at checkout is ridiculous, I nearly gave up"],
    ["size-guide"] = ["Size guide is confusing, adult sizes only", "Confusing size guide, no kids sizes"],
    ["support-call"] = ["Waited an hour on the phone and still no tracking. Terrible", "No tracking link, had to call, awful"],
    ["delivery-mail"] = ["No tracking link, worried my order was lost", "Delivery update told me nothing, worried"],
};
var voiceRandom = new Random(11);
List<CustomerComment> comments = [.. log.Journeys.Where(j => j.Count > 0).Take(8000).Select(j =>
{
    JourneyEvent last = j.Events()[^1];
    string text = complaints.TryGetValue(last.Touchpoint, out var lines) && voiceRandom.NextDouble() < 0.7
        ? lines[voiceRandom.Next(lines.Length)]
        : praise[voiceRandom.Next(praise.Length)];
    return new CustomerComment(j.CustomerId, last.Timestamp.AddHours(2), text);
})];
VoiceAnalysis voice = VoiceOfCustomer.Analyze(log, comments);
Console.WriteLine();
Console.WriteLine(voice);
Console.WriteLine($"  e.g. {Vader.Score(comments[0].Text)} for \"{comments[0].Text}\"");
foreach (SentimentSummary stage in voice.ByStage)
{
    Console.WriteLine($"  {stage}");
}

foreach (PainPointCandidate pain in voice.PainPoints.Take(3))
{
    Console.WriteLine($"  pain point from words: {pain}");
}

// The artefact to send to colleagues: one self-contained HTML file with the map and every analysis.
string reportPath = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "journeykit-report.html"));
File.WriteAllText(reportPath, HtmlReport.Build(current, log, new HtmlReportOptions { Rules = rules, Scenarios = [toBeScenario], Comments = comments, Personas = new MarkovMixtureOptions { Level = PathLevel.Stage, MaxClusters = 4, Seed = 1 } }));
Console.WriteLine();
Console.WriteLine($"HTML report: {reportPath}");

static string Bar(double value)
{
    // −2..+2 drawn as a small bar around a centre line.
    int cells = (int)Math.Round(Math.Abs(value) * 2);
    return value < 0 ? new string(' ', 4 - cells) + new string('▒', cells) + "|    " : "    |" + new string('█', cells) + new string(' ', 4 - cells);
}
