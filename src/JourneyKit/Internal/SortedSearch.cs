namespace JourneyKit.Internal;

/// <summary>Binary searches over sorted spans.</summary>
internal static class SortedSearch
{
    /// <summary>The first index whose value is greater than <paramref name="value"/> (the length when none is).</summary>
    public static int FirstAbove<T>(ReadOnlySpan<T> sorted, T value)
        where T : IComparable<T>
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].CompareTo(value) > 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
