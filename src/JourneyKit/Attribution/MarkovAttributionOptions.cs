using JourneyKit.Internal;
namespace JourneyKit.Attribution;

/// <summary>Settings of <see cref="MarkovAttribution"/>.</summary>
public sealed record MarkovAttributionOptions
{
    /// <summary>Gets the order k: states are the k-length windows of a path (a shorter path is one state). Default 1. Range: 1..8.</summary>
    public int Order { get; init; } = 1;

    /// <summary>Gets the cap on the number of states; higher orders multiply them. Default 100,000. Range: ≥ 1.</summary>
    public int MaxStates { get; init; } = 100_000;

    /// <summary>
    /// Gets the cap on the number of distinct channels. Removal effects solve one linear system per channel, so the cost
    /// grows at least with channels × transitions; data with more channels is refused with an error naming this option.
    /// Default 2,000. Range: ≥ 1.
    /// </summary>
    public int MaxChannels { get; init; } = 2_000;

    /// <summary>Gets whether to compute a removal effect for every state (channel sequence) too. Default <see langword="false"/>.</summary>
    public bool IncludeStateRemovalEffects { get; init; }

    /// <summary>Gets how many removal systems are solved in parallel. Default: the processor count. Range: ≥ 1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(MarkovAttributionOptions))
            .InRange(Order, 1, 8, nameof(Order))
            .AtLeast(MaxStates, 1, nameof(MaxStates))
            .AtLeast(MaxChannels, 1, nameof(MaxChannels))
            .AtLeast(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism))
            .ThrowIfAny();
    }
}
