using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Tests.Hostile;

/// <summary>Corrupt saved identity graphs, look-alike identifiers and placeholder values.</summary>
public class IdentityHostileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    // The graph below saved by JourneyKit at commit b8db01a (format version 1, no checksum; 740 bytes): 9 identifiers in
    // 4 profiles, 5 merging links, 2 refused links.
    private const string SavedVersion1 =
        "SktJREcBAAAAAwAAAAd1c2VyX2lkBWVtYWlsDGFub255bW91c19pZAEAAAAHdXNlcl9pZAEAAAD/////AQAAAARudWxsoIYBAAMAAAADd2ViA2FwcANjcm0J" +
        "AAAAAgJhMQEQamFuZUBleGFtcGxlLmNvbQICYTIAAnUxAgJhMwACdTIAAnUzAgJhNQEPYm9iQGV4YW1wbGUuY29tBAAAAAMAAAAFAAAABgAAAAgAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAQAAAAEAAAACAAAAAwAAAAMAAAAFAAAAAQAAAAAAAAAA6D8pvL/eCAAAAAABAAAAAgAAAABQBIvEv94IAQAAAAMAAAABAAAAALjI7My/" +
        "3ggCAAAABQAAAAQAAAAAII1O1b/eCAAAAAAIAAAABwAAAABY2nPuv94I/////wcAAAAAAAAABwAAAAAAAAAFAAAAAAAAAAAAAAAAAAAABgAAAAAAAAAAAAAA" +
        "AAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAIAAAAFAAAAAAAAAAEMYW5vbnltb3VzX2lkAQJhNAEMYW5vbnltb3VzX2lkAQRudWxs" +
        "APAVEua/3ggBA3dlYgJFYW5vbnltb3VzX2lkOm51bGwgaXMgYSBibG9ja2VkIHZhbHVlIChJZGVudGl0eU9wdGlvbnMuQmxvY2tlZFZhbHVlcykuBAAAAAAA" +
        "AAABB3VzZXJfaWQBAnUzAQxhbm9ueW1vdXNfaWQBAmEzAIhRsN2/3ggBA3dlYgWXAU1lcmdpbmcgdXNlcl9pZDp1MyAocHJvZmlsZSB1c2VyX2lkOnUzKSB3" +
        "aXRoIGFub255bW91c19pZDphMyAocHJvZmlsZSB1c2VyX2lkOnUyKSB3b3VsZCBnaXZlIG9uZSBwcm9maWxlIDIgdXNlcl9pZCBpZGVudGlmaWVyczsgTWF4" +
        "UGVyUHJvZmlsZSBhbGxvd3MgMS4=";

    private static IdentityGraph Graph()
    {
        var b = new IdentityGraphBuilder(new IdentityOptions { KindPriority = ["user_id", "email", "anonymous_id"], BlockedValues = ["null"], MaxPerProfile = new Dictionary<string, int> { ["user_id"] = 1 } });
        b.Link("anonymous_id", "a1", "email", "jane@example.com", T0, "web");
        b.Link("anonymous_id", "a2", "email", "jane@example.com", T0.AddHours(1), "app");
        b.Link("email", "jane@example.com", "user_id", "u1", T0.AddHours(2), "crm");
        b.Link("anonymous_id", "a3", "user_id", "u2", T0.AddHours(3), "web");
        b.Link("anonymous_id", "a3", "user_id", "u3", T0.AddHours(4), "web");
        b.Link("anonymous_id", "a4", "anonymous_id", "null", T0.AddHours(5), "web");
        b.Link("anonymous_id", "a5", "email", "bob@example.com", T0.AddHours(6));
        return b.Build();
    }

    [Fact]
    public void AVersion1Graph_StillLoads_AndEqualsTheSameGraphSavedNow()
    {
        IdentityGraph old = IdentityGraph.Load(new MemoryStream(Convert.FromBase64String(SavedVersion1)));
        IdentityGraph now = Graph();
        Assert.Equal(now.ProfileCount, old.ProfileCount);
        Assert.Equal(now.ProfileOf("anonymous_id", "a2"), old.ProfileOf("anonymous_id", "a2"));
        Assert.Equal(now.Explain(new Identifier("anonymous_id", "a1"), new Identifier("user_id", "u1"))!.Links, old.Explain(new Identifier("anonymous_id", "a1"), new Identifier("user_id", "u1"))!.Links);
        Assert.Equal(now.Report.ToString(), old.Report.ToString());
    }

    [Fact]
    public void EverySingleByteSubstitution_IsRefusedAtLoad_OrGivesAGraphThatAnswersEveryCall()
    {
        // Version 1 has no checksum: each field's check (counts bounded by the bytes left, links that connect each
        // profile) is what catches them. Before: 368 out-of-memory errors, and loaded graphs whose Explain threw.
        byte[] v1 = Convert.FromBase64String(SavedVersion1);
        int loaded = 0;
        for (int at = 0; at < v1.Length; at++)
        {
            foreach (byte value in (byte[])[0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)(v1[at] ^ 0x04)])
            {
                byte[] corrupt = [.. v1];
                corrupt[at] = value;
                loaded += LoadAndUse(corrupt) ? 1 : 0;
            }
        }

        Assert.InRange(loaded, 1, (v1.Length * 6) - 1);
    }

    [Fact]
    public void SavedNow_AnyChangedByte_IsCaughtByTheChecksum()
    {
        using var saved = new MemoryStream();
        Graph().Save(saved);
        byte[] bytes = saved.ToArray();
        for (int at = 17; at < bytes.Length; at++)
        {
            byte[] corrupt = [.. bytes];
            corrupt[at] ^= 0x21;
            Assert.Throws<InvalidDataException>(() => IdentityGraph.Load(new MemoryStream(corrupt)));
        }
    }

    [Fact]
    public void MergingLinks_ThatDoNotConnectAProfile_AreRefused()
    {
        // Jane's profile {a1, jane, a2, u1} is joined by a1–jane, a2–jane, jane–u1. The third rewritten as a1–a2 (ids 0
        // and 2) keeps every count and every link inside the profile, but leaves u1 unreached: Explain used to throw
        // KeyNotFoundException. Links are 20-byte records (a, b, ticks, source); the first is found by its time, T0.
        using var saved = new MemoryStream();
        Graph().Save(saved);
        byte[] crafted = JourneyKit.Tests.Rules.JourneyMonitorTests.Reframe(saved.ToArray(), payload =>
        {
            int first = payload.AsSpan().IndexOf(BitConverter.GetBytes(T0.UtcTicks)) - 8;
            Assert.Contains(BitConverter.ToInt32(payload, first), (int[])[0, 1]); // a1 and jane, in either order
            BitConverter.GetBytes(0).CopyTo(payload, first + 40);
            BitConverter.GetBytes(2).CopyTo(payload, first + 44);
        });
        var ex = Assert.Throws<InvalidDataException>(() => IdentityGraph.Load(new MemoryStream(crafted)));
        Assert.Contains("merging link 2 closes a cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_OnAHugeStar_WalksOnlyTheChain_AndALongChainPrintsShort()
    {
        var star = new IdentityGraphBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            star.Link("anonymous_id", "a" + i, "user_id", "u", T0.AddSeconds(i));
        }

        IdentityGraph graph = star.Build();
        var path = graph.Explain(new Identifier("anonymous_id", "a7"), new Identifier("anonymous_id", "a199999"))!;
        Assert.Equal(2, path.Links.Count);
        Assert.Equal(new Identifier("anonymous_id", "a7"), path.Links[0].First);
        Assert.Equal(new Identifier("anonymous_id", "a199999"), path.Links[1].Second);

        var chain = new IdentityGraphBuilder();
        for (int i = 0; i < 5_000; i++)
        {
            chain.Link("anonymous_id", "a" + i, "anonymous_id", "a" + (i + 1), T0.AddSeconds(i));
        }

        var longest = chain.Build().Explain(new Identifier("anonymous_id", "a0"), new Identifier("anonymous_id", "a5000"))!;
        Assert.Equal(5_000, longest.Links.Count);
        for (int i = 1; i < longest.Links.Count; i++)
        {
            Assert.Equal(longest.Links[i - 1].Second, longest.Links[i].First);
        }

        string text = longest.ToString();
        Assert.InRange(text.Length, 100, 4_000);
        Assert.Contains("4,980 more", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LookAlikeEmails_AndDisguisedPlaceholders_AreTheSameAsTheirPlainForms()
    {
        var graph = new IdentityGraphBuilder(new IdentityOptions { BlockedValues = IdentityOptions.CommonBlockedValues })
            .Link("anonymous_id", "a1", "email", "jane.doe@example.com", T0)
            .Link("anonymous_id", "a2", "email", "ｊａｎｅ.doe@example.com", T0.AddMinutes(1))       // full-width letters
            .Link("anonymous_id", "a3", "email", "jane.doe@example.com\u200B", T0.AddMinutes(2))   // a trailing zero-width space
            .Link("anonymous_id", "a4", "device_id", "Null\u200b", T0.AddMinutes(3))
            .Link("anonymous_id", "a5", "device_id", "ｎｕｌｌ", T0.AddMinutes(4))
            .Link("anonymous_id", "a6", "device_id", "n / a", T0.AddMinutes(5))
            .Build();
        Assert.Equal("email:jane.doe@example.com", graph.ProfileOf("anonymous_id", "a2"));
        Assert.Equal("email:jane.doe@example.com", graph.ProfileOf("anonymous_id", "a3"));
        Assert.Equal(3, graph.Report.RefusedByReason[LinkRefusal.BlockedValue]);
        Assert.Contains("blocked", Assert.Throws<ArgumentException>(() => graph.ProfileOf("device_id", "null")).Message, StringComparison.Ordinal);
        Assert.Equal("device_id:-1x", graph.ProfileOf("device_id", "-1x")); // folding removes no punctuation
    }

    [Fact]
    public void BuyingRoles_AreComparedNormalised()
    {
        var directory = new AccountDirectoryBuilder().AddMember("acme", "p1", "Decision_Maker").AddMember("acme", "p2", "  Influencer ").Build();
        Assert.True(directory.IsDecisionMaker(directory.Members[0].Role));
        Assert.Equal("decision maker", directory.Members[0].Role);
        Assert.Equal("influencer", directory.Members[1].Role);
        Assert.True(directory.IsDecisionMaker("DECISION-maker"));
    }

    [Fact]
    public void OnePersonInThousandsOfAccounts_IsAddedOnce_PerAccount()
    {
        var builder = new AccountDirectoryBuilder(new AccountOptions { AllowSeveralAccounts = true });
        for (int a = 0; a < 20_000; a++)
        {
            builder.AddMember("acct" + a, "p");
        }

        builder.AddMember("acct19999", "p");
        AccountDirectory directory = builder.Build();
        Assert.Equal(20_000, directory.Members.Count);
        Assert.Equal(MembershipRefusal.Duplicate, Assert.Single(directory.Refused).Reason);
    }

    private static bool LoadAndUse(byte[] bytes)
    {
        IdentityGraph graph;
        try
        {
            graph = IdentityGraph.Load(new MemoryStream(bytes));
        }
        catch (InvalidDataException)
        {
            return false;
        }

        foreach (IdentityGraph g in (IdentityGraph[])[graph, graph.ToBuilder().Build()])
        {
            var ids = new List<Identifier>();
            foreach (string kind in g.Options.KindPriority)
            {
                foreach (string value in (string[])["a1", "a2", "a3", "a5", "u1", "u2", "jane@example.com", "bob@example.com"])
                {
                    try
                    {
                        _ = g.ProfileOf(kind, value);
                        ids.AddRange(g.MembersOf(kind, value));
                    }
                    catch (ArgumentException)
                    {
                        // a blocked value (the corrupt options may block anything): a clear refusal
                    }
                }
            }

            foreach (Identifier x in ids)
            {
                foreach (Identifier y in ids)
                {
                    _ = g.Explain(x, y)?.ToString();
                }
            }

            if (g.Options.KindPriority.Contains("anonymous_id"))
            {
                _ = g.Rekey(new EventLogBuilder().Add("a1", T0, "x").Add("zz", T0, "y").Build(), "anonymous_id");
            }

            using var again = new MemoryStream();
            g.Save(again);
            _ = g.ToString();
        }

        return true;
    }
}
