using System.Collections.ObjectModel;
using JourneyKit.Events;
using JourneyKit.Internal;
using MathNet.Numerics.LinearAlgebra;

namespace JourneyKit.Markov;

/// <summary>
/// A continuous-time Markov chain estimated from timed journeys: how long customers dwell in each state and where they
/// go next, as a generator matrix Q (rates per day). Answers time-based questions such as "what share converts within
/// 30 days". Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Maximum likelihood: q_ij = n_ij / T_i, where n_ij counts moves from i to j and T_i is the total time spent in i over
/// completed stays. A journey's last stay is censored (its end is unknown) and is not counted. States without an observed
/// exit are absorbing. A state that is always left at the instant it is entered (all stays last zero time, as with
/// equal timestamps) is given one minute per stay, so that its exits keep a finite rate.
/// </remarks>
public sealed class ContinuousTimeMarkovChain
{
    private const double MinimumStayDays = 1.0 / (24 * 60);

    private readonly string[] _states;
    private readonly Dictionary<string, int> _index;
    private readonly double[,] _rates;
    private readonly double[] _dwellDays;
    private readonly long[] _stays;

    private ContinuousTimeMarkovChain(string[] states, double[,] rates, double[] dwellDays, long[] stays)
    {
        _states = states;
        _index = states.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        _rates = rates;
        _dwellDays = dwellDays;
        _stays = stays;
    }

    /// <summary>Gets the states in order of first appearance.</summary>
    public IReadOnlyList<string> States => _states;

    /// <summary>Fits the chain (maximum-likelihood rates) from timed sequences (state, instant), each in time order.</summary>
    /// <param name="journeys">The journeys; consecutive events in the same state are one stay.</param>
    /// <param name="absorbingStates">States that end a journey (for example "Converted"); events after them are ignored.</param>
    /// <param name="cancellationToken">Cancels the fit (checked while the journeys are read).</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journeys"/> or a journey is null.</exception>
    /// <exception cref="ArgumentException">A state is blank, a journey goes back in time, or there are no states; the message names the journey and position.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ContinuousTimeMarkovChain Fit(IEnumerable<IReadOnlyList<(string State, DateTimeOffset Time)>> journeys, IReadOnlyCollection<string>? absorbingStates = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        journeys = journeys.Checked(cancellationToken);
        var absorbing = new HashSet<string>(absorbingStates ?? [], StringComparer.Ordinal);
        var states = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var moves = new Dictionary<(int, int), long>();
        var time = new List<double>();
        var stays = new List<long>();
        int Id(string s)
        {
            if (!index.TryGetValue(s, out int id))
            {
                index[s] = id = states.Count;
                states.Add(s);
                time.Add(0);
                stays.Add(0);
            }

            return id;
        }

        long j = 0;
        foreach (var journey in journeys)
        {
            if (journey is null)
            {
                throw new ArgumentNullException(nameof(journeys), $"Journey {j} is null.");
            }

            int current = -1;
            DateTimeOffset enteredAt = default, previous = default;
            for (int k = 0; k < journey.Count; k++)
            {
                var (state, at) = journey[k];
                if (string.IsNullOrWhiteSpace(state))
                {
                    throw new ArgumentException($"Journey {j}, position {k}: the state is blank.", nameof(journeys));
                }

                if (k > 0 && at < previous)
                {
                    throw new ArgumentException($"Journey {j}, position {k}: the time goes back ({at:O} after {previous:O}).", nameof(journeys));
                }

                previous = at;
                int id = Id(state);
                if (current < 0)
                {
                    (current, enteredAt) = (id, at);
                }
                else if (id != current)
                {
                    time[current] += (at - enteredAt).TotalDays;
                    stays[current]++;
                    moves[(current, id)] = moves.GetValueOrDefault((current, id)) + 1;
                    (current, enteredAt) = (id, at);
                }

                if (absorbing.Contains(state))
                {
                    break;
                }
            }

            j++;
        }

        if (states.Count == 0)
        {
            throw new ArgumentException("The journeys contain no states.", nameof(journeys));
        }

        int n = states.Count;
        var rates = new double[n, n];
        foreach (var ((from, to), count) in moves)
        {
            if (!absorbing.Contains(states[from]))
            {
                double exposure = time[from] > 0 ? time[from] : stays[from] * MinimumStayDays;
                rates[from, to] = count / exposure;
            }
        }

        for (int i = 0; i < n; i++)
        {
            double exit = 0;
            for (int k = 0; k < n; k++)
            {
                exit += k == i ? 0 : rates[i, k];
            }

            rates[i, i] = -exit;
        }

        return new ContinuousTimeMarkovChain([.. states], rates, [.. time], [.. stays]);
    }

    /// <summary>Estimates the chain from timed sequences: the name before the API grammar settled on <c>Fit</c>.</summary>
    /// <param name="journeys">The journeys.</param>
    /// <param name="absorbingStates">States that end a journey.</param>
    /// <returns>The chain (see <see cref="Fit(IEnumerable{IReadOnlyList{ValueTuple{string, DateTimeOffset}}}, IReadOnlyCollection{string}?, CancellationToken)"/>).</returns>
    [Obsolete("Use ContinuousTimeMarkovChain.Fit: Fit is the verb for every model estimated from data. Estimate will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static ContinuousTimeMarkovChain Estimate(IEnumerable<IReadOnlyList<(string State, DateTimeOffset Time)>> journeys, IReadOnlyCollection<string>? absorbingStates = null) =>
        Fit(journeys, absorbingStates);

    /// <summary>Estimates the chain from an event log: the name before the API grammar settled on <c>Fit</c>.</summary>
    /// <param name="log">The log.</param>
    /// <param name="level">The level of the states.</param>
    /// <param name="conversionState">The absorbing conversion state, or <see langword="null"/>.</param>
    /// <returns>The chain (see <see cref="Fit(EventLog, PathLevel, string?, CancellationToken)"/>).</returns>
    [Obsolete("Use ContinuousTimeMarkovChain.Fit(log, level, …): Fit is the verb for every model estimated from data, and the level is always stated. FromEventLog will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static ContinuousTimeMarkovChain FromEventLog(EventLog log, PathLevel level = PathLevel.Stage, string? conversionState = null) =>
        Fit(log, level, conversionState);

    /// <summary>
    /// Fits the chain from an event log at a level: each journey's states with their timestamps. When
    /// <paramref name="conversionState"/> is given, a journey's first converting event is its arrival in that
    /// (absorbing) state and later events are ignored.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="level">The level of the states (stage, touchpoint or channel).</param>
    /// <param name="conversionState">The absorbing conversion state, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the fit (checked between journeys).</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">The log has no events, or the conversion state is also a label of the log at this level.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ContinuousTimeMarkovChain Fit(EventLog log, PathLevel level, string? conversionState = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var (ids, names) = LevelColumns.At(log, level);
        if (MarkovChain.LabelCollision(names, level, (conversionState, "conversion state")) is { } collision)
        {
            throw new ArgumentException(collision.Message, nameof(conversionState));
        }

        var journeys = new List<IReadOnlyList<(string, DateTimeOffset)>>(log.CustomerCount);
        foreach (var journey in log.Journeys.Checked(cancellationToken))
        {
            var steps = new List<(string, DateTimeOffset)>(journey.Count + 1);
            for (int k = 0; k < journey.Count; k++)
            {
                int e = journey.Start + k;
                var at = new DateTimeOffset(log.UtcTicks[e], TimeSpan.Zero);
                // The converting event is the arrival in the conversion state.
                if (conversionState is not null && log.Outcomes[e] == EventOutcome.Conversion)
                {
                    steps.Add((conversionState, at));
                    break;
                }

                steps.Add((LevelColumns.NameOf(ids, names, e), at));
            }

            journeys.Add(steps);
        }

        return Fit(journeys, conversionState is null ? null : [conversionState], cancellationToken);
    }

    /// <summary>Gets the rate of moving from one state to another, per day (the generator entry q_ij; q_ii is minus the exit rate).</summary>
    /// <param name="from">The state moved from.</param>
    /// <param name="to">The state moved to.</param>
    /// <returns>The rate per day.</returns>
    /// <exception cref="ArgumentException">A state is unknown.</exception>
    public double Rate(string from, string to) => _rates[IndexOf(from, nameof(from)), IndexOf(to, nameof(to))];

    /// <summary>Gets the mean time customers stay in a state (over completed stays).</summary>
    /// <param name="state">The state.</param>
    /// <returns>The mean dwell time; <see cref="TimeSpan.MaxValue"/> for a state never left (absorbing).</returns>
    /// <exception cref="ArgumentException">The state is unknown.</exception>
    public TimeSpan MeanDwellTime(string state)
    {
        int i = IndexOf(state, nameof(state));
        return _stays[i] == 0 ? TimeSpan.MaxValue : TimeSpan.FromDays(_dwellDays[i] / _stays[i]);
    }

    /// <summary>Gets the probability of being in <paramref name="to"/> after <paramref name="elapsed"/>, starting in <paramref name="from"/>: the (from, to) entry of exp(Q t).</summary>
    /// <param name="from">The starting state.</param>
    /// <param name="to">The target state; for an absorbing target this is the share absorbed there within <paramref name="elapsed"/>.</param>
    /// <param name="elapsed">The time. Range: ≥ 0.</param>
    /// <returns>The probability in [0, 1].</returns>
    /// <exception cref="ArgumentException">A state is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsed"/> is negative.</exception>
    public double Probability(string from, string to, TimeSpan elapsed)
    {
        var start = new double[_states.Length];
        start[IndexOf(from, nameof(from))] = 1;
        return Propagate(start, elapsed)[IndexOf(to, nameof(to))];
    }

    /// <summary>Forecasts the population of each state after <paramref name="elapsed"/> from today's populations.</summary>
    /// <param name="initial">Today's population per state (states not listed have 0); finite, non-negative.</param>
    /// <param name="elapsed">The time. Range: ≥ 0.</param>
    /// <returns>The expected population of every state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="initial"/> is null.</exception>
    /// <exception cref="ArgumentException">A state is unknown or a population invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsed"/> is negative.</exception>
    public IReadOnlyDictionary<string, double> Forecast(IReadOnlyDictionary<string, double> initial, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(initial);
        var start = new double[_states.Length];
        foreach (var (state, population) in initial)
        {
            if (!double.IsFinite(population) || population < 0)
            {
                throw new ArgumentException($"The population of state '{state}' is {population}; it must be finite and non-negative.", nameof(initial));
            }

            start[IndexOf(state, nameof(initial))] = population;
        }

        var x = Propagate(start, elapsed);
        return new ReadOnlyDictionary<string, double>(_states.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => x[p.i], StringComparer.Ordinal));
    }

    // exp(Q t) applied to a row vector. For λt ≤ 30 (λ the largest exit rate): uniformisation, Σ Poisson(k; λt) x Pᵏ with
    // P = I + Q/λ, summed until the Poisson tail is below 1e-15. Beyond that the Poisson weights would underflow (e^−λt is
    // 0 for λt > 745) and the sum silently lose mass, so: scaling and squaring — exp(Q τ) for τ = t / 2^s with λτ ≤ 1 by
    // uniformisation as a matrix, then squared s times (each factor is a stochastic matrix, so the products stay in [0, 1]
    // and rows keep summing to 1), and the vector multiplied once.
    private double[] Propagate(double[] start, TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(elapsed), elapsed, "The elapsed time must not be negative.");
        }

        int n = _states.Length;
        double lambda = 0;
        for (int i = 0; i < n; i++)
        {
            lambda = Math.Max(lambda, -_rates[i, i]);
        }

        double t = elapsed.TotalDays;
        if (lambda == 0 || t == 0)
        {
            return (double[])start.Clone();
        }

        double lt = lambda * t;
        if (lt <= 30)
        {
            return Uniformise(start, lambda, lt);
        }

        int squarings = (int)Math.Ceiling(Math.Log2(lt));
        double tau = t / Math.Pow(2, squarings);
        var e = Matrix<double>.Build.Dense(n, n);
        for (int row = 0; row < n; row++)
        {
            var unit = new double[n];
            unit[row] = 1;
            e.SetRow(row, Uniformise(unit, lambda, lambda * tau));
        }

        // Every row of exp(Q τ) is a probability distribution: putting back the truncated Poisson tail (≤ 1e-15) and the
        // rounding of each squaring keeps 2^s-fold amplification from leaking mass.
        NormaliseRows(e);
        for (int k = 0; k < squarings; k++)
        {
            e *= e;
            NormaliseRows(e);
        }

        return Vector<double>.Build.DenseOfArray(start).ToRowMatrix().Multiply(e).Row(0).ToArray();
    }

    private static void NormaliseRows(Matrix<double> m)
    {
        for (int i = 0; i < m.RowCount; i++)
        {
            double sum = 0;
            for (int j = 0; j < m.ColumnCount; j++)
            {
                sum += m[i, j];
            }

            if (sum > 0)
            {
                for (int j = 0; j < m.ColumnCount; j++)
                {
                    m[i, j] /= sum;
                }
            }
        }
    }

    private double[] Uniformise(double[] start, double lambda, double lt)
    {
        int n = _states.Length;
        var term = (double[])start.Clone();
        var result = new double[n];
        double logWeight = -lt; // log Poisson(0; λt)
        double cumulative = 0;
        for (int k = 0; cumulative < 1 - 1e-15 && k < 1_000; k++)
        {
            if (k > 0)
            {
                var next = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (term[i] == 0)
                    {
                        continue;
                    }

                    for (int j = 0; j < n; j++)
                    {
                        double p = (i == j ? 1 : 0) + (_rates[i, j] / lambda);
                        next[j] += term[i] * p;
                    }
                }

                term = next;
                logWeight += Math.Log(lt / k);
            }

            double weight = Math.Exp(logWeight);
            cumulative += weight;
            for (int i = 0; i < n; i++)
            {
                result[i] += weight * term[i];
            }
        }

        return result;
    }

    private int IndexOf(string state, string paramName)
    {
        ArgumentNullException.ThrowIfNull(state, paramName);
        return _index.TryGetValue(state, out int i) ? i : throw new ArgumentException($"State '{state}' is not a state of this chain.", paramName);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Continuous-time chain over {Show.Count(_states.Length)} states ({string.Join(", ", _states.Take(8))}{(_states.Length > 8 ? ", …" : "")})";
}
