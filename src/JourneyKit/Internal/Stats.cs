using MathNet.Numerics.Distributions;

namespace JourneyKit.Internal;

/// <summary>Small statistical helpers shared by the analyses.</summary>
internal static class Stats
{
    /// <summary>The percentile of ascending values, interpolating linearly between order statistics (type 7).</summary>
    public static double Percentile<T>(ReadOnlySpan<T> sorted, double p)
        where T : System.Numerics.INumberBase<T>
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        double a = double.CreateChecked(sorted[lo]), b = double.CreateChecked(sorted[hi]);
        return a + ((h - lo) * (b - a));
    }

    /// <summary>Merges two ascending arrays into one ascending array.</summary>
    public static long[] MergeSorted(long[] a, long[] b)
    {
        var merged = new long[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            merged[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        a.AsSpan(i).CopyTo(merged.AsSpan(k));
        b.AsSpan(j).CopyTo(merged.AsSpan(k + a.Length - i));
        return merged;
    }

    /// <summary>
    /// Wald or adjusted-Wald (Rocks 2016: +¾ promoter, +¾ detractor, +3 responses) interval of a Net Promoter Score, on
    /// the −100..100 scale, clamped to it; (NaN, NaN) without responses. The adjusted interval is centred on a shrunk
    /// estimate; for tiny samples at the edge (1 promoter of 1: score 100, adjusted [−48.5, 98.5]) it would exclude the
    /// observed score, so it is widened to contain it.
    /// </summary>
    public static (double Lower, double Upper) NpsInterval(long promoters, long detractors, long responses, double level, bool adjusted)
    {
        if (responses == 0)
        {
            return (double.NaN, double.NaN);
        }

        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        double n = responses, pro = promoters, det = detractors;
        if (adjusted)
        {
            n += 3;
            pro += 0.75;
            det += 0.75;
        }

        double p = pro / n, d = det / n, centre = p - d;
        double se = Math.Sqrt((p + d - (centre * centre)) / n);
        double lower = Math.Max(-100, 100 * (centre - (z * se))), upper = Math.Min(100, 100 * (centre + (z * se)));
        double score = 100.0 * (promoters - detractors) / responses;
        return (Math.Min(lower, score), Math.Max(upper, score));
    }

    /// <summary>Wilson score interval for a proportion; (NaN, NaN) without trials.</summary>
    public static (double Lower, double Upper) Wilson(long successes, long trials, double level = 0.95)
    {
        if (trials == 0)
        {
            return (double.NaN, double.NaN);
        }

        double z = Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        double n = trials, p = successes / n, z2 = z * z;
        double centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        double half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Student's t interval for a mean from n values with the given sum of squared deviations from it (Welford's M2);
    /// (NaN, NaN) with fewer than two values.
    /// </summary>
    public static (double Lower, double Upper) MeanInterval(double mean, double sumOfSquaredDeviations, long n, double level)
    {
        if (n < 2)
        {
            return (double.NaN, double.NaN);
        }

        double se = Math.Sqrt(sumOfSquaredDeviations / (n - 1) / n);
        double t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - level) / 2));
        return (mean - (t * se), mean + (t * se));
    }

    /// <summary>Checks a confidence level lies in (0, 1).</summary>
    public static double ConfidenceLevel(double level, string paramName) =>
        level > 0 && level < 1 ? level : throw new ArgumentOutOfRangeException(paramName, level, "The level must lie strictly between 0 and 1.");
}
