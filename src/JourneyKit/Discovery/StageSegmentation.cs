namespace JourneyKit.Discovery;

/// <summary>
/// Cuts touchpoints, sorted by their typical step, into contiguous stages so that the weighted spread of their
/// (standardised) descriptions within stages is least — exactly, by dynamic programming over the sorted order (Fisher's
/// optimal grouping): O(k n²) for n touchpoints and k stages. Deterministic.
/// </summary>
internal static class StageSegmentation
{
    /// <param name="features">Per touchpoint (in sorted order) its standardised description.</param>
    /// <param name="weights">Per touchpoint its weight (events).</param>
    /// <param name="maxStages">The most stages to consider.</param>
    /// <returns>Per k = 1..maxStages (index k − 1) the cut points (start index of every stage) and the within-stage spread.</returns>
    public static (int[] Starts, double Spread)[] Segment(double[][] features, double[] weights, int maxStages)
    {
        int n = weights.Length, d = features.Length;
        var w = new double[n + 1];
        var s = new double[d, n + 1];
        var q = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            w[i + 1] = w[i] + weights[i];
            q[i + 1] = q[i];
            for (int j = 0; j < d; j++)
            {
                s[j, i + 1] = s[j, i] + (weights[i] * features[j][i]);
                q[i + 1] += weights[i] * features[j][i] * features[j][i];
            }
        }

        double Cost(int from, int to)
        {
            double weight = w[to] - w[from];
            if (weight <= 0)
            {
                return 0;
            }

            double cost = q[to] - q[from];
            for (int j = 0; j < d; j++)
            {
                double sum = s[j, to] - s[j, from];
                cost -= sum * sum / weight;
            }

            return Math.Max(0, cost);
        }

        int kMax = Math.Min(maxStages, n);
        var best = new double[kMax + 1, n + 1];
        var cut = new int[kMax + 1, n + 1];
        for (int j = 1; j <= n; j++)
        {
            best[1, j] = Cost(0, j);
        }

        for (int k = 2; k <= kMax; k++)
        {
            for (int j = k; j <= n; j++)
            {
                double min = double.PositiveInfinity;
                int arg = k - 1;
                for (int i = k - 1; i < j; i++)
                {
                    double cost = best[k - 1, i] + Cost(i, j);
                    if (cost < min - 1e-12)
                    {
                        (min, arg) = (cost, i);
                    }
                }

                best[k, j] = min;
                cut[k, j] = arg;
            }
        }

        var result = new (int[] Starts, double Spread)[kMax];
        for (int k = 1; k <= kMax; k++)
        {
            var starts = new int[k];
            int end = n;
            for (int stage = k; stage >= 2; stage--)
            {
                end = cut[stage, end];
                starts[stage - 1] = end;
            }

            result[k - 1] = (starts, best[k, n]);
        }

        return result;
    }
}
