using FsCheck.Xunit;
using JourneyKit.Markov;

namespace JourneyKit.Tests.Markov;

public class MarkovPropertyTests
{
    private static List<IReadOnlyList<string>> Sequences(int seed, bool withOutcomes = false)
    {
        var random = new Random(seed);
        string[] labels = ["a", "b", "c", "d"];
        return Enumerable.Range(0, random.Next(1, 40)).Select(_ =>
        {
            var s = Enumerable.Range(0, random.Next(1, 12)).Select(_ => labels[random.Next(labels.Length)]).ToList();
            if (withOutcomes)
            {
                s.Add(random.Next(2) == 0 ? "Won" : "Lost");
            }

            return (IReadOnlyList<string>)s;
        }).ToList();
    }

    [Property]
    public bool Rows_SumToOne(int seed, bool smooth, byte order)
    {
        var chain = MarkovChain.Estimate(Sequences(seed), new MarkovEstimationOptions { Smoothing = smooth ? 0.5 : 0, Order = 1 + (order % 3) });
        return chain.States.All(from => Math.Abs(chain.States.Sum(to => chain.Probability(from, to)) - 1) < 1e-9);
    }

    [Property]
    public bool AbsorptionProbabilities_SumToOneAndLieInUnitInterval(int seed)
    {
        var chain = MarkovChain.Estimate(Sequences(seed, withOutcomes: true), new MarkovEstimationOptions { AbsorbingStates = ["Won", "Lost"] });
        var absorbing = chain.AbsorbingStates;
        return chain.TransientStates.All(s =>
        {
            var p = absorbing.Select(a => chain.AbsorptionProbability(s, a)).ToList();
            return p.All(x => x >= -1e-12 && x <= 1 + 1e-12) && Math.Abs(p.Sum() - 1) < 1e-9 && chain.ExpectedStepsToAbsorption(s) >= 1 - 1e-9;
        });
    }

    [Property]
    public bool Estimation_IsInvariantToSequenceOrder(int seed)
    {
        var sequences = Sequences(seed);
        var reversed = Enumerable.Reverse(sequences).ToList();
        var a = MarkovChain.Estimate(sequences);
        var b = MarkovChain.Estimate(reversed);
        return Math.Abs(a.LogLikelihood - b.LogLikelihood) < 1e-9 &&
               a.States.OrderBy(s => s, StringComparer.Ordinal).SequenceEqual(b.States.OrderBy(s => s, StringComparer.Ordinal)) &&
               a.States.All(f => a.States.All(t => Math.Abs(a.Probability(f, t) - b.Probability(f, t)) < 1e-12));
    }

    [Property]
    public bool MergedCounts_OfAPartition_EqualCountsOfTheWhole(int seed, byte cut)
    {
        var sequences = Sequences(seed);
        int split = cut % (sequences.Count + 1);
        var options = new MarkovEstimationOptions { Order = 1 + (seed & 1) };
        var whole = TransitionCounts.Count(sequences, options);
        var merged = TransitionCounts.Merge(TransitionCounts.Count(sequences.Take(split), options), TransitionCounts.Count(sequences.Skip(split), options));
        var associative = TransitionCounts.Merge(TransitionCounts.Empty, merged);
        return whole.Total == merged.Total &&
               whole.States.All(f => whole.States.All(t => whole[f, t] == merged[f, t] && whole[f, t] == associative[f, t]));
    }

    [Property]
    public bool Smoothing_NeverGivesZeroProbability(int seed, byte alpha)
    {
        var chain = MarkovChain.Estimate(Sequences(seed), new MarkovEstimationOptions { Smoothing = 0.01 + (alpha / 50.0) });
        return chain.States.Where(s => !chain.UnobservedStates.Contains(s)).All(f => chain.States.All(t => chain.Probability(f, t) > 0));
    }

    [Property(MaxTest = 10)]
    public bool Bootstrap_IsReproducibleUnderASeed(int seed)
    {
        var sequences = Sequences(seed);
        var a = MarkovBootstrap.TransitionIntervals(sequences, replicates: 20, seed: seed);
        var b = MarkovBootstrap.TransitionIntervals(sequences, replicates: 20, seed: seed);
        return a.Count == b.Count && a.All(kv => b[kv.Key] == kv.Value && kv.Value.Lower <= kv.Value.Upper);
    }
}
