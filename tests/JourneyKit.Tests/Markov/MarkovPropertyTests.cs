using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Markov;

namespace JourneyKit.Tests.Markov;

public class MarkovPropertyTests
{
    // Sequences from FsCheck-generated (and shrinkable) arrays; with outcomes, each ends in Won or Lost by its first symbol.
    private static List<IReadOnlyList<string>> Sequences(NonEmptyArray<NonEmptyArray<Sym>> data, bool withOutcomes = false) =>
        [.. data.Get.Select(s =>
        {
            var list = s.Get.Select(x => x.ToString().ToLowerInvariant()).ToList();
            if (withOutcomes)
            {
                list.Add(s.Get[0] is Sym.A or Sym.C ? "Won" : "Lost");
            }

            return (IReadOnlyList<string>)list;
        })];

    [Property]
    public bool Rows_SumToOne(NonEmptyArray<NonEmptyArray<Sym>> data, bool smooth, byte order)
    {
        var chain = MarkovChain.Fit(Sequences(data), new MarkovEstimationOptions { Smoothing = smooth ? 0.5 : 0, Order = 1 + (order % 3) });
        return chain.States.All(from => Math.Abs(chain.States.Sum(to => chain.Probability(from, to)) - 1) < 1e-9);
    }

    [Property]
    public bool AbsorptionProbabilities_SumToOneAndLieInUnitInterval(NonEmptyArray<NonEmptyArray<Sym>> data)
    {
        var chain = MarkovChain.Fit(Sequences(data, withOutcomes: true), new MarkovEstimationOptions { AbsorbingStates = ["Won", "Lost"] });
        var absorbing = chain.AbsorbingStates;
        return chain.TransientStates.All(s =>
        {
            var p = absorbing.Select(a => chain.AbsorptionProbability(s, a)).ToList();
            return p.All(x => x >= -1e-12 && x <= 1 + 1e-12) && Math.Abs(p.Sum() - 1) < 1e-9 && chain.ExpectedStepsToAbsorption(s) >= 1 - 1e-9;
        });
    }

    [Property]
    public bool Estimation_IsInvariantToSequenceOrder(NonEmptyArray<NonEmptyArray<Sym>> data)
    {
        var sequences = Sequences(data);
        var reversed = Enumerable.Reverse(sequences).ToList();
        var a = MarkovChain.Fit(sequences);
        var b = MarkovChain.Fit(reversed);
        return Math.Abs(a.LogLikelihood - b.LogLikelihood) < 1e-9 &&
               a.States.OrderBy(s => s, StringComparer.Ordinal).SequenceEqual(b.States.OrderBy(s => s, StringComparer.Ordinal)) &&
               a.States.All(f => a.States.All(t => Math.Abs(a.Probability(f, t) - b.Probability(f, t)) < 1e-12));
    }

    [Property]
    public Property MergedCounts_OfAPartition_EqualCountsOfTheWhole(NonEmptyArray<NonEmptyArray<Sym>> data, byte cut, bool secondOrder)
    {
        var sequences = Sequences(data);
        int split = cut % (sequences.Count + 1);
        var options = new MarkovEstimationOptions { Order = secondOrder ? 2 : 1 };
        var whole = TransitionCounts.Count(sequences, options);
        var left = TransitionCounts.Count(sequences.Take(split), options);
        var right = TransitionCounts.Count(sequences.Skip(split), options);
        var merged = TransitionCounts.Merge(left, right);
        var withIdentity = TransitionCounts.Merge(TransitionCounts.Empty, merged);
        bool Same(TransitionCounts x) => x.Total == whole.Total && whole.States.All(f => whole.States.All(t => whole[f, t] == x[f, t]));
        return Same(merged).Label("merge of the two parts = the whole")
            .And(Same(withIdentity)).Label("Empty is an identity of Merge")
            .And(Same(TransitionCounts.Merge(right, left))).Label("Merge is commutative in the counts");
    }

    [Property]
    public bool Smoothing_NeverGivesZeroProbability(NonEmptyArray<NonEmptyArray<Sym>> data, byte alpha)
    {
        var chain = MarkovChain.Fit(Sequences(data), new MarkovEstimationOptions { Smoothing = 0.01 + (alpha / 50.0) });
        return chain.States.Where(s => !chain.UnobservedStates.Contains(s)).All(f => chain.States.All(t => chain.Probability(f, t) > 0));
    }

    [Property(MaxTest = 10)]
    public bool Bootstrap_IsReproducibleUnderASeed(NonEmptyArray<NonEmptyArray<Sym>> data, int seed)
    {
        var sequences = Sequences(data);
        var a = MarkovBootstrap.TransitionIntervals(sequences, replicates: 20, seed: seed);
        var b = MarkovBootstrap.TransitionIntervals(sequences, replicates: 20, seed: seed);
        return a.Count == b.Count && a.All(kv => b[kv.Key] == kv.Value && kv.Value.Lower <= kv.Value.Upper);
    }
}
