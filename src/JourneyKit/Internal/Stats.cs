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

    /// <summary>Checks a confidence level lies in (0, 1).</summary>
    public static double ConfidenceLevel(double level, string paramName) =>
        level > 0 && level < 1 ? level : throw new ArgumentOutOfRangeException(paramName, level, "The level must lie strictly between 0 and 1.");
}
