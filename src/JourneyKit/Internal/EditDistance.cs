using System.Buffers;

namespace JourneyKit.Internal;

/// <summary>
/// The Levenshtein distance between two sequences (of characters for "did you mean", of steps for representative
/// journeys): two rows from the shared array pool, stopping early once every path must exceed a limit.
/// </summary>
internal static class EditDistance
{
    /// <summary>The distance, or −1 once it must exceed <paramref name="limit"/>.</summary>
    public static int Of<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int limit = int.MaxValue)
        where T : IEquatable<T>
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return -1;
        }

        int[] previous = ArrayPool<int>.Shared.Rent(b.Length + 1);
        int[] current = ArrayPool<int>.Shared.Rent(b.Length + 1);
        try
        {
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                int best = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1].Equals(b[j - 1]) ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    best = Math.Min(best, current[j]);
                }

                if (best > limit)
                {
                    return -1;
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length] <= limit ? previous[b.Length] : -1;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(previous);
            ArrayPool<int>.Shared.Return(current);
        }
    }
}
