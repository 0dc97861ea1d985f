namespace JourneyKit.Attribution;

/// <summary>A heuristic model (first touch, last touch, linear, time decay, position-based, W-shaped) as an <see cref="IAttributionModel"/>.</summary>
/// <param name="model">The heuristic.</param>
/// <param name="options">Its settings; <see langword="null"/> for the defaults.</param>
public sealed class HeuristicAttributionModel(HeuristicModel model, HeuristicOptions? options = null) : IAttributionModel
{
    private readonly HeuristicOptions _options = options ?? new HeuristicOptions();

    /// <summary>Gets the heuristic.</summary>
    public HeuristicModel Model { get; } = model;

    /// <inheritdoc/>
    public string Name => Model.ToString();

    /// <inheritdoc/>
    public AttributionResult Attribute(PathDataSet data, CancellationToken cancellationToken = default)
    {
        return HeuristicAttribution.Compute(data, Model, _options, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Heuristic attribution ({Name})";
}
