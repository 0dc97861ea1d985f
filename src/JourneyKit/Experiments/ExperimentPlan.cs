using JourneyKit.Internal;

namespace JourneyKit.Experiments;

/// <summary>
/// What an experiment is planned to detect, for the planner (<see cref="AbTest.UsersPerArm"/>, <see cref="AbTest.Power"/>,
/// <see cref="AbTest.DetectableEffect"/>): the metric's baseline mean and standard deviation and the relative lift worth
/// detecting, with GrowthBook's power conventions (two-sided z test on the delta-method relative effect; optionally
/// sequential). Start with <see cref="ForProportion"/> or <see cref="ForMean"/>.
/// </summary>
public sealed record ExperimentPlan
{
    private ExperimentPlan(double mean, double standardDeviation, double lift)
    {
        BaselineMean = mean;
        StandardDeviation = standardDeviation;
        MinimumDetectableEffect = lift;
    }

    /// <summary>Gets the metric's mean in the control arm (a rate for proportions).</summary>
    public double BaselineMean { get; }

    /// <summary>Gets the metric's standard deviation per user (√(p(1 − p)) for proportions).</summary>
    public double StandardDeviation { get; }

    /// <summary>Gets the relative lift to detect, e.g. 0.05 for +5 %.</summary>
    public double MinimumDetectableEffect { get; }

    /// <summary>Gets the power wanted: the probability of a significant result when the lift is real. Default 0.8. Range: (α, 1).</summary>
    public double Power { get; init; } = 0.8;

    /// <summary>Gets the significance level (two-sided). Default 0.05. Range: (0, 0.5].</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Gets whether the experiment will be read with sequential (always-valid) intervals, which need more users. Default <see langword="false"/>.</summary>
    public bool Sequential { get; init; }

    /// <summary>Gets the sequential tuning parameter. Default 5,000. Range: &gt; 0.</summary>
    public double SequentialTuning { get; init; } = 5000;

    /// <summary>Plans for a conversion rate.</summary>
    /// <param name="baselineRate">The control's conversion rate. Range: 0 &lt; rate &lt; 1.</param>
    /// <param name="minimumDetectableEffect">The relative lift to detect. Range: ≠ 0, &gt; −1.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static ExperimentPlan ForProportion(double baselineRate, double minimumDetectableEffect)
    {
        if (!(baselineRate > 0 && baselineRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(baselineRate), baselineRate, "The baseline rate must lie strictly between 0 and 1.");
        }

        return new(baselineRate, Math.Sqrt(baselineRate * (1 - baselineRate)), CheckLift(minimumDetectableEffect, nameof(minimumDetectableEffect)));
    }

    /// <summary>Plans for a mean (revenue, orders per customer…).</summary>
    /// <param name="baselineMean">The control's mean. Range: ≠ 0, finite.</param>
    /// <param name="standardDeviation">The per-user standard deviation. Range: &gt; 0.</param>
    /// <param name="minimumDetectableEffect">The relative lift to detect. Range: ≠ 0, &gt; −1.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static ExperimentPlan ForMean(double baselineMean, double standardDeviation, double minimumDetectableEffect)
    {
        if (!double.IsFinite(baselineMean) || baselineMean == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baselineMean), baselineMean, "The baseline mean must be finite and not 0 (a relative lift of 0 is undefined).");
        }

        if (!(standardDeviation > 0 && double.IsFinite(standardDeviation)))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be positive and finite.");
        }

        return new(baselineMean, standardDeviation, CheckLift(minimumDetectableEffect, nameof(minimumDetectableEffect)));
    }

    /// <summary>Checks the settings, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(ExperimentPlan))
            .Require(Alpha > 0 && Alpha <= 0.5, nameof(Alpha), $"must lie in (0, 0.5] (was {Show.Number(Alpha)}).")
            .Require(Power > Alpha && Power < 1, nameof(Power), $"must lie strictly between Alpha and 1 (was {Show.Number(Power)}).")
            .Require(SequentialTuning > 0 && double.IsFinite(SequentialTuning), nameof(SequentialTuning), $"must be positive and finite (was {Show.Number(SequentialTuning)}).")
            .ThrowIfAny();

    private static double CheckLift(double lift, string paramName) =>
        double.IsFinite(lift) && lift != 0 && lift > -1 ? lift
        : throw new ArgumentOutOfRangeException(paramName, lift, "The lift to detect must be finite, not 0 and above −1 (e.g. 0.05 for +5 %).");
}
