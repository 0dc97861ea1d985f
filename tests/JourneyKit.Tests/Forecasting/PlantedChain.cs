using JourneyKit.Events;

namespace JourneyKit.Tests.Forecasting;

/// <summary>
/// A journey chain with known probabilities, its exact answers (solved by value iteration, independent of the code
/// under test) and logs drawn from it.
/// </summary>
internal sealed class PlantedChain
{
    public const int Converted = -1;
    public const int Lost = -2;

    public PlantedChain(string[] steps, double[] start, double[,] transitions, double[] dwellDays)
    {
        Steps = steps;
        Start = start;
        Transitions = transitions;
        DwellDays = dwellDays;
    }

    /// <summary>Three steps with backtracks: rows over (a, b, c, converted, lost).</summary>
    public static PlantedChain Three { get; } = new(
        ["a", "b", "c"],
        [0.7, 0.3, 0],
        new double[,]
        {
            { 0.1, 0.45, 0.15, 0, 0.3 },
            { 0.1, 0, 0.6, 0, 0.3 },
            { 0, 0.1, 0, 0.5, 0.4 },
        },
        [1, 2, 3]);

    public string[] Steps { get; }

    public double[] Start { get; }

    /// <summary>Rows: steps; columns: steps, then converted, then lost.</summary>
    public double[,] Transitions { get; }

    public double[] DwellDays { get; }

    public int Count => Steps.Length;

    /// <summary>The exact probability that a journey converts (value iteration to machine precision).</summary>
    public double Conversion() => Conversion(Transitions);

    public double Conversion(double[,] p)
    {
        int n = Count;
        var h = new double[n];
        for (int iteration = 0; iteration < 100_000; iteration++)
        {
            double change = 0;
            for (int s = 0; s < n; s++)
            {
                double v = p[s, n];
                for (int t = 0; t < n; t++)
                {
                    v += p[s, t] * h[t];
                }

                change = Math.Max(change, Math.Abs(v - h[s]));
                h[s] = v;
            }

            if (change < 1e-15)
            {
                break;
            }
        }

        return Enumerable.Range(0, n).Sum(s => Start[s] * h[s]);
    }

    /// <summary>The matrix with P(from → to) set to p and the rest of the row scaled.</summary>
    public double[,] With(int from, int to, double p)
    {
        var q = (double[,])Transitions.Clone();
        double rest = 1 - q[from, to];
        for (int j = 0; j <= Count; j++)
        {
            q[from, j] = j == to ? p : q[from, j] * (1 - p) / rest;
        }

        q[from, Count + 1] = to == Count + 1 ? p : q[from, Count + 1] * (1 - p) / rest;
        return q;
    }

    /// <summary>A log of journeys drawn from the chain: the converting event is the step's own, marked Conversion.</summary>
    public EventLog Log(int journeys, int seed, double? conversionValue = null)
    {
        var random = new Random(seed);
        var builder = new EventLogBuilder();
        var origin = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (int j = 0; j < journeys; j++)
        {
            string id = $"c{j:D6}";
            var now = origin.AddMinutes(j);
            int step = Pick(random, Enumerable.Range(0, Count).Select(s => Start[s]).ToArray());
            while (true)
            {
                int next = Pick(random, Enumerable.Range(0, Count + 2).Select(t => Transitions[step, t]).ToArray());
                var e = new JourneyEvent(id, now, Steps[step]);
                if (next == Count)
                {
                    builder.Add(e with { Outcome = EventOutcome.Conversion, Value = conversionValue });
                    break;
                }

                builder.Add(e);
                if (next == Count + 1)
                {
                    break;
                }

                now = now.AddDays(DwellDays[step]);
                step = next;
            }
        }

        return builder.Build();
    }

    private static int Pick(Random random, double[] weights)
    {
        double u = random.NextDouble(), running = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            if (u < running)
            {
                return i;
            }
        }

        return Array.FindLastIndex(weights, w => w > 0);
    }
}
