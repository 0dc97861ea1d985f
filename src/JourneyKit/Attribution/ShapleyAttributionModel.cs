namespace JourneyKit.Attribution;

/// <summary>Shapley-value attribution (Zhao et al. 2018) as an <see cref="IAttributionModel"/>.</summary>
public sealed class ShapleyAttributionModel : IAttributionModel
{
    /// <inheritdoc/>
    public string Name => "Shapley";

    /// <inheritdoc/>
    public AttributionResult Attribute(PathDataSet data, CancellationToken cancellationToken = default)
    {
        return ShapleyAttribution.Compute(data, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => "Shapley attribution";
}
