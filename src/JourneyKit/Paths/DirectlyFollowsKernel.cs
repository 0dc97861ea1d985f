namespace JourneyKit.Paths;

/// <summary>The directly-follows kernel: counts (and times) of step-to-step moves of journeys [from, to); merged by <see cref="DirectlyFollowsGraph.Merge"/>.</summary>
internal static class DirectlyFollowsKernel
{
    public static DirectlyFollowsGraph Run(PathContext context, int from, int to, bool durations)
    {
        int n = context.NodeCount;
        var counts = new long[n * n];
        var sums = new long[n * n];
        var histograms = new int[]?[n * n];
        var starts = new long[n];
        var ends = new long[n];
        var ids = context.Ids;
        var ticks = context.Log.UtcTicks;
        bool collapse = context.Options.CollapseRepeats;
        for (int j = from; j < to; j++)
        {
            var (start, count) = context.Slices[j];
            int end = start + count;
            int prev = ids[start];
            int prevEvent = start;
            starts[prev]++;
            if (!durations && !collapse)
            {
                // The hot loop: one increment per event.
                for (int k = start + 1; k < end; k++)
                {
                    int cur = ids[k];
                    counts[(prev * n) + cur]++;
                    prev = cur;
                }
            }
            else
            {
                for (int k = start + 1; k < end; k++)
                {
                    int cur = ids[k];
                    if (collapse && cur == prev)
                    {
                        continue;
                    }

                    int e = (prev * n) + cur;
                    counts[e]++;
                    if (durations)
                    {
                        long d = ticks[k] - ticks[prevEvent];
                        sums[e] += d;
                        (histograms[e] ??= new int[LogHistogram.Buckets])[LogHistogram.Bucket(d)]++;
                    }

                    prev = cur;
                    prevEvent = k;
                }
            }

            ends[prev]++;
        }

        var names = Enumerable.Range(0, n).Select(context.NodeName).ToArray();
        return new DirectlyFollowsGraph(names, counts, sums, histograms, starts, ends);
    }
}
