using JourneyKit.Metrics;

namespace JourneyKit.Tests.Metrics;

/// <summary>NPS results say what they computed: the interval printed is the one returned, comparisons answer "significant?".</summary>
public class NpsReportingTests
{
    [Fact]
    public void ToString_PrintsTheIntervalTheApiReturns()
    {
        var result = NetPromoterScore.FromCounts(2, 1, 1); // NPS 25, n = 4
        var (lower, upper) = result.ConfidenceInterval();
        string text = result.ToString();
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{lower:0.0}, {upper:0.0}]"), text, StringComparison.Ordinal);
        Assert.Contains("adjusted Wald", text, StringComparison.Ordinal);
        Assert.DoesNotContain("±", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_AnswersSignificance_AndPrintsRounded()
    {
        var big = NetPromoterScore.FromCounts(600, 200, 200);   // +40
        var small = NetPromoterScore.FromCounts(300, 300, 400); // −10
        var test = NetPromoterScore.TestDifference(big, small);
        Assert.True(test.IsSignificant());
        Assert.True(test.IsSignificant(0.001));
        Assert.Contains("+50.0 points", test.ToString(), StringComparison.Ordinal);
        Assert.False(NetPromoterScore.TestDifference(NetPromoterScore.FromCounts(5, 5, 5), NetPromoterScore.FromCounts(6, 5, 5)).IsSignificant());
    }

    [Fact]
    public void CompareAll_HolmAdjustsThePValues()
    {
        var groups = new Dictionary<string, NpsResult>
        {
            ["a"] = NetPromoterScore.FromCounts(600, 200, 200),
            ["b"] = NetPromoterScore.FromCounts(300, 300, 400),
            ["c"] = NetPromoterScore.FromCounts(590, 210, 200),
        };
        var all = NetPromoterScore.TestDifferences(groups);
        Assert.Equal(3, all.Pairs.Count);
        var raw = all.Pairs.Select(p => p.Test.PValue).ToArray();
        // Holm: the smallest p times 3, the next times 2, the largest times 1, made non-decreasing and capped at 1.
        Assert.Equal(Math.Min(1, 3 * raw[0]), all.Pairs[0].AdjustedPValue, precision: 12);
        Assert.Equal(Math.Max(all.Pairs[0].AdjustedPValue, Math.Min(1, 2 * raw[1])), all.Pairs[1].AdjustedPValue, precision: 12);
        Assert.Equal(Math.Max(all.Pairs[1].AdjustedPValue, Math.Min(1, raw[2])), all.Pairs[2].AdjustedPValue, precision: 12);
        Assert.Equal(["a|b", "b|c"], all.Significant.Select(p => p.First + "|" + p.Second).Order());
        Assert.Contains("Holm", all.ToString(), StringComparison.Ordinal);
    }
}
