using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Markov;

/// <summary>
/// Transition counts between (expanded) states, built from sequences. Mergeable: counting partitions separately and
/// merging gives exactly the counts of the whole (<see cref="Merge"/> is associative and <see cref="Empty"/> is its
/// identity), for partition-parallel estimation.
/// </summary>
public sealed class TransitionCounts
{
    internal const string Separator = " > ";

    private readonly List<string> _states = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<long, double> _counts = [];

    private TransitionCounts(MarkovEstimationOptions options)
    {
        Options = options;
    }

    /// <summary>Gets empty counts with default options (the identity of <see cref="Merge"/>).</summary>
    public static TransitionCounts Empty { get; } = new(new MarkovEstimationOptions());

    /// <summary>Gets the options the counts were made with.</summary>
    public MarkovEstimationOptions Options { get; }

    /// <summary>Gets the states in order of first appearance; for order k, a state is k symbols joined by " > ".</summary>
    public IReadOnlyList<string> States => _states;

    /// <summary>Gets the total number of transitions counted.</summary>
    public double Total => _counts.Values.Sum();

    /// <summary>Gets the number of sequences counted.</summary>
    public long Sequences { get; private set; }

    internal IEnumerable<(int From, int To, double Count)> Entries => _counts.Select(kv => ((int)(kv.Key >> 32), (int)kv.Key, kv.Value));

    /// <summary>Gets a count.</summary>
    /// <param name="from">The state moved from.</param>
    /// <param name="to">The state moved to.</param>
    /// <returns>The count; 0 for unknown states.</returns>
    public double this[string from, string to] =>
        _index.TryGetValue(from, out int f) && _index.TryGetValue(to, out int t) ? _counts.GetValueOrDefault(Key(f, t)) : 0;

    /// <summary>Counts the transitions of sequences of states (stages, touchpoints, channels or any labels).</summary>
    /// <param name="sequences">The sequences; each at least one state, no blank states.</param>
    /// <param name="options">Order, start/end/absorbing states, repeat collapsing, state cap.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or a sequence is null.</exception>
    /// <exception cref="ArgumentException">A state is blank; the message gives the sequence and position.</exception>
    /// <exception cref="InvalidOperationException">More states than <see cref="MarkovEstimationOptions.MaxStates"/>.</exception>
    public static TransitionCounts Count(IEnumerable<IReadOnlyList<string>> sequences, MarkovEstimationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        options ??= new MarkovEstimationOptions();
        options.Validate();
        var counts = new TransitionCounts(options);
        long index = 0;
        foreach (var sequence in sequences)
        {
            counts.Add(sequence, index++);
        }

        return counts;
    }

    /// <summary>Merges two sets of counts made with equal options.</summary>
    /// <param name="a">One set.</param>
    /// <param name="b">The other.</param>
    /// <returns>The summed counts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options differ (other than for an empty set).</exception>
    public static TransitionCounts Merge(TransitionCounts a, TransitionCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Sequences == 0 && a._counts.Count == 0)
        {
            return b;
        }

        if (b.Sequences == 0 && b._counts.Count == 0)
        {
            return a;
        }

        if (!SameOptions(a.Options, b.Options))
        {
            throw new ArgumentException("Counts made with different options cannot be merged.", nameof(b));
        }

        var merged = new TransitionCounts(a.Options) { Sequences = a.Sequences + b.Sequences };
        foreach (var source in new[] { a, b })
        {
            foreach (string state in source._states)
            {
                merged.StateId(state);
            }

            foreach (var (from, to, count) in source.Entries)
            {
                long key = Key(merged._index[source._states[from]], merged._index[source._states[to]]);
                merged._counts[key] = merged._counts.GetValueOrDefault(key) + count;
            }
        }

        return merged;
    }

    /// <summary>Estimates the chain from these counts.</summary>
    /// <returns>The chain.</returns>
    public MarkovChain ToChain() => MarkovChain.FromCounts(this);

    internal static TransitionCounts Create(MarkovEstimationOptions options, long sequences) => new(options) { Sequences = sequences };

    internal int StateId(string state)
    {
        if (!_index.TryGetValue(state, out int id))
        {
            if (_states.Count >= Options.MaxStates)
            {
                throw new InvalidOperationException(
                    $"The chain would have more than {Options.MaxStates:N0} states (order {Options.Order}); raise MarkovEstimationOptions.MaxStates or lower the order.");
            }

            id = _states.Count;
            _index.Add(state, id);
            _states.Add(state);
        }

        return id;
    }

    internal void AddCount(int from, int to, double count)
    {
        long key = Key(from, to);
        _counts[key] = _counts.GetValueOrDefault(key) + count;
    }

    internal static long Key(int from, int to) => ((long)from << 32) | (uint)to;

    private static bool SameOptions(MarkovEstimationOptions a, MarkovEstimationOptions b) =>
        a.Order == b.Order && a.StartState == b.StartState && a.EndState == b.EndState && a.CollapseRepeats == b.CollapseRepeats &&
        a.Smoothing == b.Smoothing && a.AbsorbingStates.SequenceEqual(b.AbsorbingStates);

    private void Add(IReadOnlyList<string> sequence, long sequenceIndex)
    {
        if (sequence is null)
        {
            throw new ArgumentNullException(nameof(sequence), $"Sequence {sequenceIndex} is null.");
        }

        var symbols = PrepareSymbols(sequence, Options, sequenceIndex);
        if (symbols.Count == 0)
        {
            return;
        }

        Sequences++;
        int k = Options.Order;
        // Each state is the window of the last k symbols (a shorter first window when the sequence is short).
        int first = Math.Min(k, symbols.Count);
        int previous = StateId(Window(symbols, 0, first));
        for (int i = first; i < symbols.Count; i++)
        {
            int next = StateId(Window(symbols, i - k + 1, k));
            AddCount(previous, next, 1);
            previous = next;
        }
    }

    // The symbols of one sequence after the start state, repeat collapsing, absorbing cut-off and end state.
    internal static List<string> PrepareSymbols(IReadOnlyList<string> sequence, MarkovEstimationOptions options, long sequenceIndex)
    {
        var symbols = new List<string>(sequence.Count + 2);
        if (options.StartState is { } start)
        {
            symbols.Add(start);
        }

        bool absorbed = false;
        for (int i = 0; i < sequence.Count; i++)
        {
            string state = sequence[i];
            if (string.IsNullOrWhiteSpace(state))
            {
                throw new ArgumentException($"Sequence {sequenceIndex}, position {i}: the state is blank.", nameof(sequence));
            }

            if (options.Order > 1 && state.Contains(Separator, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Sequence {sequenceIndex}, position {i}: state '{Guard.Clip(state)}' contains '{Separator}', which joins the states of an order-{options.Order} chain; two different histories would get one name.",
                    nameof(sequence));
            }

            if (state == options.StartState || state == options.EndState)
            {
                throw new ArgumentException(
                    $"Sequence {sequenceIndex}, position {i}: '{Guard.Clip(state)}' is the chain's {(state == options.StartState ? "StartState" : "EndState")}; a real state of that name would be merged with it.",
                    nameof(sequence));
            }

            if (options.CollapseRepeats && symbols.Count > 0 && symbols[^1] == state)
            {
                continue;
            }

            symbols.Add(state);
            if (options.AbsorbingStates.Contains(state))
            {
                absorbed = true;
                break;
            }
        }

        if (!absorbed && options.EndState is { } end && symbols.Count > (options.StartState is null ? 0 : 1))
        {
            symbols.Add(end);
        }

        return symbols.Count == (options.StartState is null ? 0 : 1) ? [] : symbols;
    }

    // A window of symbols as a state name; absorbing outcomes are single-symbol states whatever the order.
    private string Window(List<string> symbols, int start, int length)
    {
        string last = symbols[start + length - 1];
        return Options.Order == 1 || length == 1 || IsAbsorbingSymbol(last) ? last : string.Join(Separator, symbols.GetRange(start, length));
    }

    private bool IsAbsorbingSymbol(string symbol) => symbol == Options.EndState || Options.AbsorbingStates.Contains(symbol);

    /// <inheritdoc/>
    public override string ToString() => $"{Show.Number(Total)} transitions over {Show.Count(States.Count)} states from {Show.Count(Sequences)} sequences (order {Options.Order})";

    // First-order counting straight over the log's dense ids; the same transitions as the sequence path.
    internal static TransitionCounts CountDense(EventLog log, int[] ids, IReadOnlyList<string> names, MarkovEstimationOptions options, string? conversionState, CancellationToken cancellationToken = default)
    {
        int n = names.Count;
        int unknown = n, start = n + 1, end = n + 2, conversion = n + 3, m = n + 4;
        var labels = names.Append(LevelColumns.Unknown).Append(options.StartState ?? "").Append(options.EndState ?? "").Append(conversionState ?? "").ToArray();
        var absorbingIds = new bool[m];
        for (int i = 0; i < n; i++)
        {
            absorbingIds[i] = options.AbsorbingStates.Contains(names[i]);
        }

        var counts = new long[m * m];
        var used = new bool[m];
        var offsets = log.CustomerOffsets;
        var outcomes = log.Outcomes;
        long sequences = 0;
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int from = offsets[c], to = offsets[c + 1];
            if (from == to)
            {
                continue;
            }

            sequences++;
            int previous = options.StartState is null ? -1 : start;
            bool absorbed = false;
            for (int k = from; k < to; k++)
            {
                int state = ids[k] >= 0 ? ids[k] : unknown;
                if (!(options.CollapseRepeats && state == previous))
                {
                    if (previous >= 0)
                    {
                        counts[(previous * m) + state]++;
                    }

                    used[state] = true;
                    previous = state;
                }

                if (conversionState is not null && outcomes[k] == Events.EventOutcome.Conversion)
                {
                    counts[(previous * m) + conversion]++;
                    used[conversion] = true;
                    absorbed = true;
                    break;
                }

                if (absorbingIds[state])
                {
                    absorbed = true;
                    break;
                }
            }

            if (!absorbed && options.EndState is not null)
            {
                counts[(previous * m) + end]++;
                used[end] = true;
            }

            if (options.StartState is not null)
            {
                used[start] = true;
            }
        }

        var result = TransitionCounts.Create(options, sequences);
        var stateOf = new int[m];
        for (int i = 0; i < m; i++)
        {
            stateOf[i] = used[i] ? result.StateId(labels[i]) : -1;
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                long count = counts[(i * m) + j];
                if (count > 0)
                {
                    result.AddCount(stateOf[i], stateOf[j], count);
                }
            }
        }

        return result;
    }
}
