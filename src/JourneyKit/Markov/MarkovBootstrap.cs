using System.Collections.ObjectModel;
using JourneyKit.Internal;

namespace JourneyKit.Markov;

/// <summary>Seeded bootstrap confidence intervals for estimated transition probabilities.</summary>
public static class MarkovBootstrap
{
    /// <summary>
    /// Resamples whole sequences with replacement, re-estimates the chain each time, and reports percentile intervals
    /// for every transition observed in the original data. The same seed gives the same intervals.
    /// </summary>
    /// <param name="sequences">The sequences.</param>
    /// <param name="options">Estimation options.</param>
    /// <param name="replicates">The number of bootstrap replicates. Range: ≥ 10.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="level">The interval level. Range: 0 &lt; level &lt; 1.</param>
    /// <param name="cancellationToken">Cancels the resampling (checked before every replicate).</param>
    /// <returns>Per observed transition (from, to): the percentile interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric argument is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyDictionary<(string From, string To), Interval> TransitionIntervals(
        IEnumerable<IReadOnlyList<string>> sequences, MarkovEstimationOptions? options = null, int replicates = 200, int seed = 42, double level = 0.95, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 10);
        Stats.ConfidenceLevel(level, nameof(level));

        var data = sequences.ToList();
        var original = MarkovChain.Fit(data, options, cancellationToken);
        var transitions = new List<(string From, string To)>();
        foreach (string from in original.States)
        {
            foreach (string to in original.States)
            {
                if (original.Count(from, to) > 0)
                {
                    transitions.Add((from, to));
                }
            }
        }

        var samples = transitions.ToDictionary(t => t, _ => new double[replicates]);
        var random = new Random(seed);
        var resample = new IReadOnlyList<string>[data.Count];
        for (int r = 0; r < replicates; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int i = 0; i < resample.Length; i++)
            {
                resample[i] = data[random.Next(data.Count)];
            }

            var chain = MarkovChain.Fit(resample, options, cancellationToken);
            var index = chain.States.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
            foreach (var t in transitions)
            {
                // A state missing from a replicate contributes probability 0 for its transitions.
                samples[t][r] = index.ContainsKey(t.From) && index.ContainsKey(t.To) ? chain.Probability(t.From, t.To) : 0;
            }
        }

        var result = new Dictionary<(string, string), Interval>();
        foreach (var (t, values) in samples)
        {
            Array.Sort(values);
            result[t] = new Interval(Stats.Percentile(values, (1 - level) / 2), Stats.Percentile(values, 1 - ((1 - level) / 2)), level);
        }

        return new ReadOnlyDictionary<(string, string), Interval>(result);
    }

}
