using JourneyKit.Events;
using JourneyKit.Rules;
using static JourneyKit.Tests.Rules.RuleHarness;

namespace JourneyKit.Tests.Rules;

/// <summary>Hand-worked timelines (hours after T0) for every rule kind and boundary, each checked batch and live.</summary>
public class RuleTimelineTests
{
    private static readonly JourneyRule Cart = JourneyRule.Named("cart").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromHours(24));

    [Fact]
    public void Absence_FiresPendsAndRecovers_AsWorkedOut()
    {
        // c1: add 0, purchase 5 → closed in time. c2: add 0 → fires at 24. c3: add 0, purchase 30 → fires at 24, recovered.
        // c4: add 40 → due 64 > asOf 48: pending.
        var result = Both([Cart],
        [
            E("c1", 0, "add_to_cart"), E("c1", 5, "purchase"),
            E("c2", 0, "add_to_cart"),
            E("c3", 0, "add_to_cart"), E("c3", 30, "purchase"),
            E("c4", 40, "add_to_cart"),
        ], H(48));

        Assert.Equal([new RuleFiring("cart", "c2", H(0), H(24), H(24)), new RuleFiring("cart", "c3", H(0), H(24), H(24))], result.Fired);
        Assert.Equal([new RuleFiring("cart", "c4", H(40), H(64), H(64))], result.Pending);
        Assert.Equal([new RuleFiring("cart", "c3", H(0), H(24), H(24))], result.RecoveredAnyway);
        RuleSummary s = result["cart"];
        Assert.Equal((2, 2, 1, 1), (s.Fired, s.FiredCustomers, s.Pending, s.RecoveredAnyway));
        Assert.Equal(0.5, s.RecoveredShare, 12);
    }

    [Fact]
    public void Absence_YExactlyAtDue_ClosesWithoutFiring_OneTickLaterFires()
    {
        var atDue = Both([Cart], [E("c", 0, "add_to_cart"), E("c", 24, "purchase")], H(48));
        Assert.Empty(atDue.Fired);

        var late = Both([Cart], [E("c", 0, "add_to_cart"), new JourneyEvent("c", H(24).AddTicks(1), "purchase")], H(48));
        Assert.Equal([new RuleFiring("cart", "c", H(0), H(24), H(24))], late.Fired);
        Assert.Single(late.RecoveredAnyway);
    }

    [Fact]
    public void AsOfExactlyAtDue_HasFired_OneTickBefore_IsPending()
    {
        var at = Both([Cart], [E("c", 0, "add_to_cart")], H(24));
        Assert.Single(at.Fired);
        Assert.Empty(at.Pending);

        var before = Both([Cart], [E("c", 0, "add_to_cart")], H(24).AddTicks(-1));
        Assert.Empty(before.Fired);
        Assert.Equal([new RuleFiring("cart", "c", H(0), H(24), H(24))], before.Pending);
    }

    [Fact]
    public void EventsAfterAsOf_AreNotSeen()
    {
        // The purchase at 30 is after asOf 28: the firing at 24 stands and is not (yet) recovered.
        var result = Both([Cart], [E("c", 0, "add_to_cart"), E("c", 30, "purchase")], H(28));
        Assert.Single(result.Fired);
        Assert.Empty(result.RecoveredAnyway);
    }

    [Fact]
    public void RepeatedX_Ignore_KeepsTheFirstClock_Restart_MovesIt()
    {
        JourneyEvent[] events = [E("c", 0, "add_to_cart"), E("c", 10, "add_to_cart"), E("c", 30, "add_to_cart")];

        // Ignore: episode 0 (due 24) fires; the X at 10 is ignored; the X at 30 opens a new episode (due 54).
        var ignore = Both([Cart], events, H(100));
        Assert.Equal([new RuleFiring("cart", "c", H(0), H(24), H(24)), new RuleFiring("cart", "c", H(30), H(54), H(54))], ignore.Fired);

        // Restart: 0 → restarted at 10 (due 34) → restarted at 30 (due 54): one firing.
        var restart = Both([Cart.WithRearm(RearmPolicy.Restart)], events, H(100));
        Assert.Equal([new RuleFiring("cart", "c", H(30), H(54), H(54))], restart.Fired);
    }

    [Fact]
    public void Cooldown_SuppressesFiringsWithinC_AllowsExactlyC()
    {
        // Visits at 0, 0.5, 1, 1⅙, 2.5 h; cooldown 1 h: fire 0; 0.5 suppressed; 1 (exactly C later) fires; 1⅙ suppressed; 2.5 fires.
        var rule = JourneyRule.Named("visit").When("visit").WithCooldown(TimeSpan.FromHours(1));
        var result = Both([rule], [E("c", 0, "visit"), E("c", 0.5, "visit"), E("c", 1, "visit"), E("c", 1 + (10 / 60.0), "visit"), E("c", 2.5, "visit")], H(10));
        Assert.Equal([H(0), H(1), H(2.5)], result.Fired.Select(f => f.FiredAt));
        Assert.Equal(2, result["visit"].Suppressed);
    }

    [Fact]
    public void MaxFirings_StopsOpeningEpisodes()
    {
        var result = Both([Cart.WithMaxFirings(1)], [E("c", 0, "add_to_cart"), E("c", 30, "add_to_cart"), E("d", 0, "add_to_cart")], H(100));
        Assert.Equal(["c", "d"], result.Fired.Select(f => f.CustomerId));
        Assert.Empty(result.Pending);
    }

    [Fact]
    public void EqualTimestamps_FollowInputOrder()
    {
        // X then Y at the same instant: Y is later in journey order and closes the episode.
        Assert.Empty(Both([Cart], [E("c", 0, "add_to_cart"), E("c", 0, "purchase")], H(48)).Fired);

        // Y then X at the same instant: the Y comes before the episode opens; the X fires at 24.
        Assert.Single(Both([Cart], [E("c", 0, "purchase"), E("c", 0, "add_to_cart")], H(48)).Fired);
    }

    [Fact]
    public void EventThatIsBothXAndY_ClosesThenOpens()
    {
        // "A not followed by another A within 1 h": A 0 opens; A 0.5 closes it and opens (due 1.5) → fires; A 2 opens (due 3) → pending at 2.5.
        var rule = JourneyRule.Named("quiet").When("A").NotFollowedBy("A", TimeSpan.FromHours(1));
        var result = Both([rule], [E("c", 0, "A"), E("c", 0.5, "A"), E("c", 2, "A")], H(2.5));
        Assert.Equal([new RuleFiring("quiet", "c", H(0.5), H(1.5), H(1.5))], result.Fired);
        Assert.Equal([new RuleFiring("quiet", "c", H(2), H(3), H(3))], result.Pending);
    }

    [Fact]
    public void Sequence_FiresAtTheYInTime_LapsesOtherwise()
    {
        var rule = JourneyRule.Named("fast-buyer").When("add_to_cart").FollowedBy("purchase", TimeSpan.FromHours(24));
        var result = Both([rule],
        [
            E("quick", 0, "add_to_cart"), E("quick", 5, "purchase"),
            E("slow", 0, "add_to_cart"), E("slow", 30, "purchase"),
            E("open", 40, "add_to_cart"),
        ], H(48));
        Assert.Equal([new RuleFiring("fast-buyer", "quick", H(0), H(24), H(5))], result.Fired);
        Assert.Equal([new RuleFiring("fast-buyer", "open", H(40), H(64), H(64))], result.Pending);
        Assert.Equal(0, result["fast-buyer"].RecoveredAnyway);
        Assert.True(double.IsNaN(result["fast-buyer"].RecoveredShare));
    }

    [Fact]
    public void Sequence_XAndYRepeatedAtOneInstant_FiresTwice_WithDistinctIds()
    {
        // A, C, A, C all at 0.25 h: two episodes start at the same instant and each is completed — two firings equal in
        // rule, customer and times, told apart by their same-instant number, so an outbox keyed by id sends both.
        var rule = JourneyRule.Named("a-then-c").When("A").FollowedBy("C", TimeSpan.FromHours(1));
        var result = Both([rule], [E("c", 0.25, "A"), E("c", 0.25, "C"), E("c", 0.25, "A"), E("c", 0.25, "C")], H(5));
        var first = new RuleFiring("a-then-c", "c", H(0.25), H(1.25), H(0.25));
        Assert.Equal([first, first with { Ordinal = 1 }], result.Fired);
        Assert.Equal(2, result.Fired.Select(f => f.Id).Distinct().Count());
        Assert.Equal(first.Id, result.Fired[0].Id); // the first keeps the id it had before ordinals
    }

    [Fact]
    public void Occurrence_XTwiceAtOneInstant_IsTwoFiringsWithDistinctIds_CustomersApart()
    {
        // Interleaved at one instant (a live monitor applies same-instant events in arrival order, not by customer):
        // each customer numbers its own episodes.
        var rule = JourneyRule.Named("detractor").When("survey");
        var result = Both([rule], [E("a", 1, "survey"), E("b", 1, "survey"), E("a", 1, "survey"), E("a", 1, "survey"), E("a", 2, "survey")], H(10));
        Assert.Equal([("a", H(1), 0), ("a", H(1), 1), ("a", H(1), 2), ("a", H(2), 0), ("b", H(1), 0)], result.Fired.Select(f => (f.CustomerId, f.StartedAt, f.Ordinal)));
        Assert.Equal(result.Fired.Count, result.Fired.Select(f => f.Id).Distinct().Count());
        Assert.Contains("episode 2 started at that instant", result.Fired[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SameInstantEpisode_KeepsItsNumber_WhenItFiresLater_AcrossASavedAndRestoredMonitor()
    {
        // A, C, A at 1 h: the first episode fires at once; the second stays open, is saved with the monitor, and fires
        // after the restore when C comes at 1.5 h — still number 1, as the batch engine numbers it.
        var rule = JourneyRule.Named("a-then-c").When("A").FollowedBy("C", TimeSpan.FromHours(1));
        var options = new JourneyMonitorOptions { AllowedLateness = TimeSpan.Zero };
        var monitor = new JourneyMonitor([rule], options);
        var live = new List<RuleFiring>();
        foreach (var e in new[] { E("c", 1, "A"), E("c", 1, "C"), E("c", 1, "A") })
        {
            live.AddRange(monitor.Observe(e));
        }

        live.AddRange(monitor.AdvanceTo(H(1.2)));
        Assert.Equal([1], monitor.PendingEpisodes().Select(p => p.Ordinal));
        using var saved = new MemoryStream();
        monitor.Save(saved);
        saved.Position = 0;
        var restored = JourneyMonitor.Load(saved, [rule], options);
        live.AddRange(restored.Observe(E("c", 1.5, "C")));
        live.AddRange(restored.AdvanceTo(H(3)));

        var batch = new RuleEngine([rule]).Evaluate(new EventLogBuilder().AddRange([E("c", 1, "A"), E("c", 1, "C"), E("c", 1, "A"), E("c", 1.5, "C")]).Build(), H(3));
        Assert.Equal(Canonical(batch.Fired), Canonical(live));
        Assert.Equal([(H(1), 0), (H(1.5), 1)], live.Select(f => (f.FiredAt, f.Ordinal)));
        Assert.NotEqual(live[0].Id, live[1].Id);
    }

    [Fact]
    public void AnEpisodeOpenedAndClosedAtOneInstant_LeavesNothingBehind_OnceTheInstantIsOver()
    {
        // The monitor keeps such an episode's node while its instant is applied (another episode could start at it);
        // afterwards the saved state is what an episode opened and closed at two instants leaves: no node at all.
        var rule = JourneyRule.Named("a-without-c").When("A").NotFollowedBy("C", TimeSpan.FromHours(1));
        byte[] Saved(params JourneyEvent[] events)
        {
            var monitor = new JourneyMonitor([rule], new JourneyMonitorOptions { AllowedLateness = TimeSpan.Zero });
            foreach (var e in events)
            {
                Assert.Empty(monitor.Observe(e));
            }

            Assert.Empty(monitor.AdvanceTo(H(3)));
            using var stream = new MemoryStream();
            monitor.Save(stream);
            return stream.ToArray();
        }

        Assert.Equal(Saved(E("c", 1, "A"), E("c", 1.5, "C")).Length, Saved(E("c", 1, "A"), E("c", 1, "C")).Length);
        Assert.Equal(Saved(E("c", 1, "A"), E("c", 1.5, "C")).Length, Saved(E("c", 1, "A"), E("c", 1, "C"), E("c", 1, "A"), E("c", 1, "C")).Length);
    }

    [Fact]
    public void AVersion5Snapshot_FromBeforeOrdinals_Restores_ItsOpenEpisodeNumberedAsItWas()
    {
        // Saved by JourneyKit at commit 7212b69 (format version 5, 91 bytes) after A, C, A at 1 h: the first episode
        // fired, the second is open. Version 5 did not number same-instant episodes, so the open one restores as number 0
        // and fires what version 5 would have fired.
        byte[] v5 = Convert.FromBase64String("SktNT04FAAAAQgAAAAAAAAACtYRpGPNFdIQN458iMW1PTAD+39Si39673hGAwJrQqd673hEABgAEAUEBQwAAAgFjAQIAAAGAwJrQqd673hEAAACO+4AmDtNMOA==");
        var rule = JourneyRule.Named("a-then-c").When("A").FollowedBy("C", TimeSpan.FromHours(1));
        var restored = JourneyMonitor.Load(new MemoryStream(v5), [rule], new JourneyMonitorOptions { AllowedLateness = TimeSpan.Zero });
        Assert.Equal([new RuleFiring("a-then-c", "c", H(1), H(2), H(2))], restored.PendingEpisodes());
        Assert.Equal([new RuleFiring("a-then-c", "c", H(1), H(2), H(1.5))], restored.Observe(E("c", 1.5, "C")).Concat(restored.AdvanceTo(H(3))));
    }

    [Fact]
    public void Occurrence_OnDetractorFeedback_FiresOnEveryMatch()
    {
        var rule = JourneyRule.Named("detractor").When(EventCondition.Feedback(atMost: 6));
        var result = Both([rule],
        [
            new JourneyEvent("a", H(1), "survey") { Feedback = 6 },
            new JourneyEvent("a", H(2), "survey") { Feedback = 7 },
            new JourneyEvent("b", H(3), "survey") { Feedback = 0 },
            E("b", 4, "survey"), // no feedback: never a detractor
        ], H(10));
        Assert.Equal([("a", H(1)), ("b", H(3))], result.Fired.Select(f => (f.CustomerId, f.StartedAt)));
        Assert.All(result.Fired, f => Assert.Equal(f.StartedAt, f.DueAt));
    }

    [Fact]
    public void CombinedConditions_AndOrNot()
    {
        // X: add_to_cart on the app; Y: a conversion, or a purchase that is not a refund-channel event.
        var rule = JourneyRule.Named("app-cart")
            .When(EventCondition.Touchpoint("add_to_cart") & EventCondition.Channel("app"))
            .NotFollowedBy(EventCondition.Outcome(EventOutcome.Conversion) | (EventCondition.Touchpoint("purchase") & !EventCondition.Channel("refunds")), TimeSpan.FromHours(1));
        var result = Both([rule],
        [
            new JourneyEvent("web", H(0), "add_to_cart") { Channel = "web" },              // not X
            new JourneyEvent("conv", H(0), "add_to_cart") { Channel = "app" },
            new JourneyEvent("conv", H(0.5), "thanks") { Outcome = EventOutcome.Conversion }, // Y
            new JourneyEvent("refund", H(0), "add_to_cart") { Channel = "app" },
            new JourneyEvent("refund", H(0.5), "purchase") { Channel = "refunds" },          // not Y → fires
            new JourneyEvent("buy", H(0), "add_to_cart") { Channel = "app" },
            new JourneyEvent("buy", H(0.5), "purchase") { Channel = "web" },                 // Y
        ], H(5));
        Assert.Equal(["refund"], result.Fired.Select(f => f.CustomerId));
    }

    [Fact]
    public void Stall_TakesTheMapsDwellTime_AndEventsInOtherStagesEndIt()
    {
        JourneyMap map = StallMap();
        var rule = JourneyRule.Named("stuck").Stalled("consideration");
        var result = Both([rule],
        [
            // enters consideration at 0, stays (compare again at 10), leaves at 30 > 0 + 24 → fires at 24, recovered.
            E("slow", 0, "ad"), E("slow", 1, "compare"), E("slow", 11, "compare"), E("slow", 31, "checkout"),
            // leaves in time.
            E("fast", 0, "compare"), E("fast", 20, "checkout"),
            // back to consideration at 30 after purchase at 20: a new entry, pending (due 54 > 40).
            E("back", 0, "compare"), E("back", 20, "checkout"), E("back", 30, "compare"),
        ], H(40), map);
        Assert.Equal([new RuleFiring("stuck", "slow", H(1), H(25), H(25))], result.Fired);
        Assert.Equal([new RuleFiring("stuck", "back", H(30), H(54), H(54))], result.Pending);
        Assert.Equal(1, result["stuck"].RecoveredAnyway);
    }

    [Fact]
    public void Stall_WithoutWindowOrMap_IsAClearError()
    {
        var rule = JourneyRule.Named("stuck").Stalled("consideration");
        EventLog log = new EventLogBuilder().Add("c", T0, "x").Build();
        var ex = Assert.Throws<RuleValidationException>(() => new RuleEngine([rule]).Evaluate(log, H(1)));
        Assert.Contains("'stuck'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'consideration'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<RuleValidationException>(() => new JourneyMonitor([rule]));

        var noDwell = Assert.Throws<RuleValidationException>(() => new RuleEngine([rule], SampleMaps.ECommerce()));
        Assert.Contains("no expected dwell time", noDwell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_WithoutMap_TakesStallWindowsFromTheLogsMap_AndChecksNothingElse()
    {
        JourneyMap map = StallMap();
        EventLog log = new EventLogBuilder(map, allowUnknownTouchpoints: true).Add("c", H(0), "compare").Add("c", H(1), "off-map").Build();
        JourneyRule[] rules = [JourneyRule.Named("stuck").Stalled("consideration"), JourneyRule.Named("off").When("off-map")];
        RuleEvaluation result = new RuleEngine(rules).Evaluate(log, H(30));
        Assert.Equal([new RuleFiring("off", "c", H(1), H(1), H(1)), new RuleFiring("stuck", "c", H(0), H(24), H(24))], result.Fired);

        // Given the map itself, the off-map touchpoint is an error.
        Assert.Throws<RuleValidationException>(() => new RuleEngine(rules, map));

        // A stall stage the log's map lacks cannot take a dwell time from it.
        var missing = Assert.Throws<RuleValidationException>(() => new RuleEngine([JourneyRule.Named("s").Stalled("nowhere")]).Evaluate(log, H(30)));
        Assert.Contains("'nowhere'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_ThatDoNotFitTheMap_NameTheRuleAndTheId()
    {
        JourneyRule[] rules =
        [
            JourneyRule.Named("a").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromHours(1)),
            JourneyRule.Named("b").When(EventCondition.Stage("nowhere")),
            JourneyRule.Named("b").When("ad"),
        ];
        var ex = Assert.Throws<RuleValidationException>(() => new RuleEngine(rules, SampleMaps.ECommerce()));
        Assert.Equal(4, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Contains("Rule 'a'", StringComparison.Ordinal) && e.Contains("'add_to_cart'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("Rule 'a'", StringComparison.Ordinal) && e.Contains("'purchase'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("Rule 'b'", StringComparison.Ordinal) && e.Contains("stage 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("unique", StringComparison.Ordinal));
    }

    [Fact]
    public void Builder_RejectsNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>("within", () => JourneyRule.Named("x").When("a").NotFollowedBy("b", TimeSpan.Zero));
        Assert.Throws<InvalidOperationException>(() => Cart.FollowedBy("c", TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>("name", () => JourneyRule.Named(" padded "));
        Assert.Throws<ArgumentOutOfRangeException>("maxFirings", () => Cart.WithMaxFirings(0));
        Assert.Throws<ArgumentException>("atLeast", () => EventCondition.Feedback(atLeast: 7, atMost: 6));
        Assert.Throws<ArgumentException>("atLeast", () => EventCondition.Value());
        Assert.Throws<ArgumentException>("atMost", () => EventCondition.Value(atMost: double.NaN));
    }

    [Fact]
    public void Firing_Id_IsDeterministic_AndNamesRuleCustomerAndStart()
    {
        var a = new RuleFiring("cart", "c1", H(0), H(24), H(24));
        Assert.Equal(a.Id, (a with { FiredAt = H(30) }).Id);
        Assert.NotEqual(a.Id, (a with { StartedAt = H(1) }).Id);
        Assert.NotEqual(a.Id, (a with { CustomerId = "c2" }).Id);
        Assert.NotEqual(a.Id, (a with { RuleName = "cart2" }).Id);
        // Length prefixes: ("ab","c") and ("a","bc") differ.
        Assert.NotEqual(new RuleFiring("ab", "c", H(0), H(0), H(0)).Id, new RuleFiring("a", "bc", H(0), H(0), H(0)).Id);
        Assert.Equal(8, a.Id.Version);
    }

    [Fact]
    public void Descriptions_ReadAsSentences()
    {
        Assert.Equal("cart: when touchpoint 'add_to_cart' not followed by touchpoint 'purchase' within 1.00:00:00", Cart.ToString());
        Assert.Equal("touchpoint 'a' and (feedback ≤ 6 or not channel 'x')",
            (EventCondition.Touchpoint("a") & (EventCondition.Feedback(atMost: 6) | !EventCondition.Channel("x"))).ToString());
    }

    internal static JourneyMap StallMap() =>
        JourneyMap.CreateBuilder("stall", "Stall test")
            .AddStage(new Stage("awareness", "Awareness", 0))
            .AddStage(new Stage("consideration", "Consideration", 1, expectedDwellTime: TimeSpan.FromHours(24)))
            .AddStage(new Stage("purchase", "Purchase", 2))
            .AddChannel("web", "Web", ChannelKind.Web)
            .AddTouchpoint("ad", "Ad", "awareness", "web")
            .AddTouchpoint("compare", "Compare", "consideration", "web")
            .AddTouchpoint("checkout", "Checkout", "purchase", "web")
            .Build();
}
