using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Metrics;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Metrics;

public class NpsAndSatisfactionTests
{
    [Fact]
    public void FromCounts_HandWorkedVarianceAndStandardError()
    {
        // 1 promoter, 2 passives, 3 detractors: p = 1/6, d = 1/2, NPS = −33.3; variance = p + d − (p − d)² = 2/3 − 1/9 = 5/9.
        var nps = NetPromoterScore.FromCounts(1, 2, 3);
        Assert.Equal(-100.0 / 3, nps.Score, precision: 10);
        Assert.Equal(5.0 / 9, nps.Variance, precision: 12);
        Assert.Equal(100 * Math.Sqrt(5.0 / 9 / 6), nps.StandardError, precision: 10);
    }

    [Fact]
    public void FromRatings_ClassifiesAndMatchesCounts()
    {
        int[] ratings = [10, 9, 8, 7, 6, 0, 3, 9];
        var nps = NetPromoterScore.FromRatings(ratings.AsEnumerable());
        Assert.Equal((3L, 2L, 3L), (nps.Promoters, nps.Passives, nps.Detractors));
        Assert.Equal(0, nps.Score, precision: 12);
        Assert.Equal(nps.Score, NetPromoterScore.FromRatings(ratings.AsSpan()).Score);
        Assert.True(double.IsNaN(NetPromoterScore.FromRatings([]).Score));
    }

    [Fact]
    public void FromRatings_OutOfRangeOrFractional_NamesThePosition()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.FromRatings(new[] { 5, 11 }.AsEnumerable()));
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position 2", Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.FromScores([9, 8, 7.5])).Message, StringComparison.Ordinal);
        Assert.Contains("position 0", Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.FromRatings(new[] { -1 }.AsSpan())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfidenceIntervals_WaldAndAdjustedWald_HandWorked()
    {
        // 40 promoters, 30 passives, 30 detractors (n = 100): NPS = 10, variance = 0.7 − 0.01 = 0.69.
        var nps = NetPromoterScore.FromCounts(40, 30, 30);
        var (lo, hi) = nps.ConfidenceInterval(0.95, NpsInterval.Wald);
        double half = 1.959963984540054 * Math.Sqrt(0.69 / 100) * 100;
        Assert.Equal(10 - half, lo, precision: 9);
        Assert.Equal(10 + half, hi, precision: 9);
        // Adjusted Wald: p = 40.75/103, d = 30.75/103, centre = 10/103.
        double p = 40.75 / 103, d = 30.75 / 103, c = p - d;
        double ahalf = 1.959963984540054 * Math.Sqrt((p + d - (c * c)) / 103) * 100;
        var (alo, ahi) = nps.ConfidenceInterval();
        Assert.Equal((100 * c) - ahalf, alo, precision: 9);
        Assert.Equal((100 * c) + ahalf, ahi, precision: 9);
        // Clamped to [−100, 100]: all promoters.
        Assert.Equal(100, NetPromoterScore.FromCounts(5, 0, 0).ConfidenceInterval(0.95, NpsInterval.Wald).Upper);
    }

    [Fact]
    public void Compare_TwoSampleZTest()
    {
        var a = NetPromoterScore.FromCounts(60, 20, 20); // NPS 40
        var b = NetPromoterScore.FromCounts(30, 40, 30); // NPS 0
        var test = NetPromoterScore.TestDifference(a, b);
        Assert.Equal(40, test.Difference, precision: 10);
        Assert.Equal(test.Difference / Math.Sqrt((a.StandardError * a.StandardError) + (b.StandardError * b.StandardError)), test.Z, precision: 12);
        Assert.True(test.PValue < 0.001);
        Assert.Equal(1, NetPromoterScore.TestDifference(a, a).PValue, precision: 12);
    }

    [Property]
    public bool Nps_WithinRangeAndIntervalContainsEstimate(byte promoters, byte passives, byte detractors)
    {
        if (promoters + passives + detractors == 0)
        {
            return true;
        }

        var nps = NetPromoterScore.FromCounts(promoters, passives, detractors);
        var (lo, hi) = nps.ConfidenceInterval(0.95, NpsInterval.Wald);
        var (alo, ahi) = nps.ConfidenceInterval();
        return nps.Score >= -100 && nps.Score <= 100 && lo <= nps.Score + 1e-9 && nps.Score <= hi + 1e-9 &&
               alo >= -100 && ahi <= 100 && alo <= ahi;
    }

    [Fact]
    public void Breakdowns_FromEventLogFeedback()
    {
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new EventLogBuilder(SampleMaps.ECommerce())
            .Add(new JourneyEvent("a", t, "checkout") { Feedback = 10 })
            .Add(new JourneyEvent("a", t.AddDays(40), "review") { Feedback = 3 })
            .Add(new JourneyEvent("b", t, "checkout") { Feedback = 7 })
            .Add(new JourneyEvent("b", t.AddDays(1), "ad"))
            .Build();
        var byTouchpoint = NetPromoterScore.ByStep(log, PathLevel.Touchpoint);
        Assert.Equal(50, byTouchpoint["checkout"].Score, precision: 10); // one promoter, one passive
        Assert.Equal(-100, byTouchpoint["review"].Score, precision: 10);
        Assert.False(byTouchpoint.ContainsKey("ad"));
        Assert.Equal(["2026-03", "2026-04"], NetPromoterScore.ByMonth(log).Keys);
        // Customer a answered twice (10, then 3): by default one response per customer, the latest (a detractor).
        // Customer b has no segment: grouped under (none), as CustomerAttributes.Breakdown groups them.
        var bySegment = NetPromoterScore.BySegment(log, id => id == "a" ? "families" : null);
        Assert.Equal(["(none)", "families"], bySegment.Keys);
        Assert.Equal(1, bySegment["(none)"].Passives);
        var latest = bySegment["families"];
        Assert.Equal(1, latest.Responses);
        Assert.Equal(-100, latest.Score, precision: 10);
        Assert.Equal(NpsCounting.LatestPerCustomer, latest.Counting);
        Assert.Contains("latest answer per customer", latest.ToString(), StringComparison.Ordinal);
        Assert.Equal(100, NetPromoterScore.BySegment(log, id => id == "a" ? "families" : null, NpsCounting.FirstPerCustomer)["families"].Score, precision: 10);
        Assert.Equal(-100, NetPromoterScore.BySegment(log, id => id == "a" ? "families" : null, NpsCounting.MeanPerCustomer)["families"].Score, precision: 10); // mean 6.5: a detractor
        Assert.Equal(2, NetPromoterScore.BySegment(log, id => id == "a" ? "families" : null, NpsCounting.EveryResponse)["families"].Responses);

        // The whole log: one voice per customer (a's latest 3, b's 7) — a detractor and a passive; every response: three.
        var overall = NetPromoterScore.FromLog(log);
        Assert.Equal((0L, 1L, 1L), (overall.Promoters, overall.Passives, overall.Detractors));
        Assert.Equal(3, NetPromoterScore.FromLog(log, NpsCounting.EveryResponse).Responses);
        Assert.Equal(0, NetPromoterScore.FromLog(new EventLogBuilder().Add("q", t, "x").Build()).Responses);

        var bad = new EventLogBuilder().Add(new JourneyEvent("z", t, "x") { Feedback = 7.5 }).Build();
        Assert.Contains("'z'", Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.ByStep(bad, PathLevel.Touchpoint)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csat_TopTwoBoxShareWithWilsonInterval()
    {
        // 7 of 10 answers are 4 or 5. Wilson 95 %: (0.3968, 0.8922).
        var csat = SatisfactionScores.Csat([5, 4, 4, 5, 3, 2, 4, 5, 1, 4]);
        Assert.Equal(0.7, csat.Value, precision: 12);
        Assert.Equal(0.3968, csat.Interval.Lower, precision: 4);
        Assert.Equal(0.8922, csat.Interval.Upper, precision: 4);
        Assert.Contains("position 1", Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionScores.Csat([5, 6])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ces_MeanWithTInterval()
    {
        // Mean 4, sample sd √(10/4) over 5 answers; t(4, 0.975) = 2.776445.
        var ces = SatisfactionScores.Ces([2, 3, 4, 5, 6]);
        double half = 2.7764451051977987 * Math.Sqrt(2.5 / 5);
        Assert.Equal(4, ces.Value, precision: 12);
        Assert.Equal(4 - half, ces.Interval.Lower, precision: 9);
        Assert.Equal(4 + half, ces.Interval.Upper, precision: 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionScores.Ces([8]));
    }

    [Fact]
    public void ObservedEmotions_MapFeedbackOntoTheDesignedScale()
    {
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new EventLogBuilder(SampleMaps.ECommerce())
            .Add(new JourneyEvent("a", t, "checkout") { Feedback = 10 })
            .Add(new JourneyEvent("b", t, "checkout") { Feedback = 0 })
            .Add(new JourneyEvent("b", t.AddHours(1), "ad") { Feedback = 10 })
            .Build();
        var gaps = ObservedEmotions.Gaps(log);
        Assert.Equal(["ad", "checkout"], gaps.Select(g => g.TouchpointId)); // journey order
        var checkout = gaps[1];
        Assert.Equal(0, checkout.Observed.Value, precision: 12);  // mean 5 on 0..10 → 0
        Assert.Equal(1.5, checkout.Gap, precision: 12);           // designed −1.5
        Assert.Equal(2, gaps[0].Observed.Value, precision: 12);
    }

    [Fact]
    public void Churn_PeriodRateAndCohortRetention()
    {
        var rate = Churn.PeriodRate(200, 30);
        Assert.Equal(0.15, rate.Value, precision: 12);
        Assert.True(rate.Interval.Lower < 0.15 && rate.Interval.Upper > 0.15);
        Assert.Throws<ArgumentOutOfRangeException>(() => Churn.PeriodRate(10, 11));

        DateTimeOffset M(int month, int day = 1) => new(2026, month, day, 0, 0, 0, TimeSpan.Zero);
        var matrix = CohortRetention.FromActivity(
        [
            ("a", M(1)), ("a", M(2)), ("a", M(3)),   // January cohort, active in all three months
            ("b", M(1, 20)), ("b", M(3)),            // January cohort, skips February
            ("c", M(2)), ("c", M(3)),                // February cohort
        ]);
        Assert.Equal(["2026-01", "2026-02"], matrix.Cohorts);
        Assert.Equal([2L, 1L], matrix.Sizes);
        Assert.Equal([1.0, 0.5, 1.0], matrix.Retention[0]);
        Assert.Equal(1.0, matrix.Retention[1][0]);
        Assert.Equal(1.0, matrix.Retention[1][1]);
        Assert.Null(matrix.Retention[1][2]); // April is not observed yet: unknown, not 0
    }
}
