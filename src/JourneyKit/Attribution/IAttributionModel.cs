namespace JourneyKit.Attribution;

/// <summary>
/// One shape for every attribution model: a data set of paths in, credits per channel out. Implementations:
/// <see cref="HeuristicAttributionModel"/>, <see cref="MarkovAttributionModel"/>, <see cref="ShapleyAttributionModel"/>;
/// register one in DI and swap models without touching the code that uses it.
/// </summary>
public interface IAttributionModel
{
    /// <summary>Gets the model's name, as it appears in <see cref="AttributionResult.Model"/>.</summary>
    string Name { get; }

    /// <summary>Attributes the conversions and value of the paths to their channels.</summary>
    /// <param name="data">The paths (from <see cref="PathDataSet.ReadCsv"/>, <see cref="PathDataSet.FromEventLog"/> or <see cref="PathDataSet.FromRecords"/>).</param>
    /// <param name="cancellationToken">Cancels a long computation.</param>
    /// <returns>The credits per channel (a <see cref="MarkovAttributionResult"/> for the Markov model).</returns>
    AttributionResult Attribute(PathDataSet data, CancellationToken cancellationToken = default);
}
