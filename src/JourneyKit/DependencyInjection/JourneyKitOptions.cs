using JourneyKit.Internal;
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

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(JourneyKitOptions))
            .Nested(PathAnalysis, nameof(PathAnalysis), () => PathAnalysis.Validate())
            .Nested(Attribution, nameof(Attribution), () => Attribution.Validate())
            .InRange(MaxJsonDepth, 8, 256, nameof(MaxJsonDepth))
            .ThrowIfAny();
    }
}
