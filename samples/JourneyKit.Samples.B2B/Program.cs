// B2B journeys: one company, several people, many identifiers. Web visits are logged by cookie, the marketing tool
// links a cookie to an e-mail when a form is filled in, the CRM knows each contact by CRM id and e-mail and which
// account (company) they work for, with their role in the buying group. The sample stitches the identifiers into
// people, the people into accounts, and asks what a B2B marketer asks: how far did each account get, who engaged in
// which stage, and where was the decision maker absent?
// Run with: dotnet run --project samples/JourneyKit.Samples.B2B
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Identity;
using JourneyKit.Paths;

var random = new Random(2026);
var t0 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
var web = new EventLogBuilder();        // keyed by cookie (anonymous_id)
var crm = new EventLogBuilder();        // keyed by CRM contact id (crm_id)
var identities = new IdentityGraphBuilder(new IdentityOptions
{
    KindPriority = ["crm_id", "email", "anonymous_id"],
    MaxPerProfile = new Dictionary<string, int> { ["crm_id"] = 1 },   // one person is never two CRM contacts
    BlockedValues = IdentityOptions.CommonBlockedValues,
});
var accounts = new AccountDirectoryBuilder();
foreach (string stage in (string[])["awareness", "consideration", "decision", "purchase"])
{
    web.InternStage(stage);     // stages in journey order, so reports list them that way
    crm.InternStage(stage);
}

string[] roles = [BuyingRoles.DecisionMaker, BuyingRoles.Influencer, BuyingRoles.Champion, BuyingRoles.User, BuyingRoles.User];

// 60 companies with 2–5 contacts each. The journey: white paper → webinar → demo → proposal → purchase; each
// contact touches only some of it, and how far the company gets depends on whether its decision maker engages.
for (int a = 0; a < 60; a++)
{
    string account = $"acct-{a:D2}";
    int contacts = random.Next(2, 6);
    bool decisionMakerEngages = random.NextDouble() < 0.6;
    var start = t0.AddDays(random.Next(0, 60));
    int reach = 1 + random.Next(decisionMakerEngages ? 4 : 3);      // stages the account gets through
    for (int p = 0; p < contacts; p++)
    {
        string role = roles[p];
        string crmId = $"C{a:D2}{p}";
        string email = $"contact{p}@company{a:D2}.example";
        string[] cookies = [.. Enumerable.Range(0, random.Next(1, 3)).Select(d => $"ck-{a:D2}-{p}-{d}")];    // laptop, phone
        accounts.AddMember(account, "crm_id:" + crmId, role);
        identities.Link("email", email.ToUpperInvariant(), "crm_id", crmId, start, "crm-import");
        bool engages = role == BuyingRoles.DecisionMaker ? decisionMakerEngages : random.NextDouble() < 0.8;
        if (!engages)
        {
            continue;
        }

        // Each device fills in a form once, which tells the marketing tool its e-mail. Decision makers come in late.
        var t = start.AddDays((role == BuyingRoles.DecisionMaker ? 12 : p * 2) + random.Next(0, 3));
        foreach (string cookie in cookies)
        {
            identities.Link("anonymous_id", cookie, "email", email, t, "form-fill");
        }

        // Awareness and consideration on the web (from either device), decision and purchase in the CRM; influencers
        // and users do the early reading.
        int first = role == BuyingRoles.DecisionMaker ? Math.Min(reach, 3) : 0;
        for (int s = first; s <= Math.Min(reach, role == BuyingRoles.User ? 2 : 4); s++)
        {
            t = t.AddDays(1 + random.Next(0, 4));
            var (touchpoint, stage) = Step(s);
            if (s < 3)
            {
                web.Add(new JourneyEvent(cookies[random.Next(cookies.Length)], t, touchpoint) { Stage = stage, Channel = "web" });
            }
            else if (s == 3 || role == BuyingRoles.DecisionMaker)
            {
                crm.Add(new JourneyEvent(crmId, t, touchpoint)
                {
                    Stage = stage,
                    Channel = "sales",
                    Outcome = s == 4 ? EventOutcome.Conversion : EventOutcome.None,
                    Value = s == 4 ? 20_000 + random.Next(0, 30_000) : null,
                });
            }
        }
    }
}

// A conference-booth tablet: several visitors filled in the form on it. Its cookie would join two CRM contacts into one
// person; the limit refuses that link and says so.
identities.Link("anonymous_id", "ck-booth-tablet", "email", "contact0@company00.example", t0.AddDays(70), "form-fill");
identities.Link("anonymous_id", "ck-booth-tablet", "email", "contact1@company07.example", t0.AddDays(70).AddMinutes(5), "form-fill");
identities.Link("anonymous_id", "ck-booth-tablet", "email", "unknown", t0.AddDays(70).AddMinutes(9), "form-fill");

// 1. People: identifiers stitched into profiles, every merge explainable, every refusal reported.
IdentityGraph graph = identities.Build();
Console.WriteLine(graph);
foreach (RefusedLink refused in graph.Report.Refused)
{
    Console.WriteLine($"  refused: {refused}");
}

EventLog webLog = web.Build();
string stitchedCookie = webLog.CustomerIds.First(c => graph.ProfileOf("anonymous_id", c).StartsWith("crm_id:", StringComparison.Ordinal));
string contact = graph.ProfileOf("anonymous_id", stitchedCookie);
Console.WriteLine($"  why is cookie {stitchedCookie} the contact {contact}? {graph.Explain(new Identifier("anonymous_id", stitchedCookie), new Identifier("crm_id", contact["crm_id:".Length..]))}");

StitchedLog people = graph.Stitch(
[
    new IdentitySource("web", webLog, "anonymous_id"),
    new IdentitySource("crm", crm.Build(), "crm_id"),
]);
Console.WriteLine();
Console.WriteLine(people);
foreach (StitchedSource source in people.Sources)
{
    Console.WriteLine($"  {source}");
}

// 2. Accounts: all participants' events as one journey per company; every path analysis runs on it unchanged.
AccountLog accountLog = accounts.Build().ToAccountLog(people.Log);
Console.WriteLine();
Console.WriteLine(accountLog);
var funnel = new FunnelDefinition(FunnelStep.Touchpoint("white-paper"), FunnelStep.Touchpoint("demo"), FunnelStep.Touchpoint("proposal"), FunnelStep.Touchpoint("purchase"))
{
    Order = FunnelOrder.Relaxed,
};
var analyzer = new PathAnalyzer();
FunnelResult byPerson = analyzer.Funnel(people.Log, funnel);
FunnelResult byAccount = analyzer.Funnel(accountLog.Log, funnel);
Console.WriteLine("Funnel            per person   per account");
for (int i = 0; i < funnel.Steps.Count; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {funnel.Steps[i].Name,-14} {byPerson.Steps[i].Entered,6:N0} ({byPerson.Steps[i].Entered / (double)byPerson.Journeys,4:P0})   {byAccount.Steps[i].Entered,5:N0} ({byAccount.Steps[i].Entered / (double)byAccount.Journeys,4:P0})"));
}

Console.WriteLine("  A person-level funnel splits each company's journey across its people: a white paper read by the");
Console.WriteLine("  analyst and a purchase signed by the CFO are one account's journey, not two half-journeys.");

// 3. Buying groups: who engaged in which stage, and where the decision maker was absent.
BuyingGroupReport groups = BuyingGroupAnalysis.Analyze(accountLog);
Console.WriteLine();
Console.WriteLine(groups);
int converted = 0, convertedWithDecisionMaker = 0, stalled = 0, stalledWithDecisionMaker = 0;
foreach (AccountEngagement account in groups.Accounts)
{
    int c = accountLog.Log.FindCustomer(account.AccountId);
    bool bought = accountLog.Log[c].Outcomes.Contains(EventOutcome.Conversion);
    (converted, convertedWithDecisionMaker, stalled, stalledWithDecisionMaker) = bought
        ? (converted + 1, convertedWithDecisionMaker + (account.DecisionMakerEngaged ? 1 : 0), stalled, stalledWithDecisionMaker)
        : (converted, convertedWithDecisionMaker, stalled + 1, stalledWithDecisionMaker + (account.DecisionMakerEngaged ? 1 : 0));
}

// An account that bought counts here whatever its path; the funnel above counts those that went through every step in order.
Console.WriteLine($"Accounts that bought: {converted} ({byAccount.Steps[^1].Entered} of them through every funnel step in order), the decision maker engaged in {convertedWithDecisionMaker}; accounts that did not: {stalled}, decision maker engaged in {stalledWithDecisionMaker}.");
foreach (AccountEngagement account in groups.Accounts.Take(3))
{
    Console.WriteLine($"  {account}");
    foreach (StageEngagement stage in account.Stages)
    {
        Console.WriteLine($"    {stage.Stage,-14} {stage.Participants} {(stage.Participants == 1 ? "person: " : "people:")} {string.Join(", ", stage.Roles)}");
    }
}

return 0;

static (string Touchpoint, string Stage) Step(int s) => s switch
{
    0 => ("white-paper", "awareness"),
    1 => ("webinar", "consideration"),
    2 => ("demo", "consideration"),
    3 => ("proposal", "decision"),
    _ => ("purchase", "purchase"),
};
