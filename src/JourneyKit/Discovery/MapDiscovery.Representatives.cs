using JourneyKit.Events;
using JourneyKit.Internal;
using JourneyKit.Paths;

namespace JourneyKit.Discovery;

public static partial class MapDiscovery
{
    /// <summary>The most distinct paths considered as representatives (the most frequent); every other path is still assigned to its nearest representative.</summary>
    public const int MaxCandidatePaths = 1000;

    /// <summary>
    /// Finds <paramref name="count"/> real journeys that stand for all (Bernard's representative journeys): k-medoids
    /// over the distinct touchpoint paths, weighted by their customers, under the normalised edit distance (Levenshtein
    /// distance over touchpoints divided by the longer path's length). Medoids are chosen greedily (each the candidate
    /// that lowers the total distance most: PAM's BUILD step) among the <see cref="MaxCandidatePaths"/> most frequent
    /// paths, then improved by swaps while any swap lowers the total; every customer is then assigned to its nearest
    /// representative (ties: the more frequent one). Works on distinct paths and their counts, so it scales with
    /// variants, not customers; deterministic.
    /// </summary>
    /// <param name="log">The events.</param>
    /// <param name="count">How many representatives. Range: ≥ 1; fewer are returned when the log has fewer distinct paths.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The representatives, most customers first; their customers add up to every customer with events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<RepresentativeJourney> RepresentativeJourneys(EventLog log, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var variants = new PathAnalyzer(new PathAnalyzerOptions { Level = PathLevel.Touchpoint }).Variants(log, cancellationToken: cancellationToken);
        if (variants.Count == 0)
        {
            return [];
        }

        var paths = variants.Select(v => v.Steps.ToArray()).ToArray();
        var weights = variants.Select(v => (double)v.Count).ToArray();
        int m = Math.Min(MaxCandidatePaths, paths.Length);
        int k = Math.Min(count, m);
        var distance = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = i + 1; j < m; j++)
            {
                distance[i, j] = distance[j, i] = Distance(paths[i], paths[j]);
            }
        }

        var medoids = Medoids(distance, weights.AsSpan(0, m), k, cancellationToken);
        var members = new long[k];
        var distanceSum = new double[k];
        for (int v = 0; v < paths.Length; v++)
        {
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int r = 0; r < k; r++)
            {
                double d = v < m ? distance[v, medoids[r]] : Distance(paths[v], paths[medoids[r]]);
                if (d < bestDistance || (d == bestDistance && medoids[r] < medoids[best]))
                {
                    (best, bestDistance) = (r, d);
                }
            }

            members[best] += (long)weights[v];
            distanceSum[best] += weights[v] * bestDistance;
        }

        long total = members.Sum();
        return [.. Enumerable.Range(0, k)
            .Select(r => new RepresentativeJourney(paths[medoids[r]], (int)members[r], (double)members[r] / total, members[r] == 0 ? 0 : distanceSum[r] / members[r]))
            .OrderByDescending(r => r.Customers).ThenBy(r => string.Join('\u001f', r.Steps), StringComparer.Ordinal)];
    }

    // PAM: BUILD (greedy), then SWAP while the weighted total distance falls.
    private static int[] Medoids(double[,] distance, ReadOnlySpan<double> weights, int k, CancellationToken cancellationToken)
    {
        int m = weights.Length;
        var medoids = new List<int>();
        var nearest = new double[m];
        Array.Fill(nearest, double.PositiveInfinity);
        for (int step = 0; step < k; step++)
        {
            int best = -1;
            double bestTotal = double.PositiveInfinity;
            for (int c = 0; c < m; c++)
            {
                if (medoids.Contains(c))
                {
                    continue;
                }

                double total = 0;
                for (int v = 0; v < m; v++)
                {
                    total += weights[v] * Math.Min(nearest[v], distance[v, c]);
                }

                if (total < bestTotal - 1e-12)
                {
                    (best, bestTotal) = (c, total);
                }
            }

            medoids.Add(best);
            for (int v = 0; v < m; v++)
            {
                nearest[v] = Math.Min(nearest[v], distance[v, best]);
            }
        }

        // SWAP, each candidate swap priced in O(m) from every path's nearest and second-nearest medoid.
        var d1 = new double[m];
        var d2 = new double[m];
        var slotOf = new int[m];
        for (int round = 0; round < 50; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int v = 0; v < m; v++)
            {
                (d1[v], d2[v], slotOf[v]) = (double.PositiveInfinity, double.PositiveInfinity, -1);
                for (int slot = 0; slot < k; slot++)
                {
                    double d = distance[v, medoids[slot]];
                    if (d < d1[v])
                    {
                        (d2[v], d1[v], slotOf[v]) = (d1[v], d, slot);
                    }
                    else if (d < d2[v])
                    {
                        d2[v] = d;
                    }
                }
            }

            (int Slot, int Candidate, double Delta) bestSwap = (-1, -1, -1e-9);
            for (int c = 0; c < m; c++)
            {
                if (medoids.Contains(c))
                {
                    continue;
                }

                for (int slot = 0; slot < k; slot++)
                {
                    double delta = 0;
                    for (int v = 0; v < m; v++)
                    {
                        double kept = slotOf[v] == slot ? d2[v] : d1[v];
                        delta += weights[v] * (Math.Min(kept, distance[v, c]) - d1[v]);
                    }

                    if (delta < bestSwap.Delta)
                    {
                        bestSwap = (slot, c, delta);
                    }
                }
            }

            if (bestSwap.Slot < 0)
            {
                break;
            }

            medoids[bestSwap.Slot] = bestSwap.Candidate;
        }

        return [.. medoids];
    }

    /// <summary>The distance representative journeys are chosen under: the Levenshtein distance over steps, divided by the longer path's length.</summary>
    /// <param name="a">One path.</param>
    /// <param name="b">The other.</param>
    /// <returns>0 for the same path, 1 for paths with nothing in common (or one empty and one not).</returns>
    /// <exception cref="ArgumentNullException">A path is null.</exception>
    public static double PathDistance(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Distance([.. a], [.. b]);
    }

    private static double Distance(string[] a, string[] b) =>
        a.Length == 0 || b.Length == 0
            ? (a.Length == b.Length ? 0 : 1)
            : (double)EditDistance.Of<string>(a, b) / Math.Max(a.Length, b.Length);
}
