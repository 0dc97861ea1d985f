using JourneyKit.Events;

namespace JourneyKit.Tests.Personas;

/// <summary>Journeys simulated from known Markov chains, and the adjusted Rand index to compare groupings.</summary>
public static class MixtureSimulation
{
    public static readonly string[] States = ["A", "B", "C", "D", "E", "F"];

    /// <summary>Three distinct chains over A–F: a cycle through A-B-C, one through D-E-F, and one that zig-zags A-D-B-E.</summary>
    public static readonly double[][,] Chains =
    [
        Chain(("A", "B", 0.7), ("B", "C", 0.7), ("C", "A", 0.6), ("A", "A", 0.1), ("B", "B", 0.1), ("C", "C", 0.2)),
        Chain(("D", "E", 0.7), ("E", "F", 0.7), ("F", "D", 0.6), ("D", "D", 0.1), ("E", "E", 0.1), ("F", "F", 0.2)),
        Chain(("A", "D", 0.6), ("D", "B", 0.6), ("B", "E", 0.6), ("E", "A", 0.6), ("C", "F", 0.5), ("F", "C", 0.5)),
    ];

    public static readonly double[][] Starts = [[0.8, 0.1, 0.1, 0, 0, 0], [0, 0, 0, 0.8, 0.1, 0.1], [0.5, 0, 0.2, 0.3, 0, 0]];

    public const double EndProbability = 0.12;

    /// <summary>Simulates <paramref name="perChain"/> journeys from each chain; returns the log and each customer's true chain.</summary>
    public static (EventLog Log, Dictionary<string, int> Truth, List<string[]> Paths) Simulate(int perChain, int seed)
    {
        var random = new Random(seed);
        var builder = new EventLogBuilder();
        var truth = new Dictionary<string, int>();
        var paths = new List<string[]>();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        int n = 0;
        for (int chain = 0; chain < Chains.Length; chain++)
        {
            for (int i = 0; i < perChain; i++)
            {
                string id = $"c{random.Next(1_000_000):D6}-{n++}";
                truth[id] = chain;
                var path = new List<string>();
                int s = Pick(Starts[chain], random);
                path.Add(States[s]);
                while (random.NextDouble() > EndProbability && path.Count < 40)
                {
                    var row = new double[States.Length];
                    for (int x = 0; x < row.Length; x++)
                    {
                        row[x] = Chains[chain][s, x];
                    }

                    s = Pick(row, random);
                    path.Add(States[s]);
                }

                for (int e = 0; e < path.Count; e++)
                {
                    builder.Add(id, t0.AddHours(e), path[e]);
                }

                paths.Add([.. path]);
            }
        }

        return (builder.Build(), truth, paths);
    }

    /// <summary>The ceiling: each journey assigned to its most likely true chain (equal weights).</summary>
    public static int Oracle(string[] path)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int chain = 0; chain < Chains.Length; chain++)
        {
            double l = Math.Log(Starts[chain][Array.IndexOf(States, path[0])] + 1e-12);
            for (int i = 1; i < path.Length; i++)
            {
                l += Math.Log(((1 - EndProbability) * Chains[chain][Array.IndexOf(States, path[i - 1]), Array.IndexOf(States, path[i])]) + 1e-12);
            }

            if (l > bestScore)
            {
                (best, bestScore) = (chain, l);
            }
        }

        return best;
    }

    /// <summary>Adjusted Rand index of two labelings of the same items (Hubert and Arabie 1985).</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var cols = new Dictionary<int, long>();
        for (int i = 0; i < a.Count; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            cols[b[i]] = cols.GetValueOrDefault(b[i]) + 1;
        }

        static double C2(long x) => x * (x - 1) / 2.0;
        double index = table.Values.Sum(C2);
        double sumRows = rows.Values.Sum(C2);
        double sumCols = cols.Values.Sum(C2);
        double expected = sumRows * sumCols / C2(a.Count);
        double max = (sumRows + sumCols) / 2;
        return (index - expected) / (max - expected);
    }

    private static double[,] Chain(params (string From, string To, double P)[] entries)
    {
        var m = new double[States.Length, States.Length];
        foreach (var (from, to, p) in entries)
        {
            m[Array.IndexOf(States, from), Array.IndexOf(States, to)] = p;
        }

        for (int r = 0; r < States.Length; r++)
        {
            double sum = 0;
            for (int c = 0; c < States.Length; c++)
            {
                sum += m[r, c];
            }

            for (int c = 0; c < States.Length; c++)
            {
                // Rows spread what is left evenly: every step possible, the named ones likely.
                m[r, c] += (1 - sum) / States.Length;
            }
        }

        return m;
    }

    private static int Pick(double[] weights, Random random)
    {
        double u = random.NextDouble() * weights.Sum();
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u <= 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
