using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>Settings of <see cref="PersonaDiscovery.KMeans(EventLog, KMeansOptions?, CancellationToken)"/>.</summary>
public sealed record KMeansOptions
{
    /// <summary>Gets the number of personas, or <see langword="null"/> to choose it by the mean silhouette between 2 and <see cref="MaxClusters"/>.</summary>
    /// <value>Default: <see langword="null"/>. Range: 1 ≤ value ≤ the number of customers, at most 64.</value>
    public int? Clusters { get; init; }

    /// <summary>Gets the most personas tried when <see cref="Clusters"/> is null.</summary>
    /// <value>Default: 8. Range: 2–64.</value>
    public int MaxClusters { get; init; } = 8;

    /// <summary>Gets the seed of the k-means++ seeding and of the silhouette sample; the same seed gives the same result whatever the order of the customers.</summary>
    /// <value>Default: 0.</value>
    public int Seed { get; init; }

    /// <summary>Gets how many seedings are run per number of personas; the one with the smallest within-persona sum of squares is kept.</summary>
    /// <value>Default: 3. Range: 1–100.</value>
    public int Restarts { get; init; } = 3;

    /// <summary>Gets the most Lloyd iterations per run (it stops earlier when no customer changes persona).</summary>
    /// <value>Default: 100. Range: 1–10,000.</value>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Gets how many customers (a seeded sample) the silhouette is computed on: it costs the sample size squared.</summary>
    /// <value>Default: 2,000. Range: 10–20,000.</value>
    public int SilhouetteSample { get; init; } = 2000;

    /// <summary>Gets numbers the caller knows per customer (plan seats, revenue…) to add as features: every number attribute of the table. A customer without a value takes the mean.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public CustomerAttributes? Attributes { get; init; }

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(KMeansOptions))
            .InRange(Clusters ?? 1, 1, 64, nameof(Clusters))
            .InRange(MaxClusters, 2, 64, nameof(MaxClusters))
            .InRange(Restarts, 1, 100, nameof(Restarts))
            .InRange(MaxIterations, 1, 10_000, nameof(MaxIterations))
            .InRange(SilhouetteSample, 10, 20_000, nameof(SilhouetteSample))
            .ThrowIfAny();
    }
}
