using System.Collections.ObjectModel;
using JourneyKit.Internal;
using MathNet.Numerics.LinearAlgebra;

namespace JourneyKit.Markov;

public sealed partial class MarkovChain
{
    /// <summary>Gets the probability of being in <paramref name="to"/> exactly <paramref name="steps"/> steps after <paramref name="from"/>.</summary>
    /// <param name="from">The starting state.</param>
    /// <param name="to">The target state.</param>
    /// <param name="steps">The number of steps. Range: ≥ 0.</param>
    /// <returns>The n-step probability (row of P^steps).</returns>
    /// <exception cref="ArgumentException">A state is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public double Probability(string from, string to, int steps)
    {
        int i = IndexOf(from, nameof(from)), j = IndexOf(to, nameof(to));
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var start = Vector<double>.Build.Dense(StateCount);
        start[i] = 1;
        return Propagate(start, steps)[j];
    }

    /// <summary>
    /// Gets the stationary distribution π (πP = π, Σπ = 1). It exists uniquely when the chain has exactly one closed
    /// communicating class; transient states get 0.
    /// </summary>
    /// <returns>The probability of each state.</returns>
    /// <exception cref="InvalidOperationException">The chain has several closed classes (for example two absorbing states), so the stationary distribution is not unique; the message lists them.</exception>
    public IReadOnlyDictionary<string, double> StationaryDistribution()
    {
        var classes = ClosedClasses();
        if (classes.Count != 1)
        {
            throw new InvalidOperationException(
                $"The stationary distribution is not unique: the chain has {classes.Count} closed classes ({string.Join("; ", classes.Select(c => "{" + string.Join(", ", c.Select(i => _states[i])) + "}"))}).");
        }

        // Solve π(P − I) = 0 on the closed class with one equation replaced by Σπ = 1 (LU).
        int[] members = [.. classes[0]];
        int m = members.Length;
        var a = Matrix<double>.Build.Dense(m, m, (r, c) => P(members[c], members[r]) - (r == c ? 1 : 0));
        var b = Vector<double>.Build.Dense(m);
        for (int c = 0; c < m; c++)
        {
            a[m - 1, c] = 1;
        }

        b[m - 1] = 1;
        var x = a.LU().Solve(b);
        var pi = new double[StateCount];
        for (int k = 0; k < m; k++)
        {
            pi[members[k]] = Math.Max(0, x[k]);
        }

        double total = pi.Sum();
        return Dictionary(pi.Select(v => v / total).ToArray());
    }

    /// <summary>
    /// Gets the mean first passage time: the expected number of steps to reach <paramref name="to"/> from
    /// <paramref name="from"/>. For <paramref name="from"/> = <paramref name="to"/> it is the mean recurrence time
    /// (steps to return). +∞ when <paramref name="to"/> may never be reached.
    /// </summary>
    /// <param name="from">The starting state.</param>
    /// <param name="to">The target state.</param>
    /// <returns>The expected number of steps (≥ 1 for recurrence, ≥ 0 otherwise), or +∞.</returns>
    /// <exception cref="ArgumentException">A state is unknown.</exception>
    public double MeanFirstPassageTime(string from, string to)
    {
        int i = IndexOf(from, nameof(from)), j = IndexOf(to, nameof(to));
        RequireAnalysable();
        var times = PassageTimes(j);
        if (i != j)
        {
            return times[i];
        }

        // Recurrence: one step, then the passage time from wherever that step leads.
        double recurrence = 1;
        for (int k = 0; k < StateCount; k++)
        {
            double p = P(j, k);
            if (p > 0 && k != j)
            {
                recurrence += p * times[k];
            }
        }

        return recurrence;
    }

    /// <summary>Gets the probability that a journey starting in <paramref name="from"/> ends in the absorbing state <paramref name="absorbingState"/>.</summary>
    /// <param name="from">The starting state.</param>
    /// <param name="absorbingState">An absorbing state.</param>
    /// <returns>The probability in [0, 1]; for an absorbing <paramref name="from"/>, 1 if it is <paramref name="absorbingState"/>, else 0.</returns>
    /// <exception cref="ArgumentException">A state is unknown, or <paramref name="absorbingState"/> is not absorbing.</exception>
    /// <exception cref="InvalidOperationException">Some transient state cannot reach any absorbing state (the chain is not absorbing).</exception>
    public double AbsorptionProbability(string from, string absorbingState)
    {
        int i = IndexOf(from, nameof(from)), a = IndexOf(absorbingState, nameof(absorbingState));
        if (!IsAbsorbing(a))
        {
            throw new ArgumentException($"State '{absorbingState}' is not absorbing.", nameof(absorbingState));
        }

        if (IsAbsorbing(i))
        {
            return i == a ? 1 : 0;
        }

        var analysis = Absorbing();
        return analysis.Probabilities[analysis.TransientIndex[i], analysis.AbsorbingIndex[a]];
    }

    /// <summary>Gets the expected number of steps until absorption from a state (0 for an absorbing state).</summary>
    /// <param name="from">The starting state.</param>
    /// <returns>The expected number of steps.</returns>
    /// <exception cref="ArgumentException">The state is unknown.</exception>
    /// <exception cref="InvalidOperationException">The chain has no absorbing state, or some transient state cannot reach one.</exception>
    public double ExpectedStepsToAbsorption(string from)
    {
        int i = IndexOf(from, nameof(from));
        return IsAbsorbing(i) ? 0 : Absorbing().Steps[Absorbing().TransientIndex[i]];
    }

    /// <summary>Gets the variance of the number of steps until absorption from a state (0 for an absorbing state).</summary>
    /// <param name="from">The starting state.</param>
    /// <returns>The variance.</returns>
    /// <exception cref="ArgumentException">The state is unknown.</exception>
    /// <exception cref="InvalidOperationException">The chain is not absorbing.</exception>
    public double VarianceOfStepsToAbsorption(string from)
    {
        int i = IndexOf(from, nameof(from));
        return IsAbsorbing(i) ? 0 : Absorbing().Variance[Absorbing().TransientIndex[i]];
    }

    /// <summary>Gets the fundamental matrix N = (I − Q)⁻¹ over the transient states: the expected visits to each transient state.</summary>
    /// <returns>Rows and columns are <see cref="TransientStates"/> in that order.</returns>
    /// <exception cref="InvalidOperationException">The chain is not absorbing.</exception>
    public double[,] FundamentalMatrix()
    {
        var analysis = Absorbing();
        int t = analysis.Transient.Length;
        return analysis.Lu.Solve(Matrix<double>.Build.DenseIdentity(t)).ToArray();
    }

    /// <summary>Gets the transient (non-absorbing) states, in state order.</summary>
    public IReadOnlyList<string> TransientStates => _states.Where((_, i) => !IsAbsorbing(i)).ToList().AsReadOnly();

    /// <summary>Forecasts how many customers will be in each state after <paramref name="steps"/> steps from today's populations (x·P^steps).</summary>
    /// <param name="initial">Today's population per state (states not listed have 0); finite and non-negative.</param>
    /// <param name="steps">The number of steps. Range: ≥ 0.</param>
    /// <returns>The expected population of every state; the total is preserved.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="initial"/> is null.</exception>
    /// <exception cref="ArgumentException">A state is unknown or a population is negative or not finite; the message names the state.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public IReadOnlyDictionary<string, double> Forecast(IReadOnlyDictionary<string, double> initial, int steps)
    {
        var start = InitialVector(initial);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        return Dictionary(Propagate(start, steps).ToArray());
    }

    /// <summary>
    /// Forecasts with intervals from the estimation uncertainty: transition rows are drawn from their Dirichlet posterior
    /// (counts + smoothing, or + 1 when unsmoothed), the forecast is repeated per draw, and percentiles are reported.
    /// </summary>
    /// <param name="initial">Today's population per state.</param>
    /// <param name="steps">The number of steps. Range: ≥ 0.</param>
    /// <param name="level">The interval level. Range: 0 &lt; level &lt; 1.</param>
    /// <param name="draws">The number of posterior draws. Range: ≥ 10.</param>
    /// <param name="seed">The random seed (results are reproducible).</param>
    /// <returns>Per state: the point forecast and the interval.</returns>
    /// <exception cref="InvalidOperationException">The chain was given as probabilities (there is no estimation uncertainty).</exception>
    /// <exception cref="ArgumentException">A state is unknown or a population is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric argument is out of range.</exception>
    public IReadOnlyDictionary<string, (double Forecast, Interval Interval)> ForecastWithIntervals(
        IReadOnlyDictionary<string, double> initial, int steps, double level = 0.95, int draws = 500, int seed = 42)
    {
        if (_given is not null)
        {
            throw new InvalidOperationException("A chain given as probabilities has no estimation uncertainty to draw from.");
        }

        var start = InitialVector(initial);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 10);
        Stats.ConfidenceLevel(level, nameof(level));

        int n = StateCount;
        var point = Propagate(start, steps);
        var samples = new double[n][];
        for (int s = 0; s < n; s++)
        {
            samples[s] = new double[draws];
        }

        var random = new Random(seed);
        for (int d = 0; d < draws; d++)
        {
            var matrix = PosteriorDraw(random);
            var x = start.Clone();
            for (int k = 0; k < steps; k++)
            {
                x = matrix.TransposeThisAndMultiply(x);
            }

            for (int s = 0; s < n; s++)
            {
                samples[s][d] = x[s];
            }
        }

        var result = new Dictionary<string, (double, Interval)>(StringComparer.Ordinal);
        for (int s = 0; s < n; s++)
        {
            Array.Sort(samples[s]);
            result[_states[s]] = (point[s], new Interval(Stats.Percentile(samples[s], (1 - level) / 2), Stats.Percentile(samples[s], 1 - ((1 - level) / 2)), level));
        }

        return new ReadOnlyDictionary<string, (double, Interval)>(result);
    }

    /// <summary>Gets the one-step transition matrix as a dense array (row = from, column = to, in <see cref="States"/> order).</summary>
    /// <returns>A copy of the matrix.</returns>
    /// <exception cref="InvalidOperationException">The chain has more than <see cref="MaxAnalysisStates"/> states.</exception>
    public double[,] ToMatrix() => Dense().ToArray();

    private Vector<double> Propagate(Vector<double> start, int steps)
    {
        var matrix = Dense();
        var x = start;
        for (int k = 0; k < steps; k++)
        {
            x = matrix.TransposeThisAndMultiply(x);
        }

        return x;
    }

    private Vector<double> InitialVector(IReadOnlyDictionary<string, double> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        var x = Vector<double>.Build.Dense(StateCount);
        foreach (var (state, population) in initial)
        {
            int i = IndexOf(state, nameof(initial));
            if (!double.IsFinite(population) || population < 0)
            {
                throw new ArgumentException($"The population of state '{state}' is {population}; it must be finite and non-negative.", nameof(initial));
            }

            x[i] = population;
        }

        return x;
    }

    private Matrix<double> Dense()
    {
        RequireAnalysable();
        return Matrix<double>.Build.Dense(StateCount, StateCount, P);
    }

    private void RequireAnalysable()
    {
        if (StateCount > MaxAnalysisStates)
        {
            throw new InvalidOperationException(
                $"The chain has {StateCount:N0} states; matrix analyses accept at most {MaxAnalysisStates:N0}. Use a lower order or fewer states.");
        }
    }

    private Matrix<double> PosteriorDraw(Random random)
    {
        int n = StateCount;
        var matrix = Matrix<double>.Build.Dense(n, n);
        double prior = _smoothing > 0 ? _smoothing : 1;
        for (int i = 0; i < n; i++)
        {
            if (IsAbsorbing(i))
            {
                matrix[i, i] = 1;
                continue;
            }

            // Dirichlet(counts + prior) over the row's support (observed next states, or all states when smoothed).
            var support = _smoothing > 0 ? Enumerable.Range(0, n).ToArray() : [.. _counts[i].Keys];
            double total = 0;
            var gammas = new double[support.Length];
            for (int k = 0; k < support.Length; k++)
            {
                gammas[k] = MathNet.Numerics.Distributions.Gamma.Sample(random, _counts[i].GetValueOrDefault(support[k]) + prior, 1);
                total += gammas[k];
            }

            for (int k = 0; k < support.Length; k++)
            {
                matrix[i, support[k]] = gammas[k] / total;
            }
        }

        return matrix;
    }


    private ReadOnlyDictionary<string, double> Dictionary(double[] values)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
        {
            result[_states[i]] = values[i];
        }

        return new ReadOnlyDictionary<string, double>(result);
    }

    private AbsorbingAnalysis? _absorbingAnalysis;

    private AbsorbingAnalysis Absorbing()
    {
        if (_absorbingAnalysis is { } cached)
        {
            return cached;
        }

        RequireAnalysable();
        int[] absorbing = [.. Enumerable.Range(0, StateCount).Where(IsAbsorbing)];
        int[] transient = [.. Enumerable.Range(0, StateCount).Where(i => !IsAbsorbing(i))];
        if (absorbing.Length == 0)
        {
            throw new InvalidOperationException("The chain has no absorbing state.");
        }

        var closed = ClosedClasses().Where(c => c.Count > 1 || !IsAbsorbing(c[0])).ToList();
        if (closed.Count > 0)
        {
            throw new InvalidOperationException(
                $"The chain is not absorbing: states {string.Join(", ", closed.SelectMany(c => c).Select(i => $"'{_states[i]}'"))} can never reach an absorbing state.");
        }

        var q = Matrix<double>.Build.Dense(transient.Length, transient.Length, (r, c) => (r == c ? 1 : 0) - P(transient[r], transient[c]));
        var r = Matrix<double>.Build.Dense(transient.Length, absorbing.Length, (row, c) => P(transient[row], absorbing[c]));
        var lu = q.LU();
        var b = lu.Solve(r);
        var t = lu.Solve(Vector<double>.Build.Dense(transient.Length, 1));
        var nt = lu.Solve(t);
        var variance = (2 * nt) - t - t.PointwiseMultiply(t);
        var transientIndex = new int[StateCount];
        var absorbingIndex = new int[StateCount];
        for (int k = 0; k < transient.Length; k++)
        {
            transientIndex[transient[k]] = k;
        }

        for (int k = 0; k < absorbing.Length; k++)
        {
            absorbingIndex[absorbing[k]] = k;
        }

        return _absorbingAnalysis = new AbsorbingAnalysis(transient, transientIndex, absorbingIndex, lu, b.ToArray(), t.ToArray(), variance.ToArray());
    }

    private sealed record AbsorbingAnalysis(
        int[] Transient,
        int[] TransientIndex,
        int[] AbsorbingIndex,
        MathNet.Numerics.LinearAlgebra.Factorization.LU<double> Lu,
        double[,] Probabilities,
        double[] Steps,
        double[] Variance);
}
