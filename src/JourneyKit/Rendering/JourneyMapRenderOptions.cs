using JourneyKit.Internal;
using JourneyKit.Metrics;

namespace JourneyKit.Rendering;

/// <summary>What to draw on a journey map besides the map itself.</summary>
public sealed record JourneyMapRenderOptions
{
    /// <summary>Gets the observed emotions to draw as a dashed curve next to the designed one (from <see cref="ObservedEmotions.AgainstDesign"/>).</summary>
    public IReadOnlyList<EmotionGap>? ObservedEmotions { get; init; }

    /// <summary>Gets metric lines per stage id (for example "Conversion 23 %", "NPS 41 [35, 47]"), drawn in a row under the stages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? StageMetrics { get; init; }

    /// <summary>Gets the width of a stage column in pixels. Default 210. Range: 120..600 (NaN is refused).</summary>
    public double StageWidth { get; init; } = 210;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(JourneyMapRenderOptions))
            .Require(StageWidth >= 120 && StageWidth <= 600, nameof(StageWidth), $"must lie in [120, 600] (was {StageWidth}).") // NaN fails both
            .ThrowIfAny();
    }
}
