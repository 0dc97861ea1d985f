using MathNet.Numerics.Distributions;

namespace JourneyKit.Metrics;

/// <summary>The log-rank (Mantel–Cox) test for a difference between two survival curves.</summary>
public static class LogRank
{
    /// <summary>Tests whether two groups have the same survival.</summary>
    /// <param name="a">The first group.</param>
    /// <param name="b">The second group.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>χ², p-value, observed and expected events of the first group.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static LogRankResult Test(IEnumerable<SurvivalObservation> a, IEnumerable<SurvivalObservation> b, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        cancellationToken.ThrowIfCancellationRequested();
        var groupA = KaplanMeier.Sorted(a);
        var groupB = KaplanMeier.Sorted(b);
        var all = groupA.Select(o => (o.Duration, o.EventObserved, InA: true))
            .Concat(groupB.Select(o => (o.Duration, o.EventObserved, InA: false)))
            .OrderBy(o => o.Duration)
            .ToArray();
        double nA = groupA.Length, nB = groupB.Length, observed = 0, expected = 0, variance = 0;
        for (int i = 0; i < all.Length;)
        {
            double t = all[i].Duration;
            double dA = 0, d = 0, leaveA = 0, leaveB = 0;
            while (i < all.Length && all[i].Duration == t)
            {
                if (all[i].EventObserved)
                {
                    d++;
                    dA += all[i].InA ? 1 : 0;
                }

                if (all[i].InA)
                {
                    leaveA++;
                }
                else
                {
                    leaveB++;
                }

                i++;
            }

            double n = nA + nB;
            if (d > 0 && n > 0)
            {
                observed += dA;
                expected += d * nA / n;
                variance += n > 1 ? d * (nA / n) * (nB / n) * (n - d) / (n - 1) : 0;
            }

            nA -= leaveA;
            nB -= leaveB;
        }

        double chi = variance > 0 ? (observed - expected) * (observed - expected) / variance : double.NaN;
        return new LogRankResult(chi, double.IsNaN(chi) ? double.NaN : 1 - ChiSquared.CDF(1, chi), observed, expected);
    }
}
