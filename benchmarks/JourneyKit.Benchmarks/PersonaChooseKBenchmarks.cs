using BenchmarkDotNet.Attributes;
using JourneyKit.Events;
using JourneyKit.Personas;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Choosing the number of personas on a CRM-sized log (issue #30: 11.6 s on 10.5k customers, k fixed 2.7 s; target
/// ≤ 2 s): 10,500 journeys of ~5 events (51k events, as the export) over 40 or 400 touchpoints from three
/// chains; k from 1 to 6 by BIC (three restarts each) on one core and on all, against one fixed k.
/// </summary>
[MemoryDiagnoser]
public class PersonaChooseKBenchmarks
{
    private EventLog _log = null!;

    /// <summary>Touchpoints: a tidy map's 40, or the 400 page and e-mail labels of a raw CRM export.</summary>
    [Params(40, 400)]
    public int States { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(15);
        const int Chains = 3;
        var chains = new double[Chains][];
        for (int c = 0; c < Chains; c++)
        {
            chains[c] = new double[States * States];
            for (int s = 0; s < States; s++)
            {
                for (int t = 0; t < States; t++)
                {
                    chains[c][(s * States) + t] = 4.0 / States; // the same noise mass at every size
                }

                for (int i = 0; i < 3; i++)
                {
                    chains[c][(s * States) + random.Next(States)] += 3;
                }
            }
        }

        var builder = new EventLogBuilder();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        int journeys = BenchmarkSizes.Smoke ? 1_050 : 10_500;
        for (int j = 0; j < journeys; j++)
        {
            int c = j % Chains;
            int s = random.Next(States);
            int length = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 4);
            for (int e = 0; e < length; e++)
            {
                builder.Add("c" + j.ToString(System.Globalization.CultureInfo.InvariantCulture), t0.AddMinutes(e), "tp" + s.ToString(System.Globalization.CultureInfo.InvariantCulture));
                double total = 0;
                for (int t = 0; t < States; t++)
                {
                    total += chains[c][(s * States) + t];
                }

                double u = random.NextDouble() * total;
                int next = 0;
                while (next < States - 1 && (u -= chains[c][(s * States) + next]) > 0)
                {
                    next++;
                }

                s = next;
            }
        }

        _log = builder.Build();
    }

    [Benchmark(Baseline = true)]
    public int FixedK() => PersonaDiscovery.MarkovMixture(_log, new MarkovMixtureOptions { Level = PathLevel.Touchpoint, Clusters = 3, MaxDegreeOfParallelism = 1 }).Personas.Count;

    [Benchmark]
    public int ChooseK() => PersonaDiscovery.MarkovMixture(_log, new MarkovMixtureOptions { Level = PathLevel.Touchpoint, MaxDegreeOfParallelism = 1 }).Personas.Count;

    /// <summary>The same on every core (the default): the candidate numbers of personas are fitted side by side.</summary>
    [Benchmark]
    public int ChooseKAllCores() => PersonaDiscovery.MarkovMixture(_log, new MarkovMixtureOptions { Level = PathLevel.Touchpoint }).Personas.Count;
}
