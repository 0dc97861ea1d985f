namespace JourneyKit.Paths;

/// <summary>
/// A mergeable histogram of durations on log-scaled buckets (64 per power of two, so quantiles are within 1.6 % of the
/// exact value; durations below 128 ticks are exact). Used for directly-follows edge quantiles, where storing every
/// duration would cost memory and speed.
/// </summary>
internal sealed class LogHistogram
{
    private const int SubBits = 6;
    private const int Sub = 1 << SubBits;
    public const int Buckets = (2 * Sub) + ((63 - SubBits - 1) * Sub);

    public static int Bucket(long ticks)
    {
        if (ticks < 2 * Sub)
        {
            return (int)Math.Max(0, ticks);
        }

        int e = System.Numerics.BitOperations.Log2((ulong)ticks);
        int sub = (int)(ticks >> (e - SubBits)) & (Sub - 1);
        return (2 * Sub) + ((e - SubBits - 1) * Sub) + sub;
    }

    // The middle of the values that fall into a bucket.
    public static double Representative(int bucket)
    {
        if (bucket < 2 * Sub)
        {
            return bucket;
        }

        int e = ((bucket - (2 * Sub)) / Sub) + SubBits + 1;
        int sub = (bucket - (2 * Sub)) % Sub;
        double width = Math.Pow(2, e - SubBits);
        return (Math.Pow(2, e) + (sub * width)) + ((width - 1) / 2);
    }

    public static double Quantile(ReadOnlySpan<int> counts, long total, double p)
    {
        if (total == 0)
        {
            return 0;
        }

        // Same interpolation rule as the exact summaries, applied to bucket representatives.
        double h = (total - 1) * p;
        long lo = (long)Math.Floor(h);
        double low = ValueAtRank(counts, lo), high = ValueAtRank(counts, Math.Min(lo + 1, total - 1));
        return low + ((h - lo) * (high - low));
    }

    private static double ValueAtRank(ReadOnlySpan<int> counts, long rank)
    {
        long seen = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            seen += counts[b];
            if (seen > rank)
            {
                return Representative(b);
            }
        }

        return Representative(counts.Length - 1);
    }
}
