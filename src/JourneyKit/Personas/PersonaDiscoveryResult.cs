using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>Behavioural personas discovered in an event log: the personas, each customer's assignment and memberships, and how the number was chosen.</summary>
public sealed class PersonaDiscoveryResult
{
    private readonly Dictionary<string, int> _journeyOf;
    private readonly string[] _customers;
    private readonly int[] _assignment;
    private readonly float[] _memberships;

    internal PersonaDiscoveryResult(PathLevel level, MarkovMixtureModel model, IReadOnlyList<DiscoveredPersona> personas, string[] customers, int[] assignment,
        float[] memberships, double logLikelihood, ClusterScore score, IReadOnlyList<ClusterScore> candidates, IReadOnlyList<double> objective)
    {
        Level = level;
        Model = model;
        Personas = personas;
        _customers = customers;
        _assignment = assignment;
        _memberships = memberships;
        LogLikelihood = logLikelihood;
        Score = score;
        Candidates = candidates;
        ObjectiveTrace = objective;
        _journeyOf = new Dictionary<string, int>(customers.Length, StringComparer.Ordinal);
        for (int j = 0; j < customers.Length; j++)
        {
            _journeyOf[customers[j]] = j;
        }
    }

    /// <summary>Gets the level the journeys were read at.</summary>
    public PathLevel Level { get; }

    /// <summary>Gets the fitted mixture (persona i is chain i); scores new journeys.</summary>
    public MarkovMixtureModel Model { get; }

    /// <summary>Gets the personas, largest first.</summary>
    public IReadOnlyList<DiscoveredPersona> Personas { get; }

    /// <summary>Gets the log-likelihood of all journeys under the fitted mixture.</summary>
    public double LogLikelihood { get; }

    /// <summary>Gets the fit's criteria (BIC, ICL) for the chosen number of personas.</summary>
    public ClusterScore Score { get; }

    /// <summary>Gets the criteria of every number of personas tried (one entry when the number was given).</summary>
    public IReadOnlyList<ClusterScore> Candidates { get; }

    /// <summary>Gets EM's objective after each iteration of the chosen fit — log-likelihood plus the log of the smoothing prior — which never decreases.</summary>
    public IReadOnlyList<double> ObjectiveTrace { get; }

    /// <summary>Gets the customers that were grouped (every customer of the log with a journey), in customer-id order.</summary>
    public IReadOnlyList<string> Customers => _customers;

    /// <summary>Gets the persona a customer is assigned to: the most likely one.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>An index into <see cref="Personas"/>.</returns>
    /// <exception cref="KeyNotFoundException">The customer was not grouped.</exception>
    public int AssignmentOf(string customerId) => _assignment[Journey(customerId)];

    /// <summary>Gets a customer's membership probabilities, one per persona, summing to 1.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="KeyNotFoundException">The customer was not grouped.</exception>
    public double[] MembershipsOf(string customerId)
    {
        int j = Journey(customerId);
        int k = Personas.Count;
        var result = new double[k];
        for (int c = 0; c < k; c++)
        {
            result[c] = _memberships[(j * k) + c];
        }

        return result;
    }

    /// <summary>Gets the customers assigned to a persona (for a filter: <c>JourneyFilter.All.WithCustomers(result.CustomersOf(2))</c>).</summary>
    /// <param name="persona">The persona index.</param>
    /// <returns>The customer ids, in customer-id order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persona"/> is out of range.</exception>
    public IReadOnlyList<string> CustomersOf(int persona)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(persona);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(persona, Personas.Count);
        var list = new List<string>(Personas[persona].Size);
        for (int j = 0; j < _customers.Length; j++)
        {
            if (_assignment[j] == persona)
            {
                list.Add(_customers[j]);
            }
        }

        return list;
    }

    /// <summary>
    /// Holds each discovered persona against the map's designed personas that state expected behaviour
    /// (<see cref="Persona.PreferredChannels"/>, <see cref="Persona.ExpectedStages"/>): the nearest one with a similarity,
    /// and a flag when none is near enough — behaviour the workshop personas do not cover.
    /// </summary>
    /// <param name="map">The map (the log's).</param>
    /// <param name="threshold">The similarity from which a discovered persona counts as covered. Range: 0–1.</param>
    /// <returns>One match per discovered persona, in persona order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside 0–1.</exception>
    public IReadOnlyList<PersonaMatch> MatchDesigned(JourneyMap map, double threshold = 0.6)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!(threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must lie between 0 and 1.");
        }

        Persona[] designed = [.. map.Personas.Where(p => p.PreferredChannels.Count > 0 || p.ExpectedStages.Count > 0)];
        var matches = new List<PersonaMatch>(Personas.Count);
        foreach (DiscoveredPersona found in Personas)
        {
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (Persona d in designed)
            {
                var parts = new List<double>(2);
                if (d.PreferredChannels.Count > 0)
                {
                    parts.Add(found.ChannelMix.Where(c => d.PreferredChannels.Contains(c.Channel)).Sum(c => c.Share));
                }

                if (d.ExpectedStages.Count > 0)
                {
                    double gap = map.Stages.Average(stage =>
                    {
                        double reach = found.StageReach.FirstOrDefault(r => r.Stage == stage.Id).Share;
                        return Math.Abs((double.IsNaN(reach) ? 0 : reach) - (d.ExpectedStages.Contains(stage.Id) ? 1 : 0));
                    });
                    parts.Add(1 - gap);
                }

                scores[d.Id] = parts.Average();
            }

            var best = scores.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).FirstOrDefault();
            matches.Add(scores.Count == 0
                ? new PersonaMatch(found.Index, null, double.NaN, false, scores)
                : new PersonaMatch(found.Index, best.Key, best.Value, best.Value >= threshold, scores));
        }

        return matches;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Personas.Count} behavioural personas at {Level.ToString().ToLowerInvariant()} level over {Show.Count(_customers.Length)} customers ({Score})";

    private int Journey(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return _journeyOf.TryGetValue(customerId, out int j)
            ? j
            : throw new KeyNotFoundException($"Customer '{Guard.Clip(customerId)}' was not grouped (not in the log, or without events).");
    }
}
