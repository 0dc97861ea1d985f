using System.Text;
using FsCheck.Xunit;
using JourneyKit.Experiments;

namespace JourneyKit.Tests.Experiments;

public sealed class HoldoutSplitTests
{
    private sealed record Assignment(double hash, bool inExperiment, int variationId);

    [NodeReferenceFact("@growthbook/growthbook")]
    public void Assignments_EqualGrowthBooksSdk_ForGeneratedIds()
    {
        // Ids of every kind a CRM has: plain, numeric, e-mail, empty, accented, CJK, astral-plane (surrogate pairs), long.
        var random = new Random(34);
        var ids = new List<string> { "", "cust-42", "é", "😀x", "a", "über-kunde", "顧客-7", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", new string('z', 500), "0", " " };
        string[] pieces = ["cust-", "user_", "ü", "ß", "客", "🙂", "@example.com", "-", "9", "Ω", "\t"];
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            int parts = random.Next(1, 5);
            for (int p = 0; p < parts; p++)
            {
                sb.Append(random.Next(3) == 0 ? pieces[random.Next(pieces.Length)] : random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            ids.Add(sb.ToString());
        }

        HoldoutSplit[] splits =
        [
            new HoldoutSplit("cart-followup", 0.1),
            new HoldoutSplit("white-paper-nudge", 0.5),
            new HoldoutSplit("k", 0.3333).WithSeed("another-seed"),
            new HoldoutSplit("ns-left", 0.2).WithNamespace(new ExperimentNamespace("checkout", 0, 0.5)),
            new HoldoutSplit("ns-right", 0.75).WithNamespace(new ExperimentNamespace("checkout", 0.5, 1)),
        ];
        var input = new
        {
            experiments = splits.Select(s => new
            {
                key = s.Key,
                controlShare = s.ControlShare,
                seed = s.Seed == s.Key ? null : s.Seed,
                @namespace = s.Namespace is { } ns ? new object[] { ns.Id, ns.Start, ns.End } : null,
            }),
            ids,
        };
        var reference = NodeReference.Run<List<List<Assignment>>>("growthbook-assign.js", input);
        int control = 0;
        for (int s = 0; s < splits.Length; s++)
        {
            for (int i = 0; i < ids.Count; i++)
            {
                Assignment gb = reference[s][i];
                string what = $"split {splits[s]}, id #{i} '{ids[i]}'";
                Assert.True(gb.hash == splits[s].BucketOf(ids[i]), $"{what}: bucket {splits[s].BucketOf(ids[i])} vs GrowthBook {gb.hash}");
                Assert.True(gb.inExperiment == splits[s].IsInExperiment(ids[i]), $"{what}: in experiment");
                Assert.True((gb.inExperiment && gb.variationId == 0) == splits[s].IsControl(ids[i]), $"{what}: control");
                control += splits[s].IsControl(ids[i]) ? 1 : 0;
            }
        }

        Assert.InRange(control, 1000, 5000); // both arms occur
    }

    // GrowthBook's cross-SDK test cases (github.com/growthbook/growthbook, packages/sdk-js/test/cases.json, "hash" and
    // "inNamespace"; read at commit 8f1db445): every GrowthBook SDK must give these numbers.
    [Theory]
    [InlineData("seed", "a", 0.0505)]
    [InlineData("seed", "b", 0.2696)]
    [InlineData("foo", "ab", 0.2575)]
    [InlineData("foo", "def", 0.2019)]
    [InlineData("89123klj", "8952klfjas09ujkasdf", 0.124)]
    [InlineData("90850943850283058242805", "123", 0.7516)]
    [InlineData("()**(%$##$%#$#", "___)((*\":&", 0.0128)]
    public void BucketOf_MatchesGrowthBooksPublishedHashCases(string seed, string id, double expected) =>
        Assert.Equal(expected, new HoldoutSplit("any-key", 0.5).WithSeed(seed).BucketOf(id));

    [Theory]
    [InlineData("1", "namespace1", 0, 0.4, false)]
    [InlineData("1", "namespace1", 0.4, 1, true)]
    [InlineData("2", "namespace2", 0.4, 1, true)]
    [InlineData("3", "namespace2", 0, 0.4, true)]
    [InlineData("3", "namespace2", 0.4, 1, false)]
    public void Namespace_MatchesGrowthBooksPublishedCases(string id, string ns, double start, double end, bool expected) =>
        Assert.Equal(expected, new ExperimentNamespace(ns, start, end).Contains(id));

    [Property(MaxTest = 50)]
    public void ControlShare_IsTheShareOfControlCustomers(int seed)
    {
        double share = 0.05 + (Math.Abs(seed % 90) / 100.0);
        var split = new HoldoutSplit($"exp-{seed}", share);
        const int N = 20_000;
        int control = Enumerable.Range(0, N).Count(i => split.IsControl($"c{i}"));
        double sd = Math.Sqrt(share * (1 - share) / N);
        Assert.InRange((double)control / N, share - (5 * sd), share + (5 * sd));
    }

    [Fact]
    public void Namespaces_OverDisjointRanges_NeverShareACustomer()
    {
        var left = new HoldoutSplit("a", 0.5).WithNamespace(new ExperimentNamespace("promo", 0, 0.4));
        var right = new HoldoutSplit("b", 0.5).WithNamespace(new ExperimentNamespace("promo", 0.4, 1));
        int inLeft = 0;
        for (int i = 0; i < 10_000; i++)
        {
            string id = $"c{i}";
            Assert.NotEqual(left.IsInExperiment(id), right.IsInExperiment(id));
            inLeft += left.IsInExperiment(id) ? 1 : 0;
            Assert.False(!left.IsInExperiment(id) && left.IsControl(id));
        }

        Assert.InRange(inLeft, 3700, 4300);
    }

    [Fact]
    public void Equality_IsBySettings()
    {
        Assert.Equal(new HoldoutSplit("k", 0.1), new HoldoutSplit("k", 0.1));
        Assert.Equal(new HoldoutSplit("k", 0.1).WithSeed("k"), new HoldoutSplit("k", 0.1));
        Assert.NotEqual(new HoldoutSplit("k", 0.1), new HoldoutSplit("k", 0.2));
        Assert.NotEqual(new HoldoutSplit("k", 0.1), new HoldoutSplit("k", 0.1).WithSeed("s"));
        Assert.Contains("10.0 % held out", new HoldoutSplit("k", 0.1).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_IsRefusedNamingTheField()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => new HoldoutSplit(" ", 0.1)).ParamName);
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => new HoldoutSplit(null!, 0.1)).ParamName);
        foreach (double share in new[] { 0, 1, -0.1, 1.5, double.NaN })
        {
            Assert.Equal("controlShare", Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutSplit("k", share)).ParamName);
        }

        Assert.Equal("seed", Assert.Throws<ArgumentException>(() => new HoldoutSplit("k", 0.1).WithSeed("")).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExperimentNamespace("n", 0.5, 0.5));
        Assert.Throws<ArgumentNullException>(() => new HoldoutSplit("k", 0.1).BucketOf(null!));
    }
}
