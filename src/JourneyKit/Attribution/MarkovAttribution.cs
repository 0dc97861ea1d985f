using System.Collections.ObjectModel;
using JourneyKit.Internal;
using JourneyKit.Markov;
using MathNet.Numerics.LinearAlgebra;

namespace JourneyKit.Attribution;

/// <summary>
/// Markov-chain multi-touch attribution by removal effects, solved exactly: one absorbing-chain linear system per
/// channel (LU for small chains, Gauss–Seidel to machine precision for large sparse ones), never simulation. Results are
/// deterministic.
/// </summary>
/// <remarks>
/// States are the k-length windows of each path (a path shorter than k is one state), consecutive identical states
/// collapsed, plus <c>(start)</c> and the absorbing <c>(conversion)</c> and <c>(null)</c>. Row weights: start → first
/// state and every step carry the row's conversions + nulls; last state → conversion carries its conversions; last →
/// null its nulls. Removing channel c sends every state containing c to null. Attributed conversions of c are
/// RE_c / Σ RE × total conversions. For value, each conversion from a last state s is worth the mean value per conversion
/// of the rows ending in s; value credits are RE^V_c / Σ RE^V × total value.
/// </remarks>
public static class MarkovAttribution
{
    private const int Start = 0, Conversion = 1, Null = 2, FirstPathState = 3;
    private const int DenseLimit = 200;

    /// <summary>Attributes conversions and value by removal effects.</summary>
    /// <param name="paths">The aggregated paths.</param>
    /// <param name="options">Order (default 1), state cap, state removal effects, parallelism.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The credits, removal effects, conversion probability and transitions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The chain would exceed <see cref="MarkovAttributionOptions.MaxStates"/> or <see cref="MarkovAttributionOptions.MaxChannels"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MarkovAttributionResult Compute(IEnumerable<PathRecord> paths, MarkovAttributionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        cancellationToken.ThrowIfCancellationRequested();
        return Compute(PathDataSet.FromRecords(paths), options ?? new MarkovAttributionOptions(), CancellationToken.None);
    }

    /// <summary>Attributes a packed data set, cancellably (checked between and during the linear solves).</summary>
    /// <param name="data">The paths.</param>
    /// <param name="options">Order (default 1), state cap, state removal effects, parallelism (<c>new MarkovAttributionOptions()</c> for the defaults).</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The chain would exceed <see cref="MarkovAttributionOptions.MaxStates"/> or <see cref="MarkovAttributionOptions.MaxChannels"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MarkovAttributionResult Compute(PathDataSet data, MarkovAttributionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int channels = data.ChannelNames.Count;
        if (channels > options.MaxChannels)
        {
            throw new InvalidOperationException(
                $"The paths have {channels:N0} distinct channels; MarkovAttributionOptions.MaxChannels is {options.MaxChannels:N0}. " +
                "Removal effects solve one system per channel: group rare channels (e.g. into 'other') or raise the cap.");
        }

        var graph = Graph.Build(data, options);
        graph.CancellationToken = cancellationToken;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        var rConversion = new double[graph.StateCount];
        var rValue = new double[graph.StateCount];
        for (int s = FirstPathState; s < graph.StateCount; s++)
        {
            double toConversion = graph.ProbabilityTo(s, Conversion);
            rConversion[s] = toConversion;
            rValue[s] = graph.LastConversions[s] > 0 ? toConversion * graph.LastValues[s] / graph.LastConversions[s] : 0;
        }

        var none = new bool[graph.StateCount];
        double p = graph.Solve(rConversion, none)[Start];
        double v = graph.Solve(rValue, none)[Start];

        var re = new double[channels];
        var reValue = new double[channels];
        Parallel.For(0, channels, parallel, c =>
        {
            var removed = new bool[graph.StateCount];
            for (int s = FirstPathState; s < graph.StateCount; s++)
            {
                removed[s] = Array.IndexOf(graph.Keys[s], c) >= 0;
            }

            re[c] = Effect(p, graph.Solve(rConversion, removed)[Start]);
            reValue[c] = Effect(v, graph.Solve(rValue, removed)[Start]);
        });

        var stateEffects = new Dictionary<string, double>(StringComparer.Ordinal);
        if (options.IncludeStateRemovalEffects)
        {
            var effects = new double[graph.StateCount];
            Parallel.For(FirstPathState, graph.StateCount, parallel, s =>
            {
                var removed = new bool[graph.StateCount];
                removed[s] = true;
                effects[s] = Effect(p, graph.Solve(rConversion, removed)[Start]);
            });
            for (int s = FirstPathState; s < graph.StateCount; s++)
            {
                stateEffects[graph.Name(s, data.ChannelNames)] = effects[s];
            }
        }

        double totalConversions = data.TotalConversions, totalValue = data.TotalValue;
        double sumRe = re.Sum(), sumReValue = reValue.Sum();
        var credits = Enumerable.Range(0, channels).Select(c => new ChannelCredit(
            data.ChannelNames[c],
            sumRe > 0 ? re[c] / sumRe * totalConversions : 0,
            sumReValue > 0 ? reValue[c] / sumReValue * totalValue : 0));

        var names = Enumerable.Range(0, graph.StateCount).Select(s => graph.Name(s, data.ChannelNames)).ToArray();
        var transitions = graph.Edges().Select(e => new StateTransition(names[e.From], names[e.To], e.Weight, e.Probability)).ToList().AsReadOnly();
        return new MarkovAttributionResult(
            credits,
            totalConversions,
            totalValue,
            Dictionary(data.ChannelNames, re),
            Dictionary(data.ChannelNames, reValue),
            stateEffects.AsReadOnly(),
            p,
            v,
            transitions,
            options.Order,
            () => graph.ToChain(names));
    }

    private static double Effect(double full, double removed) => full > 0 ? Math.Clamp(1 - (removed / full), 0, 1) : 0;

    private static ReadOnlyDictionary<string, double> Dictionary(IReadOnlyList<string> names, double[] values) =>
        names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => values[x.i], StringComparer.Ordinal).AsReadOnly();

    /// <summary>The weighted transition graph of the attribution chain.</summary>
    private sealed class Graph
    {
        private readonly Dictionary<long, double> _weights = [];
        private double[] _outWeight = [];
        private (int To, double P)[][] _rows = [];
        private int[] _order = [];

        public CancellationToken CancellationToken { get; set; }

        public List<int[]> Keys { get; } = [[], [], []]; // start, conversion, null

        public List<double> LastConversionsList { get; } = [0, 0, 0];

        public List<double> LastValuesList { get; } = [0, 0, 0];

        public double[] LastConversions { get; private set; } = [];

        public double[] LastValues { get; private set; } = [];

        public int StateCount => Keys.Count;

        public static Graph Build(PathDataSet data, MarkovAttributionOptions options)
        {
            var graph = new Graph();
            var index = new Dictionary<int[], int>(IntSequenceComparer.Instance);
            var lookup = index.GetAlternateLookup<ReadOnlySpan<int>>();
            int k = options.Order;
            var path = new List<int>();
            for (int r = 0; r < data.Count; r++)
            {
                double conv = data.ConversionsColumn[r], nulls = data.NullsColumn[r], weight = conv + nulls;
                if (weight == 0)
                {
                    continue;
                }

                var steps = data.Steps.AsSpan(data.Offsets[r], data.Offsets[r + 1] - data.Offsets[r]);
                path.Clear();
                int windows = Math.Max(1, steps.Length - k + 1);
                for (int w = 0; w < windows; w++)
                {
                    var key = steps.Slice(w, Math.Min(k, steps.Length));
                    if (!lookup.TryGetValue(key, out int state))
                    {
                        if (graph.Keys.Count - FirstPathState >= options.MaxStates)
                        {
                            throw new InvalidOperationException(
                                $"The order-{k} chain would have more than {options.MaxStates:N0} states; raise MarkovAttributionOptions.MaxStates or lower the order.");
                        }

                        state = graph.Keys.Count;
                        var stored = key.ToArray();
                        index.Add(stored, state);
                        graph.Keys.Add(stored);
                        graph.LastConversionsList.Add(0);
                        graph.LastValuesList.Add(0);
                    }

                    if (path.Count == 0 || path[^1] != state)
                    {
                        path.Add(state);
                    }
                }

                graph.Add(Start, path[0], weight);
                for (int i = 1; i < path.Count; i++)
                {
                    graph.Add(path[i - 1], path[i], weight);
                }

                int last = path[^1];
                if (conv > 0)
                {
                    graph.Add(last, Conversion, conv);
                    graph.LastConversionsList[last] += conv;
                    graph.LastValuesList[last] += data.ValuesColumn[r];
                }

                if (nulls > 0)
                {
                    graph.Add(last, Null, nulls);
                }
            }

            graph.Finish();
            return graph;
        }

        public double ProbabilityTo(int from, int to) =>
            _outWeight[from] > 0 ? _weights.GetValueOrDefault(Key(from, to)) / _outWeight[from] : 0;

        public string Name(int state, IReadOnlyList<string> channels) => state switch
        {
            Start => "(start)",
            Conversion => "(conversion)",
            Null => "(null)",
            _ => string.Join(TransitionCounts.Separator, Keys[state].Select(c => channels[c])),
        };

        public IEnumerable<(int From, int To, double Weight, double Probability)> Edges() =>
            _weights.Select(kv => ((int)(kv.Key >> 32), (int)kv.Key, kv.Value, kv.Value / _outWeight[(int)(kv.Key >> 32)]))
                .OrderBy(e => e.Item1).ThenBy(e => e.Item2);

        // x = Q x + r over transient states that are not removed (removed states lead to null: x = 0).
        public double[] Solve(double[] r, bool[] removed)
        {
            int n = StateCount;
            var transient = Enumerable.Range(0, n).Where(s => s != Conversion && s != Null && !removed[s]).ToArray();
            var x = new double[n];
            if (transient.Length <= DenseLimit)
            {
                var position = new int[n];
                Array.Fill(position, -1);
                for (int i = 0; i < transient.Length; i++)
                {
                    position[transient[i]] = i;
                }

                var a = Matrix<double>.Build.Dense(transient.Length, transient.Length);
                var b = Vector<double>.Build.Dense(transient.Length);
                for (int i = 0; i < transient.Length; i++)
                {
                    int s = transient[i];
                    a[i, i] = 1;
                    b[i] = r[s];
                    foreach (var (to, p) in _rows[s])
                    {
                        if (position[to] >= 0)
                        {
                            a[i, position[to]] -= p;
                        }
                    }
                }

                var solution = a.LU().Solve(b);
                for (int i = 0; i < transient.Length; i++)
                {
                    x[transient[i]] = solution[i];
                }

                return x;
            }

            // Gauss–Seidel: converges for absorbing chains (I − Q is a non-singular M-matrix); run to machine precision.
            // States are visited successors first (DFS post-order), so a chain without cycles is solved in one sweep and
            // a mostly forward one in a few, instead of one sweep per step of its longest path.
            for (int sweep = 0; sweep < 1_000_000; sweep++)
            {
                CancellationToken.ThrowIfCancellationRequested();
                double change = 0;
                foreach (int s in _order)
                {
                    if (s == Conversion || s == Null || removed[s])
                    {
                        continue;
                    }

                    double value = r[s];
                    double self = 0;
                    foreach (var (to, p) in _rows[s])
                    {
                        if (to == s)
                        {
                            self += p;
                        }
                        else if (!removed[to])
                        {
                            value += p * x[to];
                        }
                    }

                    value /= 1 - self;
                    change = Math.Max(change, Math.Abs(value - x[s]));
                    x[s] = value;
                }

                if (change <= 1e-15)
                {
                    return x;
                }
            }

            throw new InvalidOperationException("The removal-effect system did not converge; the chain may not be absorbing.");
        }

        public MarkovChain ToChain(string[] names)
        {
            if (StateCount > MarkovChain.MaxAnalysisStates)
            {
                throw new InvalidOperationException($"The chain has {StateCount:N0} states; at most {MarkovChain.MaxAnalysisStates:N0} can be converted to a MarkovChain.");
            }

            var p = new double[StateCount, StateCount];
            p[Conversion, Conversion] = 1;
            p[Null, Null] = 1;
            foreach (var (from, to, _, probability) in Edges())
            {
                p[from, to] = probability;
            }

            for (int s = 0; s < StateCount; s++)
            {
                if (_outWeight[s] == 0 && s != Conversion && s != Null)
                {
                    p[s, s] = 1; // a state without data (the start of an empty data set)
                }
            }

            return MarkovChain.FromProbabilities(names, p);
        }

        private static long Key(int from, int to) => ((long)from << 32) | (uint)to;

        // Every state, each after all the states it leads to (iterative DFS: a path of 100,000 steps must not overflow).
        private int[] PostOrder()
        {
            int n = StateCount;
            var order = new List<int>(n);
            var state = new byte[n]; // 0 new, 1 open, 2 done
            var stack = new Stack<(int Node, int Edge)>();
            for (int root = 0; root < n; root++)
            {
                if (state[root] != 0)
                {
                    continue;
                }

                stack.Push((root, 0));
                state[root] = 1;
                while (stack.Count > 0)
                {
                    var (node, edge) = stack.Pop();
                    var row = _rows[node];
                    while (edge < row.Length && state[row[edge].To] != 0)
                    {
                        edge++;
                    }

                    if (edge < row.Length)
                    {
                        stack.Push((node, edge + 1));
                        stack.Push((row[edge].To, 0));
                        state[row[edge].To] = 1;
                    }
                    else
                    {
                        state[node] = 2;
                        order.Add(node);
                    }
                }
            }

            return [.. order];
        }

        private void Add(int from, int to, double weight)
        {
            long key = Key(from, to);
            _weights[key] = _weights.GetValueOrDefault(key) + weight;
        }

        private void Finish()
        {
            _outWeight = new double[StateCount];
            var rows = Enumerable.Range(0, StateCount).Select(_ => new List<(int, double)>()).ToArray();
            foreach (var (key, weight) in _weights)
            {
                _outWeight[(int)(key >> 32)] += weight;
            }

            foreach (var (key, weight) in _weights)
            {
                int from = (int)(key >> 32);
                rows[from].Add(((int)key, weight / _outWeight[from]));
            }

            _rows = rows.Select(r => r.ToArray()).ToArray();
            _order = PostOrder();
            LastConversions = [.. LastConversionsList];
            LastValues = [.. LastValuesList];
        }
    }
}
