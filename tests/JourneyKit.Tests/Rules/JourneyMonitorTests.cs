using System.Text;
using JourneyKit.Events;
using JourneyKit.Rules;
using static JourneyKit.Tests.Rules.RuleHarness;

namespace JourneyKit.Tests.Rules;

public class JourneyMonitorTests
{
    private static readonly JourneyRule Cart = JourneyRule.Named("cart").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromHours(24));

    [Fact]
    public void NextDue_IsTheOldestBufferedEventThenTheEarliestOpenEpisode()
    {
        var monitor = new JourneyMonitor([Cart], new JourneyMonitorOptions { WatermarkFollowsEvents = false });
        Assert.Null(monitor.NextDue);
        monitor.Observe("c", H(3), "add_to_cart");
        monitor.Observe("d", H(2), "browse");
        Assert.Equal(H(2), monitor.NextDue);        // buffered: the oldest event waits for the watermark
        monitor.AdvanceTo(H(5));
        Assert.Equal(H(27), monitor.NextDue);       // c's episode is due 24 h after its cart
        monitor.Observe("c", H(6), "purchase");
        Assert.Equal(H(6), monitor.NextDue);
        monitor.AdvanceTo(H(7));
        Assert.Null(monitor.NextDue);               // followed up: nothing left to do
    }

    [Fact]
    public void Observe_OutOfOrderWithinLateness_IsPutInPlace()
    {
        // The purchase (t = 5 h) arrives before the add to cart (t = 4 h), within 2 h of lateness: journey order is add, purchase.
        var monitor = new JourneyMonitor([Cart], new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromHours(2) });
        Assert.Empty(monitor.Observe("c", H(5), "purchase"));
        Assert.Empty(monitor.Observe("c", H(4), "add_to_cart"));
        Assert.Empty(monitor.AdvanceTo(H(100)));
        Assert.Equal(0, monitor.LateEvents);
        Assert.Equal(2, monitor.AppliedEvents);
    }

    [Fact]
    public void Observe_LateEvent_IsCountedReportedAndNotApplied()
    {
        var late = new List<JourneyEvent>();
        var monitor = new JourneyMonitor([Cart], new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromHours(1), OnLateEvent = late.Add, LateEvents = LateEventPolicy.Count });
        monitor.Observe("c", H(0), "add_to_cart");
        monitor.Observe("d", H(30), "browse"); // watermark → 29 h − 1 tick: c's episode (due 24) fires
        Assert.Equal(H(29).AddTicks(-1), monitor.Watermark);

        // The purchase at 20 h would have closed the episode, but it comes after the watermark passed it.
        Assert.Empty(monitor.Observe("c", H(20), "purchase"));
        Assert.Equal(1, monitor.LateEvents);
        Assert.Equal([new JourneyEvent("c", H(20), "purchase")], late);
        Assert.Equal(1, monitor.AppliedEvents); // d's event at 30 h waits for the watermark
        Assert.Equal(1, monitor.BufferedEvents);
    }

    [Fact]
    public void Observe_ReturnsTheFiringsItsWatermarkCaused_AdvanceToTheRest()
    {
        var monitor = new JourneyMonitor([Cart]);
        Assert.Empty(monitor.Observe("a", H(0), "add_to_cart"));
        Assert.Empty(monitor.Observe("b", H(1), "add_to_cart"));
        var fired = monitor.Observe("z", H(24.5), "browse"); // watermark 24.5 h − 1 tick: a is due at 24, b at 25
        Assert.Equal(["a"], fired.Select(f => f.CustomerId));
        Assert.Equal(["b"], monitor.AdvanceTo(H(25)).Select(f => f.CustomerId));
        Assert.Empty(monitor.AdvanceTo(H(20))); // backwards: nothing
        Assert.Equal(H(25), monitor.Watermark);
    }

    [Fact]
    public void WatermarkFollowsEventsOff_OnlyAdvanceToMovesIt()
    {
        var monitor = new JourneyMonitor([Cart], new JourneyMonitorOptions { WatermarkFollowsEvents = false });
        monitor.Observe("a", H(0), "add_to_cart");
        monitor.Observe("a", H(9999), "browse"); // a future-dated event does not push time ahead
        Assert.Null(monitor.Watermark);
        Assert.Equal(2, monitor.BufferedEvents);
        Assert.Equal(["a"], monitor.AdvanceTo(H(48)).Select(f => f.CustomerId));
        Assert.Equal(1, monitor.BufferedEvents);
    }

    [Fact]
    public void MaxBufferedEvents_ProcessesTheOldestInsteadOfGrowing()
    {
        var monitor = new JourneyMonitor([Cart], new JourneyMonitorOptions { WatermarkFollowsEvents = false, MaxBufferedEvents = 2 });
        monitor.Observe("a", H(0), "add_to_cart");
        monitor.Observe("a", H(1), "x");
        Assert.Equal(2, monitor.BufferedEvents);
        monitor.Observe("a", H(2), "x");
        Assert.Equal(2, monitor.BufferedEvents);
        Assert.Equal(H(0), monitor.Watermark);
        Assert.Equal(1, monitor.OpenEpisodes);
    }

    [Fact]
    public void Observe_RejectsBadEvents_NamingTheCustomer()
    {
        var monitor = new JourneyMonitor([Cart]);
        Assert.Throws<ArgumentException>("journeyEvent", () => monitor.Observe(" ", H(0), "x"));
        Assert.Throws<ArgumentException>("journeyEvent", () => monitor.Observe("c", H(0), ""));
        var ex = Assert.Throws<ArgumentException>("journeyEvent", () => monitor.Observe(new JourneyEvent("c9", H(0), "x") { Feedback = double.NaN }));
        Assert.Contains("'c9'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionsException>("AllowedLateness", () => new JourneyMonitor([Cart], new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromTicks(-1) }));
    }

    [Fact]
    public void Map_GivesEventsTheirStage_ForStallRules()
    {
        JourneyMap map = RuleTimelineTests.StallMap();
        var monitor = new JourneyMonitor([JourneyRule.Named("stuck").Stalled("consideration")], new JourneyMonitorOptions { Map = map });
        monitor.Observe("c", H(0), "compare");
        var fired = monitor.AdvanceTo(H(24));
        Assert.Equal([new RuleFiring("stuck", "c", H(0), H(24), H(24))], fired);
    }

    [Fact]
    public void Map_IsHonoured_RightAfterAMonitorWithTheSameRulesAndNoMap()
    {
        // What a monitor derives from its rules is shared with the next monitor built from the same rules — and the same
        // map: without the map, "compare" has no stage and nothing stalls; with it, the customer stalls in consideration.
        JourneyRule[] rules = [JourneyRule.Named("stuck").Stalled("consideration", TimeSpan.FromHours(24))];
        var bare = new JourneyMonitor(rules);
        bare.Observe("c", H(0), "compare");
        Assert.Empty(bare.AdvanceTo(H(48)));

        var mapped = new JourneyMonitor(rules, new JourneyMonitorOptions { Map = RuleTimelineTests.StallMap() });
        mapped.Observe("c", H(0), "compare");
        Assert.Equal([new RuleFiring("stuck", "c", H(0), H(24), H(24))], mapped.AdvanceTo(H(48)));
        var bareAgain = new JourneyMonitor(rules);
        bareAgain.Observe("c", H(0), "compare");
        Assert.Empty(bareAgain.AdvanceTo(H(48)));
    }

    [Fact]
    public void Rules_CannotBeChangedThroughTheList_ForTheMonitorsSharingThem()
    {
        // Monitors built from the same rules share one list of them: a caller that casts it must not reach the others.
        JourneyRule[] rules = [Cart, JourneyRule.Named("other").When("a")];
        var first = new JourneyMonitor(rules);
        var second = new JourneyMonitor(rules);
        Assert.Throws<NotSupportedException>(() => ((IList<JourneyRule>)first.Rules)[0] = rules[1]);
        Assert.Equal(rules, second.Rules);
        rules[0] = rules[1];
        Assert.Equal(Cart, first.Rules[0]);
    }

    [Fact]
    public async Task ObserveAsync_YieldsFiringsAsTheyHappen()
    {
        var monitor = new JourneyMonitor([Cart]);
        var fired = new List<RuleFiring>();
        await foreach (RuleFiring f in monitor.ObserveAsync(Stream()))
        {
            fired.Add(f);
        }

        Assert.Equal(["a"], fired.Select(f => f.CustomerId));

        static async IAsyncEnumerable<JourneyEvent> Stream()
        {
            yield return E("a", 0, "add_to_cart");
            await Task.Yield();
            yield return E("b", 30, "browse");
        }
    }

    [Fact]
    public void Restore_RefusesForeignOrMismatchedSnapshots()
    {
        var monitor = new JourneyMonitor([Cart]);
        monitor.Observe("c", H(0), "add_to_cart");
        using var snapshot = new MemoryStream();
        monitor.Save(snapshot);
        byte[] bytes = snapshot.ToArray();

        var other = JourneyRule.Named("cart").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromHours(12));
        var changed = Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(bytes), [other], new JourneyMonitorOptions()));
        Assert.Contains("'cart'", changed.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(bytes), [Cart, JourneyRule.Named("extra").When("x")], new JourneyMonitorOptions()));
        Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(Encoding.UTF8.GetBytes("not a snapshot")), [Cart], new JourneyMonitorOptions()));
        Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(bytes[..^7]), [Cart], new JourneyMonitorOptions()));

        byte[] newer = [.. bytes];
        newer[5] = 99; // the version after the magic
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(newer), [Cart], new JourneyMonitorOptions())).Message, StringComparison.Ordinal);

        // A flipped byte anywhere in the payload is caught by the checksum.
        byte[] flipped = [.. bytes];
        flipped[30] ^= 0x10;
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(flipped), [Cart], new JourneyMonitorOptions())).Message, StringComparison.Ordinal);

        // A payload that was changed and framed again (a valid checksum) is checked field by field. The waiting event
        // ends the payload: customer, touchpoint, channel and stage as one-byte zigzag varints, then outcome and flags.
        Assert.Equal(1, monitor.BufferedEvents);
        Assert.Contains("customer is 7", Restore(Reframe(bytes, p => p[^6] = 14)), StringComparison.Ordinal);     // only customer 0 exists
        Assert.Contains("touchpoint is 63", Restore(Reframe(bytes, p => p[^5] = 0x7E)), StringComparison.Ordinal);
        Assert.Contains("outcome 9", Restore(Reframe(bytes, p => p[^2] = 9)), StringComparison.Ordinal);
        Assert.Contains("flags", Restore(Reframe(bytes, p => p[^1] = 4)), StringComparison.Ordinal);
        Assert.Contains("announced", Restore(Reframe(bytes, p => p[p.AsSpan().IndexOf("\vadd_to_cart"u8)] = 0x7F)), StringComparison.Ordinal);

        static string Restore(byte[] snapshot) =>
            Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(snapshot), [Cart], new JourneyMonitorOptions())).Message;

        JourneyMonitor restored = JourneyMonitor.Load(new MemoryStream(bytes), [Cart], new JourneyMonitorOptions());
        Assert.Equal(monitor.PendingEpisodes(), restored.PendingEpisodes());
        Assert.Equal(monitor.Watermark, restored.Watermark);
        Assert.Equal(monitor.BufferedEvents, restored.BufferedEvents);
    }

    [Fact]
    public void Restore_ReadsAVersion1Snapshot_WhichStoredEachRulesJson()
    {
        // Saved by JourneyKit at commit 52e56e1 (format version 1: each rule's JSON, 303 bytes here): the cart rule,
        // customer "c" with add_to_cart at T0 applied (watermark T0 + 30 min, an open episode) and purchase at T0 + 1 h
        // waiting. Version 2 stores 16 bytes of a hash per rule instead.
        byte[] v1 = Convert.FromBase64String(
            "SktNT04BAAAAAQAAAHt7Im5hbWUiOiJjYXJ0Iiwia2luZCI6IkFic2VuY2UiLCJ3aGVuIjp7InRvdWNocG9pbnQiOiJhZGRfdG9fY2FydCJ9LCJ0aGVuIjp7" +
            "InRvdWNocG9pbnQiOiJwdXJjaGFzZSJ9LCJ3aXRoaW4iOiIxLjAwOjAwOjAwIn0AHCEcdXfeCABQA015d94IAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAgAA" +
            "AAthZGRfdG9fY2FydAhwdXJjaGFzZQAAAAAAAAAAAQAAAAFj/////wEAAAAAAAAAAAAAAAEA6D7rcHfeCAAAAAAAAAAAAAAAAAEAAAAAUANNeXfeCAAAAAAB" +
            "AAAA//////////8AAAAAAAAA+P8AAAAAAAD4/0pLTU9O");
        var options = new JourneyMonitorOptions { WatermarkFollowsEvents = false };
        JourneyMonitor restored = RestoreSavedCartState(v1, options);

        // It continues as the monitor that saved it would have: the purchase closes the episode, nothing fires.
        Assert.Empty(restored.AdvanceTo(H(48)));
        Assert.Empty(restored.PendingEpisodes());

        // Saved again, it is the current version; a changed rule is refused by name in either version.
        using var current = new MemoryStream();
        restored.Save(current);
        Assert.Equal(6, BitConverter.ToInt32(current.GetBuffer(), 5));
        var other = JourneyRule.Named("cart").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromHours(12));
        Assert.Contains("'cart'", Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(v1), [other], options)).Message, StringComparison.Ordinal);
        Assert.Contains("'cart'", Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(current.ToArray()), [other], options)).Message, StringComparison.Ordinal);
    }

    // The state both embedded old snapshots hold: the cart rule, customer "c" with add_to_cart at T0 applied (watermark
    // T0 + 30 min, an open episode due at T0 + 24 h) and purchase at T0 + 1 h waiting.
    private static JourneyMonitor RestoreSavedCartState(byte[] snapshot, JourneyMonitorOptions options) =>
        RestoreSavedCartState(new MemoryStream(snapshot), options);

    private static JourneyMonitor RestoreSavedCartState(Stream snapshot, JourneyMonitorOptions options)
    {
        JourneyMonitor restored = JourneyMonitor.Load(snapshot, [Cart], options);
        Assert.Equal((H(0.5), 1, 1L), (restored.Watermark, restored.BufferedEvents, restored.AppliedEvents));
        Assert.Equal(("cart", "c", H(0), H(24)), restored.PendingEpisodes().Select(p => (p.RuleName, p.CustomerId, p.StartedAt, p.DueAt)).Single());
        return restored;
    }

    [Fact]
    public void Restore_ReadsAVersion2Snapshot_WithFixedWidthNumbers()
    {
        // The same state as the version-1 snapshot above, saved by JourneyKit at commit 357063f (format version 2: a
        // 16-byte hash per rule, numbers fixed width, 41 bytes per waiting event; 195 bytes here).
        byte[] v2 = Convert.FromBase64String(
            "SktNT04CAAAAAQAAAElW2mPZ2To3o+75Js5J8g4AHCEcdXfeCABQA015d94IAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAgAAAAthZGRfdG9fY2FydAhwdXJj" +
            "aGFzZQAAAAAAAAAAAQAAAAFj/////wEAAAAAAAAAAAAAAAEA6D7rcHfeCAAAAAAAAAAAAAAAAAEAAAAAUANNeXfeCAAAAAABAAAA//////////8AAAAAAAAA" +
            "+P8AAAAAAAD4/0pLTU9O");
        var options = new JourneyMonitorOptions { WatermarkFollowsEvents = false };
        JourneyMonitor restored = RestoreSavedCartState(v2, options);

        // Saved as the current version it is less than half the size, and restores to the same monitor.
        using var v3 = new MemoryStream();
        restored.Save(v3);
        Assert.True(v3.Length < v2.Length / 2 + 40, $"{v3.Length} bytes");
        var again = JourneyMonitor.Load(new MemoryStream(v3.ToArray()), [Cart], options);
        Assert.Equal((restored.Watermark, restored.BufferedEvents, restored.AppliedEvents), (again.Watermark, again.BufferedEvents, again.AppliedEvents));
        Assert.Empty(again.AdvanceTo(H(48)));
        Assert.Empty(again.PendingEpisodes());
    }

    [Fact]
    public void Restore_ReadsAVersion3Snapshot_WithVarintsAndNoChecksum()
    {
        // The same state again, saved by JourneyKit at commit b8db01a (format version 3: zigzag varints, no length or
        // checksum; 126 bytes). Version 4 frames the same payload with its length and a checksum.
        byte[] v3 = Convert.FromBase64String(
            "SktNT04DAAAAAQAAAElW2mPZ2To3o+75Js5J8g6A8IjCo9273hGAwJrQqd673hEAAgACAAAAC2FkZF90b19jYXJ0CHB1cmNoYXNlAAAAAAAAAAABAAAAAWMBAgAA" +
            "AYCg97Od3LveEQAAAoDAmtCp3rveEQACAQEAAEpLTU9O");
        var options = new JourneyMonitorOptions { WatermarkFollowsEvents = false };

        // Followed by other bytes in the stream, the restore stops where the snapshot ends.
        using var stream = new MemoryStream([.. v3, .. "tail"u8]);
        JourneyMonitor restored = RestoreSavedCartState(stream, options);
        Assert.Equal(v3.Length, stream.Position);
        Assert.Empty(restored.AdvanceTo(H(48)));
        Assert.Empty(restored.PendingEpisodes());
    }

    [Fact]
    public void Restore_ReadsAVersion4Snapshot_FromBeforeHoldouts_AndTheRuleMayGainAHoldout()
    {
        // The same state, saved by JourneyKit at commit b81d093 (format version 4: framed, no holdouts; 122 bytes).
        byte[] v4 = Convert.FromBase64String(
            "SktNT04EAAAAYQAAAAAAAAACSVbaY9nZOjej7vkmzknyDoDwiMKj3bveEYDAmtCp3rveEQACAAQLYWRkX3RvX2NhcnQIcHVyY2hhc2UAAAIBYwECAAABgKD3s53cu94RAAACgMCa0Kneu94RAAIBAQAAxaGSkgDigKo=");
        var options = new JourneyMonitorOptions { WatermarkFollowsEvents = false };
        RestoreSavedCartState(v4, options);

        // A holdout only flags firings, so the rule with one restores the same episodes: an experiment can start on a
        // running monitor. Saved again (now version 6) the split is recorded, and a different split is refused by name.
        var split = new JourneyKit.Experiments.HoldoutSplit("cart-followup", 0.5);
        var held = JourneyMonitor.Load(new MemoryStream(v4), [Cart.WithHoldout(split)], options);
        Assert.Equal(split.IsControl("c"), held.PendingEpisodes().Single().IsHoldout);
        using var v5 = new MemoryStream();
        held.Save(v5);
        Assert.Equal(6, BitConverter.ToInt32(v5.GetBuffer(), 5));
        Assert.Single(JourneyMonitor.Load(new MemoryStream(v5.ToArray()), [Cart.WithHoldout(split)], options).PendingEpisodes());
        Assert.Single(JourneyMonitor.Load(new MemoryStream(v5.ToArray()), [Cart], options).PendingEpisodes()); // the experiment ended
        string message = Assert.Throws<InvalidDataException>(() =>
            JourneyMonitor.Load(new MemoryStream(v5.ToArray()), [Cart.WithHoldout(new JourneyKit.Experiments.HoldoutSplit("cart-followup", 0.2))], options)).Message;
        Assert.Contains("'cart'", message, StringComparison.Ordinal);
        Assert.Contains("moves customers between arms", message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveState_IsSelfDelimiting_SoSnapshotsCanFollowEachOther()
    {
        var a = new JourneyMonitor([Cart]);
        a.Observe("a", H(0), "add_to_cart");
        var b = new JourneyMonitor([Cart]);
        b.Observe("b", H(1), "add_to_cart");
        b.Observe("b", H(2), "browse");
        using var stream = new MemoryStream();
        a.Save(stream);
        b.Save(stream);
        stream.Position = 0;
        var options = new JourneyMonitorOptions();
        Assert.Equal(a.PendingEpisodes(), JourneyMonitor.Load(stream, [Cart], options).PendingEpisodes());
        Assert.Equal(b.PendingEpisodes(), JourneyMonitor.Load(stream, [Cart], options).PendingEpisodes());
        Assert.Equal(stream.Length, stream.Position);
    }

    /// <summary>A version-4 snapshot with its payload changed and its checksum made to match again.</summary>
    internal static byte[] Reframe(byte[] snapshot, Action<byte[]> change)
    {
        const int header = 5 + 4 + 8; // magic, version, length
        byte[] payload = snapshot[header..^8];
        change(payload);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(payload);
        return [.. snapshot[..9], .. BitConverter.GetBytes((long)payload.Length), .. payload, .. hash[..8]];
    }

    [Fact]
    public void FiringIds_AreTheSameBatchAndLive()
    {
        var events = new[] { E("c", 0, "add_to_cart"), E("d", 1, "add_to_cart") };
        var batch = new RuleEngine([Cart]).Evaluate(new EventLogBuilder().AddRange(events).Build(), H(48));
        var monitor = new JourneyMonitor([Cart]);
        var live = events.SelectMany(monitor.Observe).ToList();
        live.AddRange(monitor.AdvanceTo(H(48)));
        Assert.Equal(batch.Fired.Select(f => f.Id), live.Select(f => f.Id));
        Assert.Equal(2, live.Select(f => f.Id).Distinct().Count());
    }
}
