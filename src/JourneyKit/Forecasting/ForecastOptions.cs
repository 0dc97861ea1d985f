using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>How <see cref="JourneyModel.Forecast"/> and <see cref="JourneyModel.Leverage"/> draw their intervals.</summary>
public sealed record ForecastOptions
{
    /// <summary>Gets the number of posterior draws. Default 1,000. Range: 100..100,000.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Gets the seed of the draws: the same seed gives the same numbers. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the level of the credible intervals (equal-tailed quantiles of the draws). Default 0.95. Range: (0, 1).</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>
    /// Gets the number of journeys the expected conversions and revenue are forecast for, or <see langword="null"/>
    /// (default) for as many as the model was fitted on. Range: ≥ 1.
    /// </summary>
    public long? Journeys { get; init; }

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(ForecastOptions))
            .InRange(Draws, 100, 100_000, nameof(Draws))
            .Require(Level > 0 && Level < 1, nameof(Level), $"must lie strictly between 0 and 1 (was {Show.Number(Level)}).")
            .AtLeast(Journeys ?? 1, 1, nameof(Journeys))
            .ThrowIfAny();
}
