using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>Settings of a <see cref="PathAnalyzer"/>.</summary>
public sealed record PathAnalyzerOptions
{
    /// <summary>Gets the level paths are made of. Default <see cref="PathLevel.Touchpoint"/>.</summary>
    public PathLevel Level { get; init; } = PathLevel.Touchpoint;

    /// <summary>
    /// Gets whether immediate repeats of a step (A, A, B) count once (A, B). Default <see langword="false"/>: a
    /// step followed by itself is a self-loop like any other edge.
    /// </summary>
    public bool CollapseRepeats { get; init; }

    /// <summary>Gets which journeys (and which part of them) are analysed. Default <see cref="JourneyFilter.All"/>.</summary>
    public JourneyFilter Filter { get; init; } = JourneyFilter.All;

    /// <summary>Gets the number of partitions analysed in parallel. Default 1. Range: ≥ 1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>
    /// Gets the longest variant kept in full; longer journeys are cut to this many steps and marked
    /// <see cref="PathVariant.IsTruncated"/>. Default 500. Range: ≥ 1.
    /// </summary>
    public int MaxVariantLength { get; init; } = 500;

    /// <summary>Gets the most distinct steps (nodes) an analysis accepts at its level; more raise a clear error. Default 4,096. Range: 1..46,340.</summary>
    public int MaxNodes { get; init; } = 4096;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(PathAnalyzerOptions))
            .Defined(Level, nameof(Level))
            .NotNull(Filter, nameof(Filter))
            .AtLeast(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism))
            .AtLeast(MaxVariantLength, 1, nameof(MaxVariantLength))
            .InRange(MaxNodes, 1, 46_340, nameof(MaxNodes))
            .ThrowIfAny();
    }
}
