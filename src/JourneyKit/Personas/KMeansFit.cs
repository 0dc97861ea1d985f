namespace JourneyKit.Personas;

/// <summary>
/// k-means (Lloyd) with k-means++ seeding on a row-major matrix of standardised features, and the mean silhouette on a
/// sample. Written here: a few dozen lines over flat arrays; MathNet has no clustering. Rows are processed in fixed
/// chunks and centre sums folded in chunk order, so results do not depend on the number of threads.
/// </summary>
internal static class KMeansFit
{
    private const int Chunk = 16_384;

    internal sealed record Result(double[] Centres, int[] Assignment, double WithinSumOfSquares);

    public static Result Run(double[] z, int n, int d, int k, int seed, int restart, int maxIterations, int threads, CancellationToken cancellationToken)
    {
        var random = new Random(Internal.Seeds.Derive(seed, restart, k));
        double[] centres = Seed(z, n, d, k, random);
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        double within = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (long changed, within, double[] sums, long[] counts) = Assign(z, n, d, k, centres, assignment, threads, cancellationToken);
            if (changed == 0 && iteration > 0)
            {
                break;
            }

            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    // An empty persona takes the row farthest from its centre: k groups stay k.
                    int far = Farthest(z, n, d, centres, assignment);
                    Array.Copy(z, far * d, centres, c * d, d);
                    continue;
                }

                for (int j = 0; j < d; j++)
                {
                    centres[(c * d) + j] = sums[(c * d) + j] / counts[c];
                }
            }
        }

        return new Result(centres, assignment, within);
    }

    /// <summary>Mean silhouette of a seeded sample of rows (NaN for one group).</summary>
    public static double Silhouette(double[] z, int n, int d, int k, int[] assignment, int sample, int seed)
    {
        if (k < 2)
        {
            return double.NaN;
        }

        int[] rows = [.. Enumerable.Range(0, Math.Min(n, sample))];
        if (n > sample)
        {
            var random = new Random(seed);
            var chosen = new HashSet<int>();
            while (chosen.Count < sample)
            {
                chosen.Add(random.Next(n));
            }

            rows = [.. chosen.Order()];
        }

        double total = 0;
        var sums = new double[k];
        var counts = new int[k];
        foreach (int i in rows)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            foreach (int j in rows)
            {
                if (i == j)
                {
                    continue;
                }

                sums[assignment[j]] += Math.Sqrt(SquaredDistance(z.AsSpan(i * d, d), z.AsSpan(j * d, d)));
                counts[assignment[j]]++;
            }

            int own = assignment[i];
            if (counts[own] == 0)
            {
                continue; // alone in its group: silhouette 0
            }

            double a = sums[own] / counts[own];
            double b = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                if (c != own && counts[c] > 0)
                {
                    b = Math.Min(b, sums[c] / counts[c]);
                }
            }

            if (!double.IsPositiveInfinity(b) && Math.Max(a, b) > 0)
            {
                total += (b - a) / Math.Max(a, b);
            }
        }

        return total / rows.Length;
    }

    private static double[] Seed(double[] z, int n, int d, int k, Random random)
    {
        var centres = new double[k * d];
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        int first = random.Next(n);
        Array.Copy(z, first * d, centres, 0, d);
        for (int c = 1; c <= k; c++)
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                double dist = SquaredDistance(z.AsSpan(i * d, d), centres.AsSpan((c - 1) * d, d));
                nearest[i] = Math.Min(nearest[i], dist);
                total += nearest[i];
            }

            if (c == k)
            {
                break;
            }

            int pick = random.Next(n);
            if (total > 0)
            {
                double u = random.NextDouble() * total;
                for (int i = 0; i < n; i++)
                {
                    u -= nearest[i];
                    if (u <= 0)
                    {
                        pick = i;
                        break;
                    }
                }
            }

            Array.Copy(z, pick * d, centres, c * d, d);
        }

        return centres;
    }

    private static (long Changed, double Within, double[] Sums, long[] Counts) Assign(double[] z, int n, int d, int k, double[] centres, int[] assignment, int threads, CancellationToken cancellationToken)
    {
        int chunks = (n + Chunk - 1) / Chunk;
        var parts = new (long Changed, double Within, double[] Sums, long[] Counts)[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, chunk =>
        {
            var sums = new double[k * d];
            var counts = new long[k];
            long changed = 0;
            double within = 0;
            for (int i = chunk * Chunk, end = Math.Min(n, (chunk + 1) * Chunk); i < end; i++)
            {
                int best = 0;
                double bestDistance = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double dist = SquaredDistance(z.AsSpan(i * d, d), centres.AsSpan(c * d, d));
                    if (dist < bestDistance)
                    {
                        (best, bestDistance) = (c, dist);
                    }
                }

                changed += assignment[i] == best ? 0 : 1;
                assignment[i] = best;
                within += bestDistance;
                counts[best]++;
                for (int j = 0; j < d; j++)
                {
                    sums[(best * d) + j] += z[(i * d) + j];
                }
            }

            parts[chunk] = (changed, within, sums, counts);
        });

        var total = parts[0];
        for (int p = 1; p < parts.Length; p++)
        {
            total.Changed += parts[p].Changed;
            total.Within += parts[p].Within;
            for (int i = 0; i < total.Sums.Length; i++)
            {
                total.Sums[i] += parts[p].Sums[i];
            }

            for (int i = 0; i < k; i++)
            {
                total.Counts[i] += parts[p].Counts[i];
            }
        }

        return total;
    }

    private static int Farthest(double[] z, int n, int d, double[] centres, int[] assignment)
    {
        int far = 0;
        double farthest = -1;
        for (int i = 0; i < n; i++)
        {
            double dist = SquaredDistance(z.AsSpan(i * d, d), centres.AsSpan(assignment[i] * d, d));
            if (dist > farthest)
            {
                (far, farthest) = (i, dist);
            }
        }

        return far;
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }

        return sum;
    }
}
