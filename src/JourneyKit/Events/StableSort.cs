namespace JourneyKit.Events;

/// <summary>Stable sorts of one customer's (ticks, source index) pairs by ticks.</summary>
internal static class StableSort
{
    private const int InsertionThreshold = 32;

    public static void ByTime(Span<long> ticks, Span<int> source, ref long[]? scratchTicks, ref int[]? scratchSource)
    {
        // Most logs arrive in time order per customer: check first, it is one cheap pass.
        int n = ticks.Length;
        int i = 1;
        while (i < n && ticks[i - 1] <= ticks[i])
        {
            i++;
        }

        if (i == n)
        {
            return;
        }

        if (n <= InsertionThreshold)
        {
            Insertion(ticks, source, i);
            return;
        }

        if (scratchTicks is null || scratchTicks.Length < n)
        {
            scratchTicks = new long[Math.Max(n, 256)];
            scratchSource = new int[Math.Max(n, 256)];
        }

        MergeSort(ticks, source, scratchTicks.AsSpan(0, n), scratchSource!.AsSpan(0, n));
    }

    // Insertion sort from position 'from' (everything before is sorted). Strict comparison keeps equal keys in order.
    private static void Insertion(Span<long> ticks, Span<int> source, int from)
    {
        for (int i = from; i < ticks.Length; i++)
        {
            long t = ticks[i];
            int s = source[i];
            int j = i - 1;
            while (j >= 0 && ticks[j] > t)
            {
                ticks[j + 1] = ticks[j];
                source[j + 1] = source[j];
                j--;
            }

            ticks[j + 1] = t;
            source[j + 1] = s;
        }
    }

    // Bottom-up merge sort: insertion-sorted runs of 32, then stable merges through the scratch buffers.
    private static void MergeSort(Span<long> ticks, Span<int> source, Span<long> tmpTicks, Span<int> tmpSource)
    {
        int n = ticks.Length;
        for (int start = 0; start < n; start += InsertionThreshold)
        {
            int length = Math.Min(InsertionThreshold, n - start);
            Insertion(ticks.Slice(start, length), source.Slice(start, length), 1);
        }

        Span<long> fromTicks = ticks, toTicks = tmpTicks;
        Span<int> fromSource = source, toSource = tmpSource;
        bool inScratch = false;
        for (int width = InsertionThreshold; width < n; width *= 2)
        {
            for (int left = 0; left < n; left += 2 * width)
            {
                int mid = Math.Min(left + width, n);
                int right = Math.Min(left + (2 * width), n);
                int a = left, b = mid, k = left;
                while (a < mid && b < right)
                {
                    // Take from the left run on ties: stability.
                    if (fromTicks[b] < fromTicks[a])
                    {
                        toTicks[k] = fromTicks[b];
                        toSource[k++] = fromSource[b++];
                    }
                    else
                    {
                        toTicks[k] = fromTicks[a];
                        toSource[k++] = fromSource[a++];
                    }
                }

                while (a < mid)
                {
                    toTicks[k] = fromTicks[a];
                    toSource[k++] = fromSource[a++];
                }

                while (b < right)
                {
                    toTicks[k] = fromTicks[b];
                    toSource[k++] = fromSource[b++];
                }
            }

            Span<long> swapTicks = fromTicks;
            fromTicks = toTicks;
            toTicks = swapTicks;
            Span<int> swapSource = fromSource;
            fromSource = toSource;
            toSource = swapSource;
            inScratch = !inScratch;
        }

        if (inScratch)
        {
            fromTicks.CopyTo(ticks);
            fromSource.CopyTo(source);
        }
    }
}
