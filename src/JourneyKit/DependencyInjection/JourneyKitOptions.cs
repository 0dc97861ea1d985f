namespace JourneyKit.DependencyInjection;

/// <summary>Settings for the services registered by <see cref="JourneyKitServiceCollectionExtensions.AddJourneyKit"/>.</summary>
public sealed class JourneyKitOptions
{
    /// <summary>Gets or sets whether journey-map JSON is written indented.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool WriteIndentedJson { get; set; } = true;

    /// <summary>Gets or sets the maximum nesting depth accepted when reading journey-map JSON.</summary>
    /// <value>Default: 32. Range: 8 ≤ value ≤ 256.</value>
    public int MaxJsonDepth { get; set; } = Serialization.JourneyMapSerializer.DefaultMaxDepth;

    /// <summary>Gets or sets the settings of the registered <see cref="Paths.PathAnalyzer"/>.</summary>
    /// <value>Default: touchpoint level, no filter, sequential.</value>
    public Paths.PathAnalyzerOptions PathAnalysis { get; set; } = new();

    /// <summary>Gets or sets the options of the registered <see cref="Attribution.IAttributionModel"/> (Markov removal effects). Default: order 1.</summary>
    public Attribution.MarkovAttributionOptions Attribution { get; set; } = new();

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    /// <exception cref="ArgumentNullException">A group of settings is null.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(PathAnalysis, nameof(PathAnalysis));
        PathAnalysis.Validate();
        ArgumentNullException.ThrowIfNull(Attribution, nameof(Attribution));
        Attribution.Validate();
        if (MaxJsonDepth is < 8 or > 256)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxJsonDepth), MaxJsonDepth, $"JourneyKitOptions.MaxJsonDepth is {MaxJsonDepth}; it must lie in [8, 256].");
        }
    }
}
