using JourneyKit.Internal;
namespace JourneyKit.Markov;

/// <summary>How a <see cref="MarkovChain"/> is estimated from sequences.</summary>
public sealed record MarkovEstimationOptions
{
    /// <summary>Gets the order: how many previous states the next state depends on. Default 1. Range: 1..10.</summary>
    public int Order { get; init; } = 1;

    /// <summary>Gets a state put before every sequence (for example "Start"), or <see langword="null"/> for none (the default).</summary>
    public string? StartState { get; init; }

    /// <summary>
    /// Gets a state put after every sequence that does not already end in one of <see cref="AbsorbingStates"/> (for
    /// example "Lost"), or <see langword="null"/> for none (the default). It is absorbing. When a chain is estimated from a
    /// log with a conversion state and this is <see langword="null"/>, journeys that end without converting go to
    /// <see cref="LostState"/>: without a loss state every state that can reach the conversion would convert with
    /// probability 1.
    /// </summary>
    public string? EndState { get; init; }

    /// <summary>The end state a chain with a conversion state gets when none is set: <c>(lost)</c>.</summary>
    public const string LostState = "(lost)";

    /// <summary>Gets outcome states that are absorbing (for example "Converted"): a sequence stops at its first one, and their rows are a self-loop.</summary>
    public IReadOnlyList<string> AbsorbingStates { get; init; } = [];

    /// <summary>Gets whether immediate repeats (A, A, B) count once (A, B). Default <see langword="false"/>.</summary>
    public bool CollapseRepeats { get; init; }

    /// <summary>
    /// Gets the additive (Laplace / Dirichlet) pseudo-count added to every transition of an observed row, among the
    /// states of the chain. 0 (the default) is maximum likelihood; 1 is Laplace smoothing. Range: ≥ 0, finite.
    /// </summary>
    public double Smoothing { get; init; }

    /// <summary>Gets the cap on the number of (expanded) states; higher orders multiply states. Default 100,000. Range: ≥ 1.</summary>
    public int MaxStates { get; init; } = 100_000;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(MarkovEstimationOptions))
            .InRange(Order, 1, 10, nameof(Order))
            .AtLeast(MaxStates, 1, nameof(MaxStates))
            .Require(double.IsFinite(Smoothing) && Smoothing >= 0, nameof(Smoothing), "must be a finite, non-negative pseudo-count.")
            .Require(StartState is null || !string.IsNullOrWhiteSpace(StartState), nameof(StartState), "must not be blank.", "Required")
            .Require(EndState is null || !string.IsNullOrWhiteSpace(EndState), nameof(EndState), "must not be blank.", "Required")
            .NotNull(AbsorbingStates, nameof(AbsorbingStates))
            .Require(AbsorbingStates is null || !AbsorbingStates.Any(string.IsNullOrWhiteSpace), nameof(AbsorbingStates), "must not contain blank names.", "Required")
            .ThrowIfAny();
    }

    /// <summary>These options for a chain with a conversion state: it is absorbing, and a journey that ends without converting ends in <see cref="EndState"/> (<see cref="LostState"/> unless set).</summary>
    internal MarkovEstimationOptions ForConversion(string? conversionState) =>
        conversionState is null ? this : this with { AbsorbingStates = [.. AbsorbingStates, conversionState], EndState = EndState ?? LostState };
}
