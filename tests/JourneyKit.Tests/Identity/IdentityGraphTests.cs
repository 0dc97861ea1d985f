using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Tests.Identity;

public class IdentityGraphTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EntryPoints_StitchACookieToItsUser()
    {
        var builder = new IdentityGraphBuilder(new IdentityOptions { KindPriority = ["user_id", "email", "anonymous_id"] });
        builder.Link("anonymous_id", "a1", "user_id", "u1", T0);
        IdentityGraph graph = builder.Build();
        Assert.Equal("user_id:u1", graph.ProfileOf("anonymous_id", "a1"));
        Assert.Equal("user_id:u1", graph.ProfileOf("user_id", "u1"));
        Assert.Equal("anonymous_id:a2", graph.ProfileOf("anonymous_id", "a2"));

        var log = new EventLogBuilder()
            .Add("a1", T0.AddMinutes(-5), "ad")
            .Add("a2", T0, "blog")
            .Add("a1", T0.AddMinutes(1), "checkout")
            .Build();
        EventLog rekeyed = graph.Rekey(log, "anonymous_id");
        Assert.Equal(["user_id:u1", "anonymous_id:a2"], rekeyed.CustomerIds);
        Assert.Equal(["ad", "checkout"], rekeyed[0].TouchpointNames());
        Assert.All(rekeyed.Events().Take(2), e => Assert.Equal("anonymous_id:a1", e.Actor));
    }

    [Fact]
    public void AliasesFor_RekeysDuringIngest_KeepingTheRawIdAsActor()
    {
        var graph = new IdentityGraphBuilder().Link("anonymous_id", "a1", "user_id", "u1", T0).Link("anonymous_id", "a2", "email", "e@x.org", T0).Build();
        var aliases = graph.AliasesFor("anonymous_id");
        Assert.Equal(new Dictionary<string, string> { ["a1"] = "user_id:u1", ["a2"] = "email:e@x.org" }, aliases);
        var builder = new EventLogBuilder();
        var report = EventReader.ReadCsv(new StringReader("customer_id,timestamp,touchpoint\na1,2026-06-01T09:00:00Z,ad\na3,2026-06-01T09:00:00Z,ad\n"), builder, new IngestOptions { CustomerAliases = aliases });
        var log = builder.Build();
        Assert.Equal(["user_id:u1", "a3"], log.CustomerIds);
        Assert.Equal(1, report.AliasedRows);
        Assert.Equal("a1", log.GetEvent(0).Actor);
    }

    [Fact]
    public void ManyLinks_AcrossStorageBlocks_MergeTheSameInAnyOrder()
    {
        // 70,000 pending links span two of the builder's 65,536-link blocks; reversed input takes the sorting path.
        var options = new IdentityOptions { MaxPerProfile = new Dictionary<string, int> { ["user_id"] = 1 } };
        var forward = new IdentityGraphBuilder(options);
        var backward = new IdentityGraphBuilder(options);
        const int N = 70_000;
        for (int i = 0; i < N; i++)
        {
            forward.Link("anonymous_id", $"a{i / 2}", "user_id", $"u{i / 3}", T0.AddMinutes(i), "web");
        }

        for (int i = N - 1; i >= 0; i--)
        {
            backward.Link("anonymous_id", $"a{i / 2}", "user_id", $"u{i / 3}", T0.AddMinutes(i), "web");
        }

        IdentityGraph a = forward.Build(), b = backward.Build();
        Assert.Equal((a.IdentifierCount, a.ProfileCount, a.Report.LinksRefused), (b.IdentifierCount, b.ProfileCount, b.Report.LinksRefused));
        Assert.True(a.Report.LinksRefused > 0);
        for (int i = 0; i < N / 2; i += 997)
        {
            Assert.Equal(a.ProfileOf("anonymous_id", $"a{i}"), b.ProfileOf("anonymous_id", $"a{i}"));
            Assert.Equal(a.Explain(new("anonymous_id", $"a{i}"), new("user_id", $"u{i * 2 / 3}"))?.ToString(), b.Explain(new("anonymous_id", $"a{i}"), new("user_id", $"u{i * 2 / 3}"))?.ToString());
        }

        Assert.Equal(a.Report.Refused.Select(r => r.Link), b.Report.Refused.Select(r => r.Link).OrderBy(l => l.Timestamp));
    }

    [Fact]
    public void CanonicalId_IsTheHighestPriorityKind_ThenTheOrdinalSmallestValue_ThroughTransitiveLinks()
    {
        var graph = new IdentityGraphBuilder()
            .Link("anonymous_id", "cookie-9", "email", "Ann@Example.COM ", T0, "newsletter")
            .Link("email", "ann@example.com", "crm_id", "C-20", T0.AddDays(1), "crm")
            .Link("crm_id", "C-20", "crm_id", "C-03", T0.AddDays(2), "crm-dedupe")
            .Link("device_id", "ipad-1", "anonymous_id", "cookie-9", T0.AddDays(3), "app")
            .Build();
        Assert.Equal(1, graph.ProfileCount);
        Assert.Equal("crm_id:C-03", graph.ProfileOf("device_id", "ipad-1"));
        Assert.Equal(
            ["crm_id:C-03", "crm_id:C-20", "email:ann@example.com", "device_id:ipad-1", "anonymous_id:cookie-9"],
            graph.MembersOf("email", "ANN@example.com").Select(i => i.ToString()));

        // The chain from the device to the first CRM id, with each link's time and source.
        var explanation = graph.Explain(new Identifier("device_id", "ipad-1"), new Identifier("crm_id", "C-03"))!;
        Assert.Equal(["app", "newsletter", "crm", "crm-dedupe"], explanation.Links.Select(l => l.Source));
        Assert.Equal(new Identifier("device_id", "ipad-1"), explanation.Links[0].First);
        Assert.Equal(new Identifier("crm_id", "C-03"), explanation.Links[^1].Second);
        Assert.Equal(T0.AddDays(2), explanation.Links[^1].Timestamp);
        Assert.Null(graph.Explain(new Identifier("device_id", "ipad-1"), new Identifier("user_id", "someone-else")));
    }

    [Fact]
    public void ALimit_RefusesTheSharedTabletThatWouldJoinTwoUsers_AndSaysWhichRule()
    {
        var options = new IdentityOptions { MaxPerProfile = new Dictionary<string, int> { ["user_id"] = 1 } };
        var graph = new IdentityGraphBuilder(options)
            .Link("device_id", "family-tablet", "user_id", "mum", T0, "app-login")
            .Link("device_id", "family-tablet", "user_id", "son", T0.AddHours(2), "app-login")
            .Link("device_id", "phone-7", "user_id", "son", T0.AddHours(3), "app-login")
            .Build();
        Assert.Equal("user_id:mum", graph.ProfileOf("device_id", "family-tablet"));
        Assert.Equal("user_id:son", graph.ProfileOf("device_id", "phone-7"));
        var refused = Assert.Single(graph.Report.Refused);
        Assert.Equal(LinkRefusal.LimitExceeded, refused.Reason);
        Assert.Equal(1, refused.Observation);
        Assert.Contains("2 user_id identifiers; MaxPerProfile allows 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("user_id:son", refused.Message, StringComparison.Ordinal);
        Assert.Equal((3, 2, 1), (graph.Report.LinksRead, graph.Report.LinksUsed, graph.Report.LinksRefused));

        // Links apply in time order, not input order: the same links given backwards refuse the same one.
        var backwards = new IdentityGraphBuilder(options)
            .Link("device_id", "phone-7", "user_id", "son", T0.AddHours(3), "app-login")
            .Link("device_id", "family-tablet", "user_id", "son", T0.AddHours(2), "app-login")
            .Link("device_id", "family-tablet", "user_id", "mum", T0, "app-login")
            .Build();
        Assert.Equal("user_id:mum", backwards.ProfileOf("device_id", "family-tablet"));
        Assert.Equal(refused.Link, Assert.Single(backwards.Report.Refused).Link);
    }

    [Fact]
    public void BadObservations_AreRefusedWithTheirReason_NothingSilentlyDropped()
    {
        var graph = new IdentityGraphBuilder(new IdentityOptions { BlockedValues = IdentityOptions.CommonBlockedValues })
            .Link("anonymous_id", "a1", "user_id", "  ", T0)
            .Link("anonymous_id", "a1", "user_id", "UNKNOWN", T0)
            .Link("anonymous_id", "a1", "fax", "555", T0)
            .Link("email", "x@y.org", "email", " X@Y.org", T0)
            .Link("anonymous_id", "a1", "user_id", "u\ud800", T0)
            .Link("anonymous_id", "a1", "email", "test@example.com", T0)
            .Link("anonymous_id", "a1", "user_id", "u1", T0)
            .Build();
        Assert.Equal(
            [LinkRefusal.BlankValue, LinkRefusal.BlockedValue, LinkRefusal.UnknownKind, LinkRefusal.SelfLink, LinkRefusal.InvalidText, LinkRefusal.BlockedValue],
            graph.Report.Refused.Select(r => r.Reason));
        Assert.Equal([0L, 1, 2, 3, 4, 5], graph.Report.Refused.Select(r => r.Observation));
        Assert.Contains("'fax' is not a configured kind", graph.Report.Refused[2].Message, StringComparison.Ordinal);
        Assert.Equal(7, graph.Report.LinksRead);
        Assert.Equal(graph.Report.LinksRead, graph.Report.LinksUsed + graph.Report.LinksRefused);
        Assert.Equal(2, graph.Report.RefusedByReason[LinkRefusal.BlockedValue]);
        Assert.Equal(2, graph.IdentifierCount);

        // Refused identifiers registered nothing; a refused value is its own profile when asked about.
        Assert.Equal("email:x@y.org", graph.ProfileOf("email", "X@Y.ORG"));
        Assert.Throws<ArgumentException>(() => graph.ProfileOf("fax", "555"));
        Assert.Throws<ArgumentException>(() => graph.ProfileOf("user_id", " "));
    }

    [Fact]
    public void RefusalDetails_AreCapped_ButEveryRefusalIsCounted_AcrossSaveAndLoad()
    {
        var builder = new IdentityGraphBuilder(new IdentityOptions { MaxRefusalDetails = 3 });
        for (int i = 0; i < 10; i++)
        {
            builder.Link("anonymous_id", $"a{i}", "user_id", " ", T0);
        }

        builder.Link("anonymous_id", "a1", "fax", "1", T0);
        var graph = builder.Build();
        Assert.Equal(3, graph.Report.Refused.Count);
        Assert.Equal(11, graph.Report.LinksRefused);
        Assert.Equal(10, graph.Report.RefusedByReason[LinkRefusal.BlankValue]);
        Assert.Equal(1, graph.Report.RefusedByReason[LinkRefusal.UnknownKind]);
        Assert.Equal(graph.Report.LinksRead, graph.Report.LinksUsed + graph.Report.LinksRefused);

        using var stream = new MemoryStream();
        graph.Save(stream);
        stream.Position = 0;
        var continued = IdentityGraph.Load(stream).ToBuilder().Link("anonymous_id", "b", "user_id", "", T0).Build();
        Assert.Equal(12, continued.Report.LinksRefused);
        Assert.Equal(3, continued.Report.Refused.Count);
        Assert.Equal(3, continued.Options.MaxRefusalDetails);
        Assert.Throws<InvalidOptionsException>(() => new IdentityGraphBuilder(new IdentityOptions { MaxRefusalDetails = -1 }));
    }

    [Fact]
    public void ACancelledBuild_MergesNothing_AndTheNextBuildMergesEverythingOnce()
    {
        var builder = new IdentityGraphBuilder().Link("anonymous_id", "a1", "user_id", "u1", T0).Link("anonymous_id", "a2", "user_id", "u1", T0);
        Assert.Throws<OperationCanceledException>(() => builder.Build(new CancellationToken(canceled: true)));
        Assert.Equal(2, builder.PendingLinks);
        var graph = builder.Build();
        Assert.Equal((2L, 2L, 0L), (graph.Report.LinksRead, graph.Report.LinksUsed, graph.Report.RedundantLinks));
        Assert.Equal("user_id:u1", graph.ProfileOf("anonymous_id", "a2"));
    }

    [Fact]
    public void Observe_LinksEveryIdentifierOfAnEventToTheFirstAcceptableOne()
    {
        var graph = new IdentityGraphBuilder()
            .Observe([new Identifier("anonymous_id", " "), new Identifier("anonymous_id", "a1"), new Identifier("device_id", "d1"), new Identifier("user_id", "u1")], T0, "login")
            .Observe([new Identifier("anonymous_id", "solo")], T0)
            .Build();
        Assert.Equal(3, graph.Report.LinksRead);
        Assert.Equal(LinkRefusal.BlankValue, Assert.Single(graph.Report.Refused).Reason);
        Assert.Equal("user_id:u1", graph.ProfileOf("anonymous_id", "a1"));
        Assert.Equal("user_id:u1", graph.ProfileOf("device_id", "d1"));
        Assert.Equal(2, graph.ProfileCount);
        Assert.Equal("anonymous_id:solo", graph.ProfileOf("anonymous_id", "solo"));
    }

    [Fact]
    public void Normalization_IsPerKindAndConfigurable()
    {
        var options = new IdentityOptions
        {
            KindPriority = ["user_id", "email", "phone"],
            Normalization = new Dictionary<string, IdentifierNormalization> { ["phone"] = IdentifierNormalization.RemoveWhiteSpace, ["user_id"] = IdentifierNormalization.None },
        };
        var graph = new IdentityGraphBuilder(options)
            .Link("phone", "+44 20 7946 0000", "email", " Bo@Mail.org", T0)
            .Link("phone", "+442079460000", "user_id", "U7", T0)
            .Build();
        Assert.Equal("user_id:U7", graph.ProfileOf("email", "bo@mail.org"));
        Assert.Equal("user_id:U7", graph.ProfileOf("phone", "+44 2079 460000"));
        Assert.Equal("user_id:u7", graph.ProfileOf("user_id", "u7"));
    }

    [Fact]
    public void Options_AreValidatedWithTheFieldNamed()
    {
        Assert.Contains("KindPriority", Assert.Throws<InvalidOptionsException>(() => new IdentityGraphBuilder(new IdentityOptions { KindPriority = ["user_id", "user_id"] })).Message, StringComparison.Ordinal);
        Assert.Contains("not a kind name", Assert.Throws<InvalidOptionsException>(() => new IdentityGraphBuilder(new IdentityOptions { KindPriority = ["user id"] })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxPerProfile", Assert.Throws<InvalidOptionsException>(() => new IdentityGraphBuilder(new IdentityOptions { MaxPerProfile = new Dictionary<string, int> { ["fax"] = 1 } })).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionsException>(() => new IdentityGraphBuilder(new IdentityOptions { MaxPerProfile = new Dictionary<string, int> { ["user_id"] = 0 } }));
    }

    [Fact]
    public void SavedGraph_RoundTrips_AndBadOrFutureSnapshotsAreClearErrors()
    {
        var graph = new IdentityGraphBuilder(new IdentityOptions { MaxPerProfile = new Dictionary<string, int> { ["user_id"] = 1 } })
            .Link("anonymous_id", "a1", "user_id", "u1", T0, "web")
            .Link("anonymous_id", "a1", "user_id", "u2", T0.AddMinutes(1), "web")
            .Link("anonymous_id", "a1", "fax", "1", T0)
            .Build();
        using var stream = new MemoryStream();
        graph.Save(stream);
        byte[] bytes = stream.ToArray();
        var loaded = IdentityGraph.Load(new MemoryStream(bytes));
        Assert.Equal(graph.ToString(), loaded.ToString());
        Assert.Equal(graph.Report.Refused, loaded.Report.Refused);
        Assert.Equal(graph.Explain(new("anonymous_id", "a1"), new("user_id", "u1")), loaded.Explain(new("anonymous_id", "a1"), new("user_id", "u1")), new ExplanationComparer());
        Assert.Equal(1, loaded.Options.MaxPerProfile!["user_id"]);

        byte[] future = (byte[])bytes.Clone();
        future[5] = 3;
        Assert.Contains("newer than this JourneyKit reads", Assert.Throws<InvalidDataException>(() => IdentityGraph.Load(new MemoryStream(future))).Message, StringComparison.Ordinal);
        Assert.Contains("not a saved JourneyKit identity graph", Assert.Throws<InvalidDataException>(() => IdentityGraph.Load(new MemoryStream("hello world"u8.ToArray()))).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => IdentityGraph.Load(new MemoryStream(bytes[..(bytes.Length / 2)]))).Message, StringComparison.Ordinal);

        // A string whose length reads as negative is corrupt, not an I/O failure (BinaryReader throws IOException).
        int at = bytes.AsSpan().IndexOf("\fanonymous_id"u8);
        Assert.True(at > 0);
        byte[] corrupt = (byte[])bytes.Clone();
        new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }.CopyTo(corrupt, at);
        Assert.Contains("corrupt", Assert.Throws<InvalidDataException>(() => IdentityGraph.Load(new MemoryStream(corrupt))).Message, StringComparison.Ordinal);
    }

    private sealed class ExplanationComparer : IEqualityComparer<IdentityExplanation?>
    {
        public bool Equals(IdentityExplanation? x, IdentityExplanation? y) => x?.ToString() == y?.ToString();

        public int GetHashCode(IdentityExplanation? obj) => obj?.ToString().GetHashCode(StringComparison.Ordinal) ?? 0;
    }

    [Fact]
    public void Stitch_MergesSourcesIntoProfiles_KeepingEachSourcesAccounting()
    {
        var graph = new IdentityGraphBuilder()
            .Link("anonymous_id", "ck-1", "email", "ann@x.org", T0, "web-form")
            .Link("email", "ann@x.org", "crm_id", "C1", T0, "crm")
            .Build();
        var web = new EventLogBuilder().Add("ck-1", T0, "blog").Add("ck-2", T0, "blog").Build();
        var crm = new EventLogBuilder().Add("C1", T0.AddDays(1), "demo").Build();
        var b = new EventLogBuilder();
        var support = EventReader.ReadCsv(new StringReader("customer_id,timestamp,touchpoint\nANN@x.org,2026-06-03T10:00:00Z,ticket\n,2026-06-03T11:00:00Z,ticket\n"), b);
        var supportLog = b.Build();
        var stitched = graph.Stitch([new IdentitySource("web", web, "anonymous_id"), new IdentitySource("crm", crm, "crm_id"), new IdentitySource("support", supportLog, "email", support)]);
        Assert.Equal(["crm_id:C1", "anonymous_id:ck-2"], stitched.Log.CustomerIds);
        Assert.Equal(["blog", "demo", "ticket"], stitched.Log[0].TouchpointNames());
        Assert.Equal(["anonymous_id:ck-1", "crm_id:C1", "email:ANN@x.org"], stitched.Log.Events().Take(3).Select(e => e.Actor));
        Assert.Equal(stitched.Log.EventCount, stitched.Sources.Sum(s => s.Events));
        Assert.Equal(1, stitched.Sources[2].Ingest!.RowsRejected);
        Assert.Equal((2, 2), (stitched.Sources[0].Identifiers, stitched.Sources[0].Profiles));
        Assert.Throws<ArgumentException>(() => graph.Stitch([new IdentitySource("web", web, "anonymous_id"), new IdentitySource("web", crm, "crm_id")]));
    }

    [Fact]
    public void RekeyedLog_KeepsNeitherTheGraphNorTheOldLogAlive()
    {
        // Its actor names are made on first read from arrays the new log holds; a closure could have held far more.
        (WeakReference graph, WeakReference old, EventLog rekeyed) = RekeyAndDropTheRest();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(graph.IsAlive, "the re-keyed log keeps the identity graph alive");
        Assert.False(old.IsAlive, "the re-keyed log keeps the old log alive");
        Assert.Equal(["desk-agent", "anonymous_id:a1", "anonymous_id:a2"], rekeyed.Events().Select(e => e.Actor));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Graph, WeakReference Old, EventLog Rekeyed) RekeyAndDropTheRest()
    {
        var graph = new IdentityGraphBuilder().Link("anonymous_id", "a1", "user_id", "u1", T0).Link("anonymous_id", "a2", "user_id", "u1", T0).Build();
        var log = new EventLogBuilder()
            .Add(new JourneyEvent("a1", T0, "chat") { Actor = "desk-agent" })
            .Add("a1", T0.AddMinutes(1), "ad")
            .Add("a2", T0.AddMinutes(2), "checkout")
            .Build();
        return (new WeakReference(graph), new WeakReference(log), graph.Rekey(log, "anonymous_id"));
    }
}
