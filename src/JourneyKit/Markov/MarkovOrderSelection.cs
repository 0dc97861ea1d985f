using JourneyKit.Internal;
using MathNet.Numerics.Distributions;

namespace JourneyKit.Markov;

/// <summary>Chooses the order of a Markov chain by likelihood ratio, AIC and BIC.</summary>
public static class MarkovOrderSelection
{
    /// <summary>Fits orders 1..<paramref name="maxOrder"/>: the name before the API grammar kept <c>Evaluate</c> for rules.</summary>
    /// <param name="sequences">The sequences.</param>
    /// <param name="maxOrder">The highest order. Range: 1..10.</param>
    /// <param name="options">Start/end/absorbing states and repeat collapsing.</param>
    /// <returns>One fit per order (see <see cref="Compare"/>).</returns>
    [Obsolete("Use MarkovOrderSelection.Compare: Evaluate is the verb for rules. Evaluate will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static IReadOnlyList<OrderFit> Evaluate(IEnumerable<IReadOnlyList<string>> sequences, int maxOrder, MarkovEstimationOptions? options = null) =>
        Compare(sequences, maxOrder, options);

    /// <summary>
    /// Fits orders 1..<paramref name="maxOrder"/> by maximum likelihood on the same transitions (each sequence's first
    /// <paramref name="maxOrder"/> symbols serve only as history), so that likelihoods are comparable.
    /// </summary>
    /// <param name="sequences">The sequences.</param>
    /// <param name="maxOrder">The highest order. Range: 1..10.</param>
    /// <param name="options">Start/end/absorbing states and repeat collapsing (order and smoothing are ignored).</param>
    /// <param name="cancellationToken">Cancels the comparison (checked between orders and while the sequences are read).</param>
    /// <returns>One fit per order, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxOrder"/> is out of range.</exception>
    /// <exception cref="InvalidOperationException">No sequence is longer than <paramref name="maxOrder"/>, or the histories exceed <see cref="MarkovEstimationOptions.MaxStates"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<OrderFit> Compare(IEnumerable<IReadOnlyList<string>> sequences, int maxOrder, MarkovEstimationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        sequences = sequences.Checked(cancellationToken);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrder, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxOrder, 10);
        options ??= new MarkovEstimationOptions();
        options.Validate();
        var prepared = sequences.Select((s, i) => TransitionCounts.PrepareSymbols(s ?? throw new ArgumentNullException(nameof(sequences), $"Sequence {i} is null."), options, i))
            .Where(s => s.Count > maxOrder)
            .ToList();
        if (prepared.Count == 0)
        {
            throw new InvalidOperationException($"No sequence has more than {maxOrder} states, so no transition can be scored at order {maxOrder}.");
        }

        int symbols = prepared.SelectMany(s => s).Distinct(StringComparer.Ordinal).Count();
        var fits = new List<OrderFit>();
        for (int k = 1; k <= maxOrder; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var histories = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
            long n = 0;
            foreach (var s in prepared)
            {
                for (int t = maxOrder; t < s.Count; t++)
                {
                    string history = string.Join(TransitionCounts.Separator, s.GetRange(t - k, k));
                    if (!histories.TryGetValue(history, out var next))
                    {
                        if (histories.Count >= options.MaxStates)
                        {
                            throw new InvalidOperationException($"Order {k} has more than {options.MaxStates:N0} histories; raise MarkovEstimationOptions.MaxStates.");
                        }

                        histories[history] = next = new Dictionary<string, long>(StringComparer.Ordinal);
                    }

                    next[s[t]] = next.GetValueOrDefault(s[t]) + 1;
                    n++;
                }
            }

            double ll = 0;
            int parameters = 0;
            foreach (var next in histories.Values)
            {
                double total = next.Values.Sum();
                parameters += next.Count - 1;
                foreach (long count in next.Values)
                {
                    ll += count * Math.Log(count / total);
                }
            }

            double lr = double.NaN, p = double.NaN;
            int df = 0;
            if (fits.Count > 0)
            {
                var previous = fits[^1];
                lr = 2 * (ll - previous.LogLikelihood);
                df = (int)Math.Min(int.MaxValue, Math.Pow(symbols, k - 1) * (symbols - 1) * (symbols - 1));
                p = df > 0 ? 1 - ChiSquared.CDF(df, Math.Max(0, lr)) : double.NaN;
            }

            fits.Add(new OrderFit(k, ll, parameters, n, (2 * parameters) - (2 * ll), (parameters * Math.Log(n)) - (2 * ll), lr, df, p));
        }

        return fits.AsReadOnly();
    }
}
