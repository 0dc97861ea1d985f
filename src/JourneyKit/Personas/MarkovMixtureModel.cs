using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>
/// A fitted mixture of first-order Markov chains: per persona a weight, a distribution of first steps and a transition
/// matrix whose targets include <c>(end)</c>. Scores any path — a new customer's journey so far — against the personas.
/// Immutable and thread-safe.
/// </summary>
public sealed class MarkovMixtureModel
{
    private readonly MixtureParameters _p;
    private readonly Dictionary<string, int> _index;

    internal MarkovMixtureModel(MixtureParameters parameters, string[] states)
    {
        _p = parameters;
        States = states;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < states.Length; i++)
        {
            _index[states[i]] = i;
        }
    }

    /// <summary>The target that ends a journey.</summary>
    public const string EndState = "(end)";

    /// <summary>Gets the states (steps at the fitted level; <c>(unknown)</c> for events without a stage or channel).</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>Gets the number of personas.</summary>
    public int Clusters => _p.K;

    /// <summary>Gets a persona's weight (its prior share of journeys).</summary>
    /// <param name="persona">The persona index.</param>
    /// <returns>π_k.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persona"/> is out of range.</exception>
    public double Weight(int persona) => Math.Exp(_p.LogWeight[Check(persona)]);

    /// <summary>Gets the probability that a persona's journey starts at a state.</summary>
    /// <param name="persona">The persona index.</param>
    /// <param name="state">The state.</param>
    /// <returns>θ_k(state); 0 for a state the model does not know.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persona"/> is out of range.</exception>
    public double InitialProbability(int persona, string state) =>
        _index.TryGetValue(state, out int s) ? Math.Exp(_p.LogInitial[(Check(persona) * _p.S) + s]) : 0;

    /// <summary>Gets the probability of a step in a persona's chain.</summary>
    /// <param name="persona">The persona index.</param>
    /// <param name="from">The state left.</param>
    /// <param name="to">The state entered, or <see cref="EndState"/>.</param>
    /// <returns>A_k(from, to); 0 for a state the model does not know.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persona"/> is out of range.</exception>
    public double TransitionProbability(int persona, string from, string to)
    {
        int k = Check(persona);
        int t = to == EndState ? _p.S : _index.GetValueOrDefault(to, -1);
        return _index.TryGetValue(from, out int s) && t >= 0 ? Math.Exp(_p.LogTransitionOf(k, s, t)) : 0;
    }

    /// <summary>Gets the log-likelihood of a complete path under each persona, weight included: log π_k + log θ_k(s₀) + Σ log A_k(sᵢ, sᵢ₊₁) + log A_k(s_last, end).</summary>
    /// <param name="path">The steps, in order; the journey is taken as ended after the last.</param>
    /// <returns>One value per persona.</returns>
    /// <exception cref="ArgumentException">The path is empty or has a state the model does not know.</exception>
    public double[] LogLikelihoods(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count == 0)
        {
            throw new ArgumentException("The path is empty.", nameof(path));
        }

        var ids = new int[path.Count];
        for (int i = 0; i < path.Count; i++)
        {
            ids[i] = _index.TryGetValue(path[i] ?? string.Empty, out int s)
                ? s
                : throw new ArgumentException($"Step {i} ('{Guard.Clip(path[i])}') is not a state of the model.", nameof(path));
        }

        var scores = new double[_p.K];
        for (int k = 0; k < _p.K; k++)
        {
            double l = _p.LogWeight[k] + _p.LogInitial[(k * _p.S) + ids[0]];
            for (int i = 1; i <= ids.Length; i++)
            {
                int to = i < ids.Length ? ids[i] : _p.S;
                l += _p.LogTransitionOf(k, ids[i - 1], to);
            }

            scores[k] = l;
        }

        return scores;
    }

    /// <summary>Gets the posterior membership of a complete path in each persona (the E-step for one journey); the values sum to 1.</summary>
    /// <param name="path">The steps, in order.</param>
    /// <returns>One probability per persona.</returns>
    /// <exception cref="ArgumentException">The path is empty or has a state the model does not know.</exception>
    public double[] Memberships(IReadOnlyList<string> path)
    {
        double[] l = LogLikelihoods(path);
        double max = l.Max();
        double sum = 0;
        for (int k = 0; k < l.Length; k++)
        {
            l[k] = Math.Exp(l[k] - max);
            sum += l[k];
        }

        for (int k = 0; k < l.Length; k++)
        {
            l[k] /= sum;
        }

        return l;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Mixture of {Clusters} Markov chains over {States.Count} states";

    private int Check(int persona)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(persona);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(persona, _p.K);
        return persona;
    }
}
