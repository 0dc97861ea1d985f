using JourneyKit.Events;
using JourneyKit.Rules;

namespace JourneyKit.Tests.Hostile;

/// <summary>Corrupt saved monitors: the only outcome is an <see cref="InvalidDataException"/> at restore, or a monitor that answers every call.</summary>
public class SnapshotHostileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JourneyRule[] Rules =
    [
        JourneyRule.Named("cart").When("add").NotFollowedBy("buy", TimeSpan.FromHours(24)).WithCooldown(TimeSpan.FromDays(2)),
        JourneyRule.Named("restart").When("view").NotFollowedBy("add", TimeSpan.FromHours(3)).WithRearm(RearmPolicy.Restart),
        JourneyRule.Named("seq").When("add").FollowedBy("buy", TimeSpan.FromHours(5)),
        JourneyRule.Named("stall").Stalled("consider", TimeSpan.FromHours(12)),
        JourneyRule.Named("big").When(EventCondition.Value(atLeast: 100)),
    ];

    [Fact]
    public void RandomCorruptions_AreRefusedAtRestore_OrGiveAMonitorThatAnswers()
    {
        byte[] snapshot = SavedMonitor();
        var random = new Random(20261207);
        int refused = 0;
        for (int trial = 0; trial < 3_000; trial++)
        {
            byte[] corrupt = [.. snapshot];
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++)
            {
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            }

            if (trial % 10 == 0)
            {
                corrupt = corrupt[..random.Next(corrupt.Length)]; // truncated as well
            }

            refused += RestoreAndUse(corrupt) ? 0 : 1;
        }

        // Every change to a framed snapshot is caught by its length, checksum or header (a byte rewritten to itself is no change).
        Assert.InRange(refused, 2_900, 3_000);
    }

    [Fact]
    public void CraftedPayloads_WithValidChecksums_AreRefusedOrAnswer()
    {
        // An attacker (or a bug) that frames a bad payload properly: every field is still checked.
        byte[] snapshot = SavedMonitor();
        var random = new Random(7);
        for (int trial = 0; trial < 3_000; trial++)
        {
            byte[] crafted = Rules_Reframe(snapshot, payload =>
            {
                int i = random.Next(payload.Length);
                payload[i] = random.Next(3) switch { 0 => 0xFF, 1 => 0x7F, _ => (byte)random.Next(256) };
            });
            RestoreAndUse(crafted);
        }
    }

    [Fact]
    public void HugeCounts_AreRefused_WithoutAllocatingThem()
    {
        // Every count is bounded by the bytes left: a count of 2^31 − 1 is corrupt, not an allocation.
        byte[] snapshot = SavedMonitor();
        byte[] crafted = Rules_Reframe(snapshot, payload => payload[0] = 0xFE); // the rule count as a varint: not 5
        Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(crafted), Rules, new JourneyMonitorOptions()));
        byte[] longer = [.. snapshot[..9], .. BitConverter.GetBytes(1L << 30), .. snapshot[17..]];
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => JourneyMonitor.Load(new MemoryStream(longer), Rules, new JourneyMonitorOptions())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomCorruptions_OfAVersion3Snapshot_AreRefusedAtRestore_OrGiveAMonitorThatAnswers()
    {
        // Version 3 has no checksum: what catches a corrupt byte is the check of every field (before, 94 in 10,000
        // corruptions restored and threw later, from Watermark, NextDue, PendingEpisodes or Observe). The state of
        // SavedMonitor(), saved by JourneyKit at commit b8db01a (434 bytes).
        byte[] v3 = Convert.FromBase64String(SavedVersion3);
        Assert.True(RestoreAndUse(v3));
        var random = new Random(29);
        int restored = 0;
        for (int trial = 0; trial < 3_000; trial++)
        {
            byte[] corrupt = [.. v3];
            corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            restored += RestoreAndUse(corrupt) ? 1 : 0;
        }

        Assert.InRange(restored, 1, 2_999); // some corruptions are harmless (a time, a count), most are not
    }

    private const string SavedVersion3 =
        "SktNT04DAAAABQAAAH8DpO4u0d4sF6t7QNiFZPKDnW7hg2uQvoDxui85rwxYJ5HI0Aw1Li397dBWkP2KxEZuTHfUKhhbFiKuNRjhWLtLqDAMnLWoukki2xbQ" +
        "V8cx/r+/25bru94RgODi96Ltu94RAHIAAAAAAAQAAAADYWRkA2J1eQR2aWV3BmJyb3dzZQAAAAACAAAACGNvbnNpZGVyBW90aGVyBgAAAAJjMQJjNQJjMAJj" +
        "MgJjMwJjNAICAAACAhwAAgGAmMKv6Om73hEAAAIEAYDQirGE6LveEQAAAgABgNCKsYTou94RAAAEBAGAyLvK7eS73hEAAAQAAYDIu8rt5LveEQAABAYBgKC8" +
        "1pnXu94RAAAGBgGAiOvM3Oq73hEAAAYCAYCwovL76rveEQAABgQBgMDtx+nnu94RAAAGAAGAwO3H6ee73hEAAAgEAYDAs8746LveEQAACAABgMCzzvjou94R" +
        "AAAKBAGAoJy/ium73hEAAAoAAYCgnL+K6bveEQAABoDomcT967veEQICAQIAAICot6UfAAABAgAAgNCRjoYBAgQBAAAASktNT04=";

    private static byte[] Rules_Reframe(byte[] snapshot, Action<byte[]> change) => JourneyKit.Tests.Rules.JourneyMonitorTests.Reframe(snapshot, change);

    /// <summary>Restores and, when that succeeds, exercises every call; false when the restore refused it.</summary>
    private static bool RestoreAndUse(byte[] bytes)
    {
        JourneyMonitor monitor;
        try
        {
            monitor = JourneyMonitor.Load(new MemoryStream(bytes), Rules, new JourneyMonitorOptions { WatermarkFollowsEvents = false });
        }
        catch (InvalidDataException)
        {
            return false;
        }

        _ = monitor.Watermark;
        _ = monitor.NextDue;
        _ = monitor.PendingEpisodes();
        _ = monitor.StateBytes;
        monitor.Observe(new JourneyEvent("c1", T0.AddDays(3), "add") { Value = 150, Stage = "consider" });
        monitor.AdvanceTo(T0.AddDays(30));
        monitor.AdvanceTo(DateTimeOffset.MaxValue);
        _ = monitor.PendingEpisodes();
        monitor.Save(new MemoryStream());
        return true;
    }

    private static byte[] SavedMonitor()
    {
        var monitor = new JourneyMonitor(Rules, new JourneyMonitorOptions { AllowedLateness = TimeSpan.FromHours(1) });
        string[] touchpoints = ["view", "add", "buy", "browse"];
        var random = new Random(3);
        for (int i = 0; i < 60; i++)
        {
            monitor.Observe(new JourneyEvent("c" + random.Next(6), T0.AddMinutes(i * 17 + random.Next(30)), touchpoints[random.Next(4)])
            {
                Stage = random.Next(3) == 0 ? "consider" : "other",
                Value = random.Next(4) == 0 ? random.Next(200) : null,
                Feedback = random.Next(5) == 0 ? random.Next(11) : null,
            });
        }

        using var stream = new MemoryStream();
        monitor.Save(stream);
        Assert.True(monitor.BufferedEvents > 0 && monitor.OpenEpisodes > 0);
        return stream.ToArray();
    }
}
