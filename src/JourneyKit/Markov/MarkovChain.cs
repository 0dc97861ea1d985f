using System.Collections.ObjectModel;
using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Markov;

/// <summary>
/// A discrete-time Markov chain over named states — stages, touchpoints, channels or any labels — estimated from
/// observed sequences (maximum likelihood, optionally smoothed) or given as probabilities. Answers how customers move
/// between states, where they end up (absorption), how long that takes, and how many will be where after k steps.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A state whose row puts probability 1 on itself is absorbing. A state that was never left in the data (typically a
/// final state) has no observed row: it is treated as absorbing and listed in <see cref="UnobservedStates"/>, never
/// silently filled with made-up transitions. Analyses build dense matrices and accept up to
/// <see cref="MaxAnalysisStates"/> states.
/// </remarks>
public sealed partial class MarkovChain
{
    /// <summary>The tolerance for rows of a given probability matrix to sum to 1.</summary>
    public const double RowSumTolerance = 1e-9;

    /// <summary>The most states the matrix analyses (stationary distribution, passage times, absorption, forecasts) accept.</summary>
    public const int MaxAnalysisStates = 4096;

    private readonly string[] _states;
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<int, double>[] _counts;   // observed counts per row (empty when built from probabilities)
    private readonly double[] _rowTotals;
    private readonly double[,]? _given;                   // probabilities given by the caller
    private readonly bool[] _absorbing;
    private readonly double _smoothing;

    private MarkovChain(string[] states, Dictionary<int, double>[] counts, double[,]? given, bool[] forcedAbsorbing, double smoothing, int order)
    {
        _states = states;
        _index = states.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        _counts = counts;
        _given = given;
        _smoothing = smoothing;
        Order = order;
        _rowTotals = counts.Select(r => r.Values.Sum()).ToArray();
        _absorbing = new bool[states.Length];
        var unobserved = new List<string>();
        for (int i = 0; i < states.Length; i++)
        {
            if (given is not null)
            {
                _absorbing[i] = given[i, i] >= 1 - RowSumTolerance;
            }
            else if (forcedAbsorbing[i] || _rowTotals[i] == 0)
            {
                _absorbing[i] = true;
                if (!forcedAbsorbing[i])
                {
                    unobserved.Add(states[i]);
                }
            }
        }

        UnobservedStates = unobserved.AsReadOnly();
        LogLikelihood = given is not null ? double.NaN : ComputeLogLikelihood();
    }

    /// <summary>Gets the states, in order of first appearance (or as given); for order k, a state joins k symbols with " > ".</summary>
    public IReadOnlyList<string> States => _states;

    /// <summary>Gets the order of the chain (1 for chains given as probabilities).</summary>
    public int Order { get; }

    /// <summary>Gets the log-likelihood of the data the chain was estimated from under the estimated probabilities; NaN for a chain given as probabilities.</summary>
    public double LogLikelihood { get; }

    /// <summary>Gets the states that were never left in the data; they are treated as absorbing.</summary>
    public IReadOnlyList<string> UnobservedStates { get; }

    /// <summary>Gets the absorbing states (probability 1 of staying).</summary>
    public IReadOnlyList<string> AbsorbingStates => _states.Where((_, i) => _absorbing[i]).ToList().AsReadOnly();

    /// <summary>Gets the number of free parameters: per non-absorbing row, the number of possible next states minus one.</summary>
    public int ParameterCount => Enumerable.Range(0, _states.Length).Where(i => !_absorbing[i])
        .Sum(i => (_given is not null || _smoothing > 0 ? _states.Length : _counts[i].Count) - 1);

    /// <summary>Gets the number of observed transitions.</summary>
    public double ObservationCount => _rowTotals.Sum();

    /// <summary>Fits (estimates by maximum likelihood, or smoothed) a chain from sequences of states.</summary>
    /// <param name="sequences">The sequences (for example each customer's stages in order).</param>
    /// <param name="options">Order (default 1), start/end/absorbing states, smoothing, repeat collapsing, state cap.</param>
    /// <param name="cancellationToken">Cancels the fit (checked while the sequences are read).</param>
    /// <returns>The chain. Fitting adds no start or outcome states unless the options ask for them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or a sequence is null.</exception>
    /// <exception cref="ArgumentException">A state is blank, or there is no state at all.</exception>
    /// <exception cref="InvalidOperationException">More states than <see cref="MarkovEstimationOptions.MaxStates"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MarkovChain Fit(IEnumerable<IReadOnlyList<string>> sequences, MarkovEstimationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return FromCounts(TransitionCounts.Count(sequences.Checked(cancellationToken), options));
    }

    /// <summary>Estimates a chain from sequences of states: the name before the API grammar settled on <c>Fit</c>.</summary>
    /// <param name="sequences">The sequences.</param>
    /// <param name="options">The options.</param>
    /// <returns>The chain (see <see cref="Fit(IEnumerable{IReadOnlyList{string}}, MarkovEstimationOptions?, CancellationToken)"/>).</returns>
    [Obsolete("Use MarkovChain.Fit: Fit is the verb for every model estimated from data. Estimate will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static MarkovChain Estimate(IEnumerable<IReadOnlyList<string>> sequences, MarkovEstimationOptions? options = null) =>
        Fit(sequences, options);

    /// <summary>Estimates a chain from an event log: the name before the API grammar settled on <c>Fit</c>.</summary>
    /// <param name="log">The log.</param>
    /// <param name="level">The level of the states.</param>
    /// <param name="options">Estimation options.</param>
    /// <param name="conversionState">The absorbing conversion state, or <see langword="null"/>.</param>
    /// <returns>The chain (see <see cref="Fit(EventLog, PathLevel, MarkovEstimationOptions?, string?, CancellationToken)"/>).</returns>
    [Obsolete("Use MarkovChain.Fit(log, level, …): Fit is the verb for every model estimated from data, and the level is always stated. FromEventLog will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static MarkovChain FromEventLog(EventLog log, PathLevel level = PathLevel.Stage, MarkovEstimationOptions? options = null, string? conversionState = null) =>
        Fit(log, level, options, conversionState);

    /// <summary>
    /// Estimates a chain from an event log at stage, touchpoint or channel level: each journey is one sequence, cut
    /// after its first conversion when <paramref name="conversionState"/> is given (which is then appended and absorbing).
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="level">The level of the states (stage, touchpoint or channel).</param>
    /// <param name="options">Estimation options.</param>
    /// <param name="conversionState">The name of the absorbing conversion state, or <see langword="null"/> to ignore outcomes. With it, a journey that ends without converting goes to <see cref="MarkovEstimationOptions.EndState"/>, <c>(lost)</c> unless set.</param>
    /// <param name="cancellationToken">Cancels the fit (checked between journeys).</param>
    /// <returns>The chain; for first order its states are in the log's id order (map order when the log has a map).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">The log has no events; or the conversion, start or end state is also a label of the log at this level (or two of them are equal).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MarkovChain Fit(EventLog log, PathLevel level, MarkovEstimationOptions? options = null, string? conversionState = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        options = (options ?? new MarkovEstimationOptions()).ForConversion(conversionState);
        options.Validate();
        var (ids, names) = LevelColumns.At(log, level);
        if (LabelCollision(names, level, (conversionState, "conversion state"), (options.StartState, "StartState"), (options.EndState, "EndState")) is { } collision)
        {
            throw new ArgumentException(collision.Message, collision.IsConversion ? nameof(conversionState) : nameof(options));
        }

        return options.Order == 1 && names.Count <= 2048
            ? FromCounts(TransitionCounts.CountDense(log, ids, names, options, conversionState, cancellationToken))
            : Fit(Sequences(log, ids, names, conversionState), options, cancellationToken);
    }

    /// <summary>
    /// Refuses added states (conversion, start, end) that are also labels of the log at this level, or each other: the
    /// chain would merge them silently (a stage named "Converted" with conversion state "Converted" lost the stage after
    /// it). Names in parentheses, such as "(converted)", never collide: the event log reserves them.
    /// </summary>
    internal static (string Message, bool IsConversion)? LabelCollision(IReadOnlyList<string> names, PathLevel level, params (string? Name, string Role)[] added)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(names, StringComparer.Ordinal) { LevelColumns.Unknown };
        foreach (var (name, role) in added)
        {
            if (name is null)
            {
                continue;
            }

            if (labels.Contains(name))
            {
                return ($"The {role} '{Guard.Clip(name)}' is also a {level.ToString().ToLowerInvariant()} of the log; the chain would merge the two. Use a name in parentheses, such as '({Guard.Clip(name.ToLowerInvariant())})', which no log label can take.",
                    role == "conversion state");
            }

            if (!seen.TryAdd(name, role))
            {
                return ($"The {role} and the {seen[name]} are both '{Guard.Clip(name)}'; they must differ.", false);
            }
        }

        return null;
    }

    /// <summary>Creates a chain from a matrix of transition probabilities.</summary>
    /// <param name="states">The state names: distinct, not blank.</param>
    /// <param name="probabilities">An n×n matrix, row = from, column = to; finite, non-negative, rows summing to 1 within <see cref="RowSumTolerance"/>.</param>
    /// <returns>The chain; <see cref="Count"/> is 0 for every transition.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A state is blank or repeated; the matrix is not n×n; an entry is negative or not finite; a row does not sum to 1. The message names the state.</exception>
    public static MarkovChain FromProbabilities(IReadOnlyList<string> states, double[,] probabilities)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(probabilities);
        int n = states.Count;
        if (n == 0)
        {
            throw new ArgumentException("A chain needs at least one state.", nameof(states));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string state in states)
        {
            if (string.IsNullOrWhiteSpace(state))
            {
                throw new ArgumentException("State names must not be blank.", nameof(states));
            }

            if (!seen.Add(state))
            {
                throw new ArgumentException($"State '{state}' is listed twice.", nameof(states));
            }
        }

        if (probabilities.GetLength(0) != n || probabilities.GetLength(1) != n)
        {
            throw new ArgumentException(
                $"The matrix is {probabilities.GetLength(0)}×{probabilities.GetLength(1)}; {n} states need {n}×{n}.", nameof(probabilities));
        }

        var copy = (double[,])probabilities.Clone();
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                double p = copy[i, j];
                if (!double.IsFinite(p) || p < 0)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Transition '{states[i]}' → '{states[j]}' is {p}; probabilities must be finite and non-negative."),
                        nameof(probabilities));
                }

                sum += p;
            }

            if (Math.Abs(sum - 1) > RowSumTolerance)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Row '{states[i]}' sums to {sum:R}; rows must sum to 1 within 1e-9."),
                    nameof(probabilities));
            }
        }

        return new MarkovChain([.. states], [.. Enumerable.Range(0, n).Select(_ => new Dictionary<int, double>())], copy, new bool[n], 0, 1);
    }

    internal static MarkovChain FromCounts(TransitionCounts counts)
    {
        int n = counts.States.Count;
        if (n == 0)
        {
            throw new ArgumentException("The sequences contain no states.", nameof(counts));
        }

        var rows = Enumerable.Range(0, n).Select(_ => new Dictionary<int, double>()).ToArray();
        foreach (var (from, to, count) in counts.Entries)
        {
            rows[from][to] = count;
        }

        var options = counts.Options;
        var forced = counts.States.Select(s => s == options.EndState || options.AbsorbingStates.Contains(s)).ToArray();
        foreach (int i in Enumerable.Range(0, n).Where(i => forced[i]))
        {
            rows[i].Clear(); // nothing leaves an outcome state
        }

        return new MarkovChain([.. counts.States], rows, null, forced, options.Smoothing, options.Order);
    }

    /// <summary>Gets the number of observed transitions between two states.</summary>
    /// <param name="from">The state moved from.</param>
    /// <param name="to">The state moved to.</param>
    /// <returns>The count; 0 when built from probabilities.</returns>
    /// <exception cref="ArgumentException">A state is unknown; the message names it.</exception>
    public double Count(string from, string to) => _counts[IndexOf(from, nameof(from))].GetValueOrDefault(IndexOf(to, nameof(to)));

    /// <summary>Gets the probability of moving from one state to another in one step.</summary>
    /// <param name="from">The state moved from.</param>
    /// <param name="to">The state moved to.</param>
    /// <returns>The probability in [0, 1].</returns>
    /// <exception cref="ArgumentException">A state is unknown; the message names it.</exception>
    public double Probability(string from, string to) => P(IndexOf(from, nameof(from)), IndexOf(to, nameof(to)));

    /// <summary>Gets a row of transition probabilities.</summary>
    /// <param name="from">The state moved from.</param>
    /// <returns>The probability of each next state with a positive probability.</returns>
    /// <exception cref="ArgumentException">The state is unknown.</exception>
    public IReadOnlyDictionary<string, double> Row(string from)
    {
        int i = IndexOf(from, nameof(from));
        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = 0; j < _states.Length; j++)
        {
            double p = P(i, j);
            if (p > 0)
            {
                row[_states[j]] = p;
            }
        }

        return new ReadOnlyDictionary<string, double>(row);
    }

    /// <summary>
    /// Gets a 95 % (or other) confidence interval for one transition probability: Wilson's score interval for the
    /// row's binomial, or Goodman's (1965) simultaneous interval that holds for the whole row at once.
    /// </summary>
    /// <param name="from">The state moved from.</param>
    /// <param name="to">The state moved to.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <param name="simultaneous">Whether to use Goodman's simultaneous intervals (wider: Bonferroni over the row's states).</param>
    /// <returns>The interval at <paramref name="level"/>; undefined (NaN bounds) for a row without observations or a chain built from probabilities.</returns>
    /// <exception cref="ArgumentException">A state is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public Interval ConfidenceInterval(string from, string to, double level = 0.95, bool simultaneous = false)
    {
        int i = IndexOf(from, nameof(from)), j = IndexOf(to, nameof(to));
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");
        }

        return Interval.Of(Bounds(i, j, level, simultaneous), level);
    }

    private (double Lower, double Upper) Bounds(int i, int j, double level, bool simultaneous)
    {
        double n = _rowTotals[i];
        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }

        double x = _counts[i].GetValueOrDefault(j);
        if (!simultaneous)
        {
            return Stats.Wilson((long)Math.Round(x), (long)Math.Round(n), level);
        }

        // Goodman: A = χ²₁ quantile at 1 − α/k, with k the number of categories in the row.
        int k = _smoothing > 0 ? _states.Length : Math.Max(2, _counts[i].Count);
        double a = ChiSquared.InvCDF(1, 1 - ((1 - level) / k));
        double root = Math.Sqrt(a * (a + (4 * x * (n - x) / n)));
        return (Math.Max(0, (a + (2 * x) - root) / (2 * (n + a))), Math.Min(1, (a + (2 * x) + root) / (2 * (n + a))));
    }

    /// <summary>The number of observed transitions out of state i (0 for a chain built from probabilities).</summary>
    internal double RowTotal(int i) => _rowTotals[i];

    internal double P(int i, int j)
    {
        if (_given is not null)
        {
            return _given[i, j];
        }

        if (_absorbing[i])
        {
            return i == j ? 1 : 0;
        }

        double count = _counts[i].GetValueOrDefault(j);
        return _smoothing == 0 ? count / _rowTotals[i] : (count + _smoothing) / (_rowTotals[i] + (_smoothing * _states.Length));
    }

    internal int StateCount => _states.Length;

    internal bool IsAbsorbing(int i) => _absorbing[i];

    internal Dictionary<int, double> CountsOf(int i) => _counts[i];

    internal int IndexOf(string state, string paramName)
    {
        ArgumentNullException.ThrowIfNull(state, paramName);
        return _index.TryGetValue(state, out int i) ? i : throw new ArgumentException($"State '{state}' is not a state of this chain.", paramName);
    }

    private double ComputeLogLikelihood()
    {
        double ll = 0;
        for (int i = 0; i < _states.Length; i++)
        {
            foreach (var (j, count) in _counts[i])
            {
                ll += count * Math.Log(P(i, j));
            }
        }

        return ll;
    }

    private static IEnumerable<IReadOnlyList<string>> Sequences(EventLog log, int[] ids, IReadOnlyList<string> names, string? conversionState)
    {
        var offsets = log.CustomerOffsets.ToArray();
        var outcomes = log.Outcomes.ToArray();
        for (int c = 0; c < log.CustomerCount; c++)
        {
            var sequence = new List<string>(offsets[c + 1] - offsets[c] + 1);
            for (int k = offsets[c]; k < offsets[c + 1]; k++)
            {
                sequence.Add(LevelColumns.NameOf(ids, names, k));
                if (conversionState is not null && outcomes[k] == EventOutcome.Conversion)
                {
                    sequence.Add(conversionState);
                    break;
                }
            }

            if (sequence.Count > 0)
            {
                yield return sequence;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Order-{Order} Markov chain over {Show.Count(_states.Length)} states ({string.Join(", ", _states.Take(8))}{(_states.Length > 8 ? ", …" : "")}), {Show.Number(ObservationCount)} observed transitions";
}
