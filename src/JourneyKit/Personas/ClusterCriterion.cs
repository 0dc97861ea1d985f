namespace JourneyKit.Personas;

/// <summary>How the number of behavioural personas is chosen when it is not given.</summary>
public enum ClusterCriterion
{
    /// <summary>Bayesian information criterion: −2 log L + p ln n. Favours the model that explains the journeys best per parameter.</summary>
    Bic = 0,

    /// <summary>Integrated completed likelihood: BIC + 2 × the entropy of the memberships. Also favours personas that are clearly apart.</summary>
    Icl = 1,
}
