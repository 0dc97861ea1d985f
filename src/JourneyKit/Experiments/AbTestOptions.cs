using JourneyKit.Internal;

namespace JourneyKit.Experiments;

/// <summary>How <see cref="AbTest"/> compares two arms, with GrowthBook's defaults.</summary>
public sealed record AbTestOptions
{
    /// <summary>Gets how the effect is expressed. Default <see cref="EffectScale.Relative"/>.</summary>
    public EffectScale Difference { get; init; } = EffectScale.Relative;

    /// <summary>
    /// Gets whether the interval and p-value are always-valid (sequential): safe to look at after every batch of data
    /// and stop at any time — the asymptotic confidence sequences of Waudby-Smith et al. (2023), as gbstats'
    /// <c>SequentialTwoSidedTTest</c>. Wider than a fixed-horizon interval. Default <see langword="false"/> (a
    /// fixed-horizon Welch t test: look once, at the planned sample size).
    /// </summary>
    public bool Sequential { get; init; }

    /// <summary>Gets the sequential tuning parameter: the total sample size at which the confidence sequence is tightest. Default 5,000 (GrowthBook's). Range: &gt; 0.</summary>
    public double SequentialTuning { get; init; } = 5000;

    /// <summary>Gets the significance level: the interval covers 1 − <see cref="Alpha"/>. Default 0.05. Range: (0, 0.5].</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(AbTestOptions))
            .Defined(Difference, nameof(Difference))
            .Require(SequentialTuning > 0 && double.IsFinite(SequentialTuning), nameof(SequentialTuning), $"must be positive and finite (was {Show.Number(SequentialTuning)}).")
            .Require(Alpha > 0 && Alpha <= 0.5, nameof(Alpha), $"must lie in (0, 0.5] (was {Show.Number(Alpha)}).")
            .ThrowIfAny();
}
