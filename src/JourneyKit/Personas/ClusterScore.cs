using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>How well a mixture with a given number of personas fits (the best of its restarts); lower criteria are better.</summary>
/// <param name="Clusters">The number of personas.</param>
/// <param name="LogLikelihood">The log-likelihood of the journeys.</param>
/// <param name="Bic">−2 log L + p ln n (p free parameters, n journeys).</param>
/// <param name="Icl">BIC + 2 × the entropy of the memberships.</param>
public sealed record ClusterScore(int Clusters, double LogLikelihood, double Bic, double Icl)
{
    /// <inheritdoc/>
    public override string ToString() => $"k = {Clusters}: log L {Show.Number(LogLikelihood)}, BIC {Show.Number(Bic)}, ICL {Show.Number(Icl)}";
}
