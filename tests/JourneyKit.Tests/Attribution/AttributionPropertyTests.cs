using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Attribution;

namespace JourneyKit.Tests.Attribution;

public class AttributionPropertyTests
{
    // Paths from FsCheck-generated (and shrinkable) arrays: channel symbols per row, counts from a byte array (cycled).
    private static List<PathRecord> Paths(NonEmptyArray<NonEmptyArray<Sym>> rows, byte[] counts, int channels = 4) =>
        rows.Get.Select((row, i) =>
        {
            byte n = counts.Length == 0 ? (byte)7 : counts[i % counts.Length];
            double conversions = n % 5, nulls = (n / 5) % 6, value = conversions * (1 + (n % 17));
            return new PathRecord(row.Get.Select(x => $"ch{(int)x % channels}"), conversions, value, nulls);
        }).Where(p => p.Conversions + p.Nulls > 0).DefaultIfEmpty(PathRecord.Parse("ch0", 1, 1, 0)).ToList();

    private static IEnumerable<AttributionResult> AllModels(List<PathRecord> paths, int order) =>
    [
        .. Enum.GetValues<HeuristicModel>().Where(m => m != HeuristicModel.TimeDecay).Select(m => HeuristicAttribution.Compute(paths, m)),
        ShapleyAttribution.Compute(paths),
        MarkovAttribution.Compute(paths, new MarkovAttributionOptions { Order = order }),
    ];

    [Property]
    public bool EveryModel_CreditsSumToTotals(NonEmptyArray<NonEmptyArray<Sym>> rows, byte[] counts, byte order)
    {
        var paths = Paths(rows, counts);
        double conversions = paths.Sum(p => p.Conversions), value = paths.Sum(p => p.ConversionValue);
        return AllModels(paths, 1 + (order % 3)).All(r =>
            Math.Abs(r.Channels.Sum(c => c.Conversions) - conversions) < 1e-8 * Math.Max(1, conversions) &&
            Math.Abs(r.Channels.Sum(c => c.ConversionValue) - value) < 1e-8 * Math.Max(1, value));
    }

    [Property]
    public bool Markov_RemovalEffectsInUnitIntervalAndConversionProbabilityExact(NonEmptyArray<NonEmptyArray<Sym>> rows, byte[] counts, byte order)
    {
        var paths = Paths(rows, counts);
        var r = MarkovAttribution.Compute(paths, new MarkovAttributionOptions { Order = 1 + (order % 3) });
        double expected = paths.Sum(p => p.Conversions) / paths.Sum(p => p.Conversions + p.Nulls);
        return r.RemovalEffects.Values.Concat(r.ValueRemovalEffects.Values).All(re => re >= 0 && re <= 1) &&
               Math.Abs(r.ConversionProbability - expected) < 1e-10;
    }

    [Property]
    public bool Results_IndependentOfRowOrderAndOfSplittingRows(NonEmptyArray<NonEmptyArray<Sym>> rows, byte[] counts)
    {
        var paths = Paths(rows, counts);
        var reversed = Enumerable.Reverse(paths).ToList();
        // Split every row into two rows with the same path.
        var split = paths.SelectMany(p => new[]
        {
            new PathRecord(p.Channels, p.Conversions / 2, p.ConversionValue / 2, p.Nulls / 2),
            new PathRecord(p.Channels, p.Conversions / 2, p.ConversionValue / 2, p.Nulls / 2),
        }).ToList();
        var a = AllModels(paths, 2).ToList();
        var b = AllModels(reversed, 2).ToList();
        var c = AllModels(split, 2).ToList();
        return Enumerable.Range(0, a.Count).All(i => Same(a[i], b[i]) && Same(a[i], c[i]));
    }

    // Two channels that always appear together in the same roles get the same credit.
    [Property]
    public bool SymmetricChannels_GetEqualCredit(NonEmptyArray<NonEmptyArray<Sym>> rows, byte[] counts)
    {
        var paths = Paths(rows, counts, channels: 3).Select(p => new PathRecord(
            p.Channels.SelectMany(ch => ch == "ch0" ? new[] { "x", "y" } : new[] { ch }), p.Conversions, p.ConversionValue, p.Nulls)).ToList();
        paths.AddRange(paths.Select(p => new PathRecord(p.Channels.Select(ch => ch == "x" ? "y" : ch == "y" ? "x" : ch), p.Conversions, p.ConversionValue, p.Nulls)).ToList());
        return new[] { ShapleyAttribution.Compute(paths), HeuristicAttribution.Compute(paths, HeuristicModel.Linear), MarkovAttribution.Compute(paths) }
            .All(r => Math.Abs(r.Share("x") - r.Share("y")) < 1e-9 || double.IsNaN(r.Share("x")));
    }

    [Property]
    public bool Shapley_ChannelInNoConvertingPath_GetsZero(NonEmptyArray<NonEmptyArray<Sym>> rows, byte[] counts)
    {
        var paths = Paths(rows, counts);
        paths.Add(PathRecord.Parse("ghost > ch1", 0, 0, 3));
        return ShapleyAttribution.Compute(paths).Channels.Single(c => c.Channel == "ghost").Conversions == 0;
    }

    [Property(MaxTest = 10)]
    public bool Bootstrap_ReproducibleAndContainsShare(NonEmptyArray<NonEmptyArray<Sym>> rows, byte[] counts)
    {
        var paths = PathDataSet.FromRecords(Paths(rows, counts));
        var linear = new HeuristicAttributionModel(HeuristicModel.Linear);
        var a = AttributionBootstrap.ShareIntervals(paths, linear, replicates: 30, seed: counts.Length);
        var b = AttributionBootstrap.ShareIntervals(paths, linear, replicates: 30, seed: counts.Length);
        // Equals, not ==: with no conversions at all the share is NaN (0/0), and NaN == NaN is false.
        return a.All(kv => b[kv.Key].Equals(kv.Value) && kv.Value.Interval.Lower <= kv.Value.Interval.Upper && kv.Value.Interval.Level == 0.95);
    }

    private static bool Same(AttributionResult x, AttributionResult y) =>
        x.Channels.Count == y.Channels.Count &&
        x.Channels.All(c => Math.Abs(c.Conversions - y.Channels.Single(d => d.Channel == c.Channel).Conversions) < 1e-9 &&
                            Math.Abs(c.ConversionValue - y.Channels.Single(d => d.Channel == c.Channel).ConversionValue) < 1e-7);
}
