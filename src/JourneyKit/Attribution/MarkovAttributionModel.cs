namespace JourneyKit.Attribution;

/// <summary>Markov removal-effect attribution as an <see cref="IAttributionModel"/>.</summary>
/// <param name="options">Order, caps and parallelism; <see langword="null"/> for the defaults.</param>
public sealed class MarkovAttributionModel(MarkovAttributionOptions? options = null) : IAttributionModel
{
    /// <summary>Gets the options.</summary>
    public MarkovAttributionOptions Options { get; } = options ?? new MarkovAttributionOptions();

    /// <inheritdoc/>
    public string Name => $"Markov order {Options.Order}";

    /// <inheritdoc/>
    public AttributionResult Attribute(PathDataSet data, CancellationToken cancellationToken = default) =>
        MarkovAttribution.Compute(data, Options, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} attribution";
}
