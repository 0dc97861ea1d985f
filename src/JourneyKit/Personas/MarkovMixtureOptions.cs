using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>Settings of <see cref="PersonaDiscovery.MarkovMixture(EventLog, MarkovMixtureOptions?, CancellationToken)"/>.</summary>
public sealed record MarkovMixtureOptions
{
    /// <summary>Gets the number of personas, or <see langword="null"/> to choose it by <see cref="Criterion"/> between <see cref="MinClusters"/> and <see cref="MaxClusters"/>.</summary>
    /// <value>Default: <see langword="null"/>. Range: 1 ≤ value ≤ the number of journeys.</value>
    public int? Clusters { get; init; }

    /// <summary>Gets the fewest personas tried when <see cref="Clusters"/> is null.</summary>
    /// <value>Default: 1.</value>
    public int MinClusters { get; init; } = 1;

    /// <summary>Gets the most personas tried when <see cref="Clusters"/> is null.</summary>
    /// <value>Default: 6. Range: ≥ <see cref="MinClusters"/>, at most 64.</value>
    public int MaxClusters { get; init; } = 6;

    /// <summary>Gets the criterion that chooses the number of personas.</summary>
    /// <value>Default: <see cref="ClusterCriterion.Bic"/>.</value>
    public ClusterCriterion Criterion { get; init; } = ClusterCriterion.Bic;

    /// <summary>Gets the level of the journey's steps: touchpoints, stages or channels.</summary>
    /// <value>Default: <see cref="PathLevel.Touchpoint"/>.</value>
    public PathLevel Level { get; init; } = PathLevel.Touchpoint;

    /// <summary>Gets the seed of the initialisation; the same seed gives the same result whatever the order of the customers.</summary>
    /// <value>Default: 0.</value>
    public int Seed { get; init; }

    /// <summary>Gets how many seedings are tried per number of personas: each is run for 8 EM iterations and the best (highest objective) on to convergence.</summary>
    /// <value>Default: 3. Range: 1–100.</value>
    public int Restarts { get; init; } = 3;

    /// <summary>Gets the most EM iterations per fit.</summary>
    /// <value>Default: 300. Range: 1–100,000.</value>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Gets the convergence threshold: EM stops when an iteration improves the objective by less than this times its magnitude.</summary>
    /// <value>Default: 1e-7 (for a million journeys, about 2 in log-likelihood). Range: &gt; 0.</value>
    public double Tolerance { get; init; } = 1e-7;

    /// <summary>
    /// Gets the pseudo-count added to every weight, start and transition count in each M-step (additive smoothing, a
    /// symmetric Dirichlet prior): no probability is ever 0, so an unseen step in a new journey is unlikely, not impossible.
    /// </summary>
    /// <value>Default: 0.1. Range: &gt; 0.</value>
    public double Smoothing { get; init; } = 0.1;

    /// <summary>Gets the most distinct steps (states) at the level. The model keeps k × (observed transitions + states) parameters and each EM iteration costs time in proportion to the journeys' distinct transitions, so even the largest allowed value fits in memory.</summary>
    /// <value>Default: 500. Range: 1–5,000.</value>
    public int MaxStates { get; init; } = 500;

    /// <summary>Gets the most threads a fit uses (the result does not depend on it).</summary>
    /// <value>Default: <see cref="Environment.ProcessorCount"/>. Range: ≥ 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(MarkovMixtureOptions))
            .InRange(Clusters ?? 1, 1, 64, nameof(Clusters))
            .AtLeast(MinClusters, 1, nameof(MinClusters))
            .InRange(MaxClusters, Math.Max(1, MinClusters), 64, nameof(MaxClusters))
            .InRange(Restarts, 1, 100, nameof(Restarts))
            .InRange(MaxIterations, 1, 100_000, nameof(MaxIterations))
            .Require(Tolerance > 0, nameof(Tolerance), "must be positive.")
            .Require(Smoothing > 0 && double.IsFinite(Smoothing), nameof(Smoothing), "must be a positive number.")
            .InRange(MaxStates, 1, 5000, nameof(MaxStates))
            .AtLeast(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism))
            .Defined(Level, nameof(Level))
            .Defined(Criterion, nameof(Criterion))
            .ThrowIfAny();
    }
}
