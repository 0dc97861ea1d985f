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
}
