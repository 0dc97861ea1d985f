using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>Personas found by k-means on what customers do: the features used, the personas, each customer's assignment.</summary>
public sealed class FeaturePersonaResult
{
    private readonly Dictionary<string, int> _rowOf;
    private readonly string[] _customers;
    private readonly int[] _assignment;
    private readonly double[] _values;

    internal FeaturePersonaResult(string[] features, string[] dropped, IReadOnlyList<FeaturePersona> personas, string[] customers, int[] assignment, double[] values,
        SilhouetteScore score, IReadOnlyList<SilhouetteScore> candidates)
    {
        Features = features;
        DroppedFeatures = dropped;
        Personas = personas;
        _customers = customers;
        _assignment = assignment;
        _values = values;
        Score = score;
        Candidates = candidates;
        _rowOf = new Dictionary<string, int>(customers.Length, StringComparer.Ordinal);
        for (int r = 0; r < customers.Length; r++)
        {
            _rowOf[customers[r]] = r;
        }
    }

    /// <summary>Gets the features used (standardised to mean 0, standard deviation 1 for the clustering).</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Gets the features left out because every customer has the same value.</summary>
    public IReadOnlyList<string> DroppedFeatures { get; }

    /// <summary>Gets the personas, largest first.</summary>
    public IReadOnlyList<FeaturePersona> Personas { get; }

    /// <summary>Gets the chosen fit's within sum of squares and silhouette.</summary>
    public SilhouetteScore Score { get; }

    /// <summary>Gets the scores of every number of personas tried (one entry when it was given).</summary>
    public IReadOnlyList<SilhouetteScore> Candidates { get; }

    /// <summary>Gets the customers grouped (every customer of the log with events), in customer-id order.</summary>
    public IReadOnlyList<string> Customers => _customers;

    /// <summary>Gets the persona a customer belongs to.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>An index into <see cref="Personas"/>.</returns>
    /// <exception cref="KeyNotFoundException">The customer was not grouped.</exception>
    public int AssignmentOf(string customerId) => _assignment[Row(customerId)];

    /// <summary>Gets a customer's feature values (in the features' units, missing ones filled with the mean), in <see cref="Features"/> order.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="KeyNotFoundException">The customer was not grouped.</exception>
    public double[] FeaturesOf(string customerId)
    {
        int r = Row(customerId);
        return _values.AsSpan(r * Features.Count, Features.Count).ToArray();
    }

    /// <summary>Gets the customers of a persona (for a filter: <c>JourneyFilter.All.WithCustomers(result.CustomersOf(1))</c>).</summary>
    /// <param name="persona">The persona index.</param>
    /// <returns>The customer ids, in customer-id order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persona"/> is out of range.</exception>
    public IReadOnlyList<string> CustomersOf(int persona)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(persona);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(persona, Personas.Count);
        return [.. _customers.Where((_, r) => _assignment[r] == persona)];
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Personas.Count} personas by behaviour over {Show.Count(_customers.Length)} customers and {Features.Count} features ({Score})";

    private int Row(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return _rowOf.TryGetValue(customerId, out int r)
            ? r
            : throw new KeyNotFoundException($"Customer '{Guard.Clip(customerId)}' was not grouped (not in the log, or without events).");
    }
}
