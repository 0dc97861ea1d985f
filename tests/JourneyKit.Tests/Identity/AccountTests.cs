using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Identity;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Identity;

public class AccountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);

    private static JourneyEvent E(string person, int day, string touchpoint, string stage, EventOutcome outcome = EventOutcome.None) =>
        new(person, T0.AddDays(day), touchpoint) { Stage = stage, Outcome = outcome };

    // Acme: an analyst downloads the white paper, the CTO sees the demo, the CFO (decision maker) signs. Globex: the
    // champion does everything up to the proposal; the decision maker never shows up.
    private static (EventLog People, AccountDirectory Directory) Companies()
    {
        var people = new EventLogBuilder().AddRange(
        [
            E("ann", 0, "white-paper", "awareness"),
            E("cto", 3, "demo", "consideration"),
            E("ann", 4, "demo", "consideration"),
            E("cfo", 9, "proposal", "decision"),
            E("cfo", 12, "purchase", "purchase", EventOutcome.Conversion),
            E("gus", 1, "white-paper", "awareness"),
            E("gus", 5, "demo", "consideration"),
            E("gus", 8, "proposal", "decision"),
            E("lone-wolf", 2, "white-paper", "awareness"),
        ]).Build();
        var directory = new AccountDirectoryBuilder()
            .AddMember("acme", "ann", BuyingRoles.User)
            .AddMember("acme", "cto", BuyingRoles.Influencer)
            .AddMember("acme", "cfo", "Decision Maker")
            .AddMember("globex", "gus", BuyingRoles.Champion)
            .AddMember("globex", "boss", BuyingRoles.DecisionMaker)
            .AddMember("initech", "gus", BuyingRoles.User)
            .AddMember("acme", "ann", BuyingRoles.Champion)
            .AddMember(" ", "x")
            .Build();
        return (people, directory);
    }

    [Fact]
    public void AccountJourneys_HoldEveryParticipantsEvents_WithWhoDidIt_AndRunThroughPathAnalysisUnchanged()
    {
        var (people, directory) = Companies();
        AccountLog accounts = directory.ToAccountLog(people);
        Assert.Equal(["acme", "globex"], accounts.Log.CustomerIds);
        Assert.Equal(["white-paper", "demo", "demo", "proposal", "purchase"], accounts.Log[0].TouchpointNames());
        Assert.Equal(["ann", "cto", "ann", "cfo", "cfo"], accounts.Log.Events().Take(5).Select(e => e.Actor));
        Assert.Equal(["lone-wolf"], accounts.UnassignedPeople);
        Assert.Equal(people.EventCount, accounts.Log.EventCount + accounts.UnassignedEvents);

        var variants = new PathAnalyzer().Variants(accounts.Log);
        Assert.Equal(2, variants.Count);
        Assert.Equal(1, new PathAnalyzer().DirectlyFollows(accounts.Log).Count("demo", "demo"));
    }

    [Fact]
    public void Memberships_BadRowsAndSecondAccounts_AreRefusedWithTheirRow()
    {
        var (_, directory) = Companies();
        Assert.Equal(8, directory.MembershipsRead);
        Assert.Equal(directory.MembershipsRead, directory.Members.Count + directory.Refused.Count);
        Assert.Equal([MembershipRefusal.SeveralAccounts, MembershipRefusal.Duplicate, MembershipRefusal.BlankId], directory.Refused.Select(r => r.Reason));
        Assert.Equal([5L, 6, 7], directory.Refused.Select(r => r.Row));
        Assert.Contains("already in account 'globex'", directory.Refused[0].Message, StringComparison.Ordinal);
        Assert.Equal(BuyingRoles.User, directory.AccountsOf("ann").Single().Role);

        var several = new AccountDirectoryBuilder(new AccountOptions { AllowSeveralAccounts = true })
            .AddMember("globex", "gus").AddMember("initech", "gus").Build();
        Assert.Empty(several.Refused);
        var log = new EventLogBuilder().Add("gus", T0, "demo").Build();
        var accounts = several.ToAccountLog(log);
        Assert.Equal(["globex", "initech"], accounts.Log.CustomerIds);
        Assert.Equal(2, accounts.Log.EventCount);
    }

    [Fact]
    public void BuyingGroups_ShowWhoEngagedPerStage_WhereTheDecisionMakerWasAbsent_AndHowLongEngagementTook()
    {
        var (people, directory) = Companies();
        BuyingGroupReport report = BuyingGroupAnalysis.Analyze(directory.ToAccountLog(people));
        var acme = report.Accounts[0];
        Assert.Equal((3, 3, true), (acme.Members, acme.EngagedParticipants, acme.DecisionMakerEngaged));
        Assert.Equal(TimeSpan.FromDays(9), acme.TimeFromFirstToLastEngaged);
        Assert.Equal([BuyingRoles.User, BuyingRoles.Influencer, BuyingRoles.DecisionMaker], acme.EngagedRoles);
        var consideration = acme.Stages.Single(s => s.Stage == "consideration");
        Assert.Equal(2, consideration.Participants);
        Assert.Equal([BuyingRoles.Influencer, BuyingRoles.User], consideration.Roles);
        Assert.Equal(TimeSpan.FromDays(1), consideration.TimeFromFirstToLastEngaged);
        Assert.Equal(["awareness", "consideration"], acme.StagesWithoutDecisionMaker);

        var globex = report.Accounts[1];
        Assert.False(globex.DecisionMakerEngaged);
        Assert.Equal((2, 1), (globex.Members, globex.EngagedParticipants));
        Assert.Equal(["awareness", "consideration", "decision"], globex.StagesWithoutDecisionMaker);

        var decision = report.Stages.Single(s => s.Stage == "decision");
        Assert.Equal((2, 1), (decision.AccountsReached, decision.AccountsReachedWithoutDecisionMaker));
        Assert.Equal(0.5, decision.ShareWithoutDecisionMaker);
        Assert.Equal(1, decision.AccountsByRole["decision maker"]);
        Assert.Equal(1.5, report.Stages.Single(s => s.Stage == "consideration").MeanParticipants);
    }

    [Property(MaxTest = 100)]
    public bool AccountEventCount_IsTheSumOfItsMembersEvents(DoNotSize<int> unsized, bool several)
    {
        int seed = unsized.Item; // a sized int gives only a few hundred distinct seeds
        var random = new Random(seed);
        var builder = new EventLogBuilder();
        for (int i = 0; i < random.Next(0, 60); i++)
        {
            builder.Add($"p{random.Next(10)}", T0.AddHours(random.Next(24)), "tp" + random.Next(3));
        }

        var people = builder.Build();
        var memberships = new AccountDirectoryBuilder(new AccountOptions { AllowSeveralAccounts = several });
        for (int i = 0; i < random.Next(0, 14); i++)
        {
            memberships.AddMember($"acct{random.Next(4)}", $"p{random.Next(12)}");
        }

        var directory = memberships.Build();
        var accounts = directory.ToAccountLog(people);
        long EventsOf(string person) => people.FindCustomer(person) is int c and >= 0 ? people[c].Count : 0;
        bool perAccount = directory.Accounts.All(a =>
        {
            long expected = directory.MembersOf(a).Sum(m => EventsOf(m.PersonId));
            int c = accounts.Log.FindCustomer(a);
            return expected == (c < 0 ? 0 : accounts.Log[c].Count);
        });
        bool perActor = accounts.Log.Events().GroupBy(e => (e.CustomerId, e.Actor!)).All(g => g.Count() == EventsOf(g.Key.Item2));
        long assigned = people.CustomerIds.Sum(p => EventsOf(p) * directory.AccountsOf(p).Count);
        return perAccount && perActor && accounts.Log.EventCount == assigned &&
               accounts.UnassignedEvents == people.CustomerIds.Where(p => directory.AccountsOf(p).Count == 0).Sum(EventsOf);
    }
}
