using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Tests.Identity;

public class IdentifierResolverTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Cookie = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static IdentityGraph Graph() => new IdentityGraphBuilder()
        .Link("anonymous_id", Cookie, "email", "jane@example.com", T0)
        .Link("email", "jane@example.com", "user_id", "42", T0.AddMinutes(5))
        .Build();

    [Fact]
    public void Resolver_TriesRulesInOrder_AndNeverGuesses()
    {
        var resolver = new IdentifierResolver().Email().Prefix("u_", "user_id").Uuid("anonymous_id");
        Assert.True(resolver.TryResolve(" Jane@Example.com ", out string? kind, out string value));
        Assert.Equal(("email", "Jane@Example.com"), (kind, value));
        Assert.True(resolver.TryResolve("u_42", out kind, out value));
        Assert.Equal(("user_id", "42"), (kind, value));
        Assert.True(resolver.TryResolve(Cookie.ToUpperInvariant(), out kind, out _));
        Assert.Equal("anonymous_id", kind);
        Assert.False(resolver.TryResolve("guest-7", out kind, out _));
        Assert.Null(kind);
        Assert.False(resolver.TryResolve("a@b", out _, out _)); // no dot in the domain
        Assert.True(resolver.Otherwise("device_id").TryResolve("guest-7", out kind, out _));
        Assert.Equal("device_id", kind);
    }

    [Fact]
    public void Rekey_AMixedIdColumn_ResolvesEachIdByShape_AndCountsWhatFitsNoKind()
    {
        var log = new EventLogBuilder()
            .Add(Cookie, T0.AddMinutes(-10), "ad")
            .Add("jane@example.com", T0, "white_paper")
            .Add("u_42", T0.AddHours(1), "demo")
            .Add("guest-7", T0, "ad")
            .Add("bob@example.com", T0, "ad")
            .Build();
        var resolver = new IdentifierResolver().Email().Prefix("u_", "user_id").Uuid("anonymous_id");
        var (rekeyed, report) = Graph().Rekey(log, resolver);

        Assert.Equal(["user_id:42", "unresolved:guest-7", "email:bob@example.com"], rekeyed.CustomerIds);
        Assert.Equal(["ad", "white_paper", "demo"], rekeyed[0].TouchpointNames());
        Assert.Equal((5L, 1L, 3L, 3), (report.Ids, report.Unresolved, report.Known, rekeyed.CustomerCount));
        Assert.Equal(new Dictionary<string, long> { ["anonymous_id"] = 1, ["email"] = 2, ["user_id"] = 1 }, report.ByKind);
        Assert.Equal(["guest-7"], report.UnresolvedExamples);
        Assert.Contains("unresolved 1", report.ToString(), StringComparison.Ordinal);

        // A kind the graph does not know is refused by name.
        Assert.Contains("'fax'", Assert.Throws<ArgumentException>(() => Graph().Rekey(log, new IdentifierResolver().Otherwise("fax"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rekey_AContactsTableKeyedByEmail_JoinsTheRekeyedLog()
    {
        var contacts = new CustomerAttributesBuilder()
            .Set("jane@example.com", "plan", "pro").Set("jane@example.com", "spend", 120)
            .Set("bob@example.com", "plan", "free")
            .Build();
        var log = Graph().Rekey(new EventLogBuilder().Add(Cookie, T0, "ad").Add("bob@example.com", T0, "ad").Build(), new IdentifierResolver().Email().Uuid("anonymous_id")).Data;
        Assert.Equal(0, contacts.Coverage(log).CustomersWithRow); // keyed by e-mail, the log by profile: no match

        var (byProfile, report) = Graph().Rekey(contacts, "email");
        Assert.Equal("pro", byProfile.Text("user_id:42", "plan"));
        Assert.Equal(120, byProfile.Number("user_id:42", "spend"));
        Assert.Equal("free", byProfile.Text("email:bob@example.com", "plan"));
        Assert.Equal(2, byProfile.Coverage(log).CustomersWithRow);
        Assert.Equal((2L, 1L), (report.Ids, report.Known));
    }

    [Fact]
    public void Rekey_RowsOfOneProfile_MergeWithTheFirstIdentifiersValuesWinning()
    {
        var contacts = new CustomerAttributesBuilder()
            .Set(Cookie, "plan", "trial").Set(Cookie, "region", "EU")
            .Set("u_42", "plan", "pro")
            .Build();
        var (merged, _) = Graph().Rekey(contacts, new IdentifierResolver().Prefix("u_", "user_id").Uuid("anonymous_id"));
        Assert.Equal(1, merged.Count);
        Assert.Equal("pro", merged.Text("user_id:42", "plan"));   // user_id comes before anonymous_id
        Assert.Equal("EU", merged.Text("user_id:42", "region"));  // the cookie's row fills the gap
    }
}
