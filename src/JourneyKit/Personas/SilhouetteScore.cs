using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>How well k-means with a given number of personas separates the customers.</summary>
/// <param name="Clusters">The number of personas.</param>
/// <param name="WithinSumOfSquares">The sum of squared (standardised) distances of customers to their persona's centre.</param>
/// <param name="Silhouette">The mean silhouette on the sample: from −1 (wrongly grouped) through 0 (overlapping) to 1 (clearly apart); NaN for one persona.</param>
public sealed record SilhouetteScore(int Clusters, double WithinSumOfSquares, double Silhouette)
{
    /// <inheritdoc/>
    public override string ToString() => $"k = {Clusters}: silhouette {Show.Number(Silhouette)}, within SS {Show.Number(WithinSumOfSquares)}";
}
