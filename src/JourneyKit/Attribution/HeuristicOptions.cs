using JourneyKit.Internal;
namespace JourneyKit.Attribution;

/// <summary>Settings of the heuristic models.</summary>
public sealed record HeuristicOptions
{
    /// <summary>Gets the half-life of time decay. Default 7 days. Range: positive.</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Gets the first touch's share in the position-based model. Default 0.4.</summary>
    public double FirstShare { get; init; } = 0.4;

    /// <summary>Gets the last touch's share in the position-based model. Default 0.4. FirstShare + LastShare ≤ 1.</summary>
    public double LastShare { get; init; } = 0.4;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(HeuristicOptions))
            .Require(HalfLife > TimeSpan.Zero, nameof(HalfLife), "must be positive.")
            .Require(FirstShare >= 0 && LastShare >= 0 && FirstShare + LastShare <= 1, nameof(FirstShare), "FirstShare and LastShare must be non-negative and sum to at most 1.")
            .ThrowIfAny();
    }
}
