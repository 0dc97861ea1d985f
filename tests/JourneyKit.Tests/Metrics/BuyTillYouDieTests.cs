using System.Globalization;
using FsCheck.Xunit;
using JourneyKit.Metrics;

namespace JourneyKit.Tests.Metrics;

public class BuyTillYouDieTests
{
    private static readonly Lazy<List<RfmSummary>> Cdnow = new(() => File.ReadLines(Datasets.PathOf("cdnow_customers_summary.csv")).Skip(1)
        .Select(l => l.Split(',')).Select(f => new RfmSummary(D(f[1]), D(f[2]), D(f[3]))).ToList());

    private static readonly Lazy<BgNbdModel> Fitted = new(() => BgNbdModel.Fit(Cdnow.Value));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void BgNbd_ReproducesPublishedCdnowEstimates()
    {
        // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        var m = Fitted.Value;
        Assert.Equal(0.243, m.R, precision: 3);
        Assert.Equal(4.414, m.Alpha, precision: 3);
        Assert.Equal(0.793, m.A, precision: 3);
        Assert.Equal(2.426, m.B, precision: 3);
        Assert.Equal(-9582.4, m.LogLikelihood, precision: 1);
        Assert.Equal(2357, m.Customers);
    }

    [Fact]
    public void BgNbd_FittedLikelihoodNotBelowPublishedParameters()
    {
        var published = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        Assert.True(Fitted.Value.LogLikelihood >= published.LogLikelihoodOf(Cdnow.Value) - 1e-6);
    }

    [Fact]
    public void BgNbd_PredictionsForCdnow()
    {
        var m = Fitted.Value;
        // Over a very short span, E[Y(t) | x, t_x, T] ≈ P(alive) · E[λ | x, T] · t with E[λ | x, T] = (r + x) / (α + T).
        var customer = new RfmSummary(2, 30.43, 38.86);
        double t = 1e-5, expected = m.ProbabilityAlive(customer) * (m.R + 2) / (m.Alpha + 38.86) * t;
        Assert.Equal(1, m.ConditionalExpectedPurchases(t, customer) / expected, precision: 4);
        // For a new customer, E[X(t)] ≈ E[λ] t = (r / α) t for small t.
        Assert.Equal(1, m.ExpectedPurchases(t) / (m.R / m.Alpha * t), precision: 4);
        Assert.Equal(1, m.ProbabilityAlive(new RfmSummary(0, 0, 38.86)));
        var p = m.ProbabilityAlive(new RfmSummary(2, 30.43, 38.86));
        Assert.InRange(p, 0.5, 1);
        // Expected purchases of a new customer grow with time and are 0 at t = 0.
        Assert.Equal(0, m.ExpectedPurchases(0), precision: 12);
        Assert.True(m.ExpectedPurchases(39) > m.ExpectedPurchases(10));
    }

    [Fact]
    public void RfmSummary_FromCdnowTransactions_ReproducesPublishedSummary()
    {
        // CDNOW_sample.txt: id_total id_sample yyyymmdd cds dollars (whitespace separated, CRLF). Calibration ends 1997-09-30.
        var transactions = File.ReadLines(Datasets.PathOf("CDNOW_sample.txt"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => (CustomerId: int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), Date: DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture)));
        var summary = RfmSummary.FromTransactions(transactions, new DateOnly(1997, 9, 30));
        var expected = File.ReadLines(Datasets.PathOf("cdnow_customers_summary.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, summary.Count);
        foreach (var f in expected)
        {
            var s = summary[f[0]];
            Assert.Equal(D(f[1]), s.Frequency);
            Assert.Equal(D(f[2]), Math.Round(s.Recency, 2));
            Assert.Equal(D(f[3]), Math.Round(s.T, 2));
        }
    }

    [Fact]
    public void GammaGamma_ReproducesPublishedCdnowEstimatesAndClv()
    {
        var rows = File.ReadLines(Datasets.PathOf("cdnow_customers_summary_with_transactions.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Frequency: D(f[1]), MeanSpend: D(f[4]), Rfm: new RfmSummary(D(f[1]), D(f[2]), D(f[3])))).ToList();
        var gg = GammaGammaModel.Fit(rows.Select(r => (r.Frequency, r.MeanSpend)));
        // Fader, Hardie & Lee (2005) "RFM and CLV" / lifetimes: p = 6.25, q = 3.74, γ = 15.44.
        Assert.Equal(6.25, gg.P, precision: 2);
        Assert.Equal(3.74, gg.Q, precision: 2);
        Assert.Equal(15.44, gg.Gamma, precision: 1);
        // A customer without repeat purchases is expected to spend the population mean p γ / (q − 1).
        Assert.Equal(gg.P * gg.Gamma / (gg.Q - 1), gg.ConditionalExpectedSpend(0, 0), precision: 10);
        var customer = rows[0];
        double clv = gg.CustomerLifetimeValue(Fitted.Value, customer.Rfm, customer.MeanSpend);
        double undiscounted = gg.CustomerLifetimeValue(Fitted.Value, customer.Rfm, customer.MeanSpend, discountRate: 0);
        Assert.True(clv > 0 && clv < undiscounted);
        Assert.Equal(Fitted.Value.ConditionalExpectedPurchases(12 * 4.345, customer.Rfm) * gg.ConditionalExpectedSpend(customer.Frequency, customer.MeanSpend), undiscounted, precision: 9);
    }

    [Property(MaxTest = 50)]
    public bool ProbabilityAliveInUnitIntervalAndExpectedPurchasesNonDecreasing(byte x, byte tx, byte extra, byte t1, byte t2)
    {
        var m = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        double frequency = x % 20, recency = frequency == 0 ? 0 : tx % 40, T = recency + (extra % 20);
        var customer = new RfmSummary(frequency, recency, T);
        double p = m.ProbabilityAlive(customer);
        double a = Math.Min(t1, t2), b = Math.Max(t1, t2);
        return p >= 0 && p <= 1 &&
               m.ExpectedPurchases(a) <= m.ExpectedPurchases(b) + 1e-12 &&
               m.ConditionalExpectedPurchases(a, customer) <= m.ConditionalExpectedPurchases(b, customer) + 1e-12;
    }

    [Fact]
    public void InvalidSummaries_NameThePosition()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdModel.Fit([new RfmSummary(1, 2, 3), new RfmSummary(1, 5, 3)]));
        Assert.Contains("Customer 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdModel.Fit([new RfmSummary(0.5, 0, 3)]));
        Assert.Throws<ArgumentException>(() => BgNbdModel.Fit([]));
    }
}
