using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>How <see cref="JourneyModel.Fit"/> reads a log into an absorbing journey model.</summary>
public sealed record JourneyModelOptions
{
    /// <summary>Gets the level of the model's steps: touchpoints (default), stages or channels.</summary>
    public PathLevel Level { get; init; } = PathLevel.Touchpoint;

    /// <summary>
    /// Gets the Dirichlet prior added to every observed transition count (and every observed start count) for the
    /// posterior the intervals are drawn from. Default 0.5 (Jeffreys). Range: (0, 10]. The prior covers the transitions
    /// observed from a step, never the ones no journey took: a model does not invent paths, and a scenario changes only
    /// what was observed. The point estimates are the maximum-likelihood ones, as <see cref="Markov.MarkovChain.Fit(EventLog, PathLevel, Markov.MarkovEstimationOptions?, string?, CancellationToken)"/> gives.
    /// </summary>
    public double Prior { get; init; } = 0.5;

    /// <summary>
    /// Gets a value indicating whether a churn outcome is its own absorbing state, <see cref="JourneyModel.ChurnedState"/>:
    /// a journey then ends at its first churn event (unless it converted before). Default <see langword="false"/>: a churn
    /// event is an ordinary step and a journey that ends without converting is lost.
    /// </summary>
    public bool ChurnIsAbsorbing { get; init; }

    /// <summary>Gets a value indicating whether consecutive events at the same step count as one visit (the dwell then runs from the first of them). Default <see langword="false"/>, as <see cref="Markov.MarkovEstimationOptions.CollapseRepeats"/>.</summary>
    public bool CollapseRepeats { get; init; }

    /// <summary>
    /// Gets the most steps the model accepts. Default 1,000. Range: 1..4,096. A forecast costs a dense solve per draw
    /// (steps³/3 operations) and leverage the fundamental matrix per draw (steps³): a touchpoint level with thousands of
    /// labels belongs at stage or channel level.
    /// </summary>
    public int MaxSteps { get; init; } = 1000;

    /// <summary>Gets the number of posterior draws behind <see cref="JourneyModel.ConversionRate"/>'s interval. Default 1,000. Range: 100..100,000.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Gets the seed of those draws (the same seed gives the same interval). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the level of <see cref="JourneyModel.ConversionRate"/>'s credible interval. Default 0.95. Range: (0, 1).</summary>
    public double IntervalLevel { get; init; } = 0.95;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(JourneyModelOptions))
            .Defined(Level, nameof(Level))
            .Require(Prior > 0 && Prior <= 10, nameof(Prior), $"must lie in (0, 10] (was {Show.Number(Prior)}).")
            .InRange(MaxSteps, 1, 4096, nameof(MaxSteps))
            .InRange(Draws, 100, 100_000, nameof(Draws))
            .Require(IntervalLevel > 0 && IntervalLevel < 1, nameof(IntervalLevel), $"must lie strictly between 0 and 1 (was {Show.Number(IntervalLevel)}).")
            .ThrowIfAny();
}
