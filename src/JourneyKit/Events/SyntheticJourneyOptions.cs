using JourneyKit.Internal;
namespace JourneyKit.Events;

/// <summary>Settings of <see cref="SyntheticJourneyGenerator"/>.</summary>
/// <remarks>
/// At each step a customer advances to the next stage, stays in the stage (another touchpoint), backtracks to an
/// earlier stage, skips ahead two or more stages, or drops out, with probabilities proportional to the five weights.
/// </remarks>
public sealed record SyntheticJourneyOptions
{
    /// <summary>Gets the number of customers (journeys). Default 1,000. Range: ≥ 0.</summary>
    public int Customers { get; init; } = 1000;

    /// <summary>Gets the random seed; the same seed and options give the same log. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Gets the earliest journey start. Default 2026-01-01 00:00 UTC.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the window over which journey starts are spread uniformly. Default 30 days. Range: ≥ 0.</summary>
    public TimeSpan ArrivalWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Gets the mean time between a customer's events (exponentially distributed). Default 6 hours. Range: positive.</summary>
    public TimeSpan MeanGap { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Gets the weight of advancing to the next stage. Default 0.45.</summary>
    public double AdvanceWeight { get; init; } = 0.45;

    /// <summary>Gets the weight of another touchpoint in the same stage (rework, comparison). Default 0.25.</summary>
    public double StayWeight { get; init; } = 0.25;

    /// <summary>Gets the weight of doubling back to an earlier stage. Default 0.10.</summary>
    public double BacktrackWeight { get; init; } = 0.10;

    /// <summary>Gets the weight of skipping one or more stages ahead. Default 0.08.</summary>
    public double SkipWeight { get; init; } = 0.08;

    /// <summary>Gets the weight of dropping out (the journey ends). Default 0.12.</summary>
    public double DropOutWeight { get; init; } = 0.12;

    /// <summary>Gets the probability of picking a touchpoint on the same channel as the previous event when the stage offers one. Default 0.6. Range: 0..1.</summary>
    public double ChannelStickiness { get; init; } = 0.6;

    /// <summary>Gets the stage whose first visit is a conversion; <see langword="null"/> means <c>purchase</c> when the map has it, else the last stage.</summary>
    public string? ConversionStageId { get; init; }

    /// <summary>Gets the mean conversion value (log-normally distributed). Default 80. Range: positive.</summary>
    public double MeanConversionValue { get; init; } = 80;

    /// <summary>Gets the probability that a customer who converted and then drops out is marked as churned. Default 0.5. Range: 0..1.</summary>
    public double ChurnProbability { get; init; } = 0.5;

    /// <summary>
    /// Gets the probability that an event carries a 0–10 feedback score, drawn around the touchpoint's designed emotion:
    /// a neutral emotion reads as a passive (mean 7.5), +2 as a promoter (mean 10), −2 as a detractor (mean 2.5), linear in
    /// between, with a standard deviation of 1 before rounding and clamping to 0–10. Default 0.15. Range: 0..1.
    /// </summary>
    public double FeedbackProbability { get; init; } = 0.15;

    /// <summary>
    /// Gets behaviours the customers are drawn from, each with its share, step weights and preferred channel; when set,
    /// the step weights above are not used. <see langword="null"/> (the default): everyone behaves by the weights above.
    /// </summary>
    public IReadOnlyList<SyntheticBehaviour>? Behaviours { get; init; }

    /// <summary>Gets the cap on events per journey. Default 100. Range: ≥ 1.</summary>
    public int MaxEventsPerJourney { get; init; } = 100;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(nameof(SyntheticJourneyOptions))
            .AtLeast(Customers, 0, nameof(Customers))
            .AtLeast(MaxEventsPerJourney, 1, nameof(MaxEventsPerJourney))
            .Require(ArrivalWindow >= TimeSpan.Zero, nameof(ArrivalWindow), "must not be negative.")
            .Require(MeanGap > TimeSpan.Zero, nameof(MeanGap), "must be positive.");
        foreach (var (name, weight) in new[]
                 {
                     (nameof(AdvanceWeight), AdvanceWeight), (nameof(StayWeight), StayWeight), (nameof(BacktrackWeight), BacktrackWeight),
                     (nameof(SkipWeight), SkipWeight), (nameof(DropOutWeight), DropOutWeight),
                 })
        {
            check.Require(double.IsFinite(weight) && weight >= 0, name, "must be a finite, non-negative weight.");
        }

        check.Require(AdvanceWeight + StayWeight + BacktrackWeight + SkipWeight + DropOutWeight > 0, nameof(AdvanceWeight), "at least one step weight must be positive.");
        foreach (var (name, p) in new[] { (nameof(ChannelStickiness), ChannelStickiness), (nameof(ChurnProbability), ChurnProbability), (nameof(FeedbackProbability), FeedbackProbability) })
        {
            check.Require(p >= 0 && p <= 1, name, "must lie in [0, 1].");
        }

        if (Behaviours is { } behaviours)
        {
            check.Require(behaviours.Count > 0 && !behaviours.Any(b => b is null), nameof(Behaviours), "must hold at least one behaviour and no null.", "Required");
            foreach (SyntheticBehaviour? b in behaviours)
            {
                double[] weights = b is null ? [1] : [b.AdvanceWeight, b.StayWeight, b.BacktrackWeight, b.SkipWeight, b.DropOutWeight];
                check.Require(b is null || (!string.IsNullOrWhiteSpace(b.Name) && b.Share > 0 && double.IsFinite(b.Share) && weights.All(w => double.IsFinite(w) && w >= 0) && weights.Sum() > 0),
                    $"{nameof(Behaviours)}['{b?.Name}']", "a name, a positive finite share and finite non-negative step weights, not all zero, are needed.");
            }
        }

        check.Require(MeanConversionValue > 0 && double.IsFinite(MeanConversionValue), nameof(MeanConversionValue), "must be positive and finite.")
            .ThrowIfAny();
    }
}
