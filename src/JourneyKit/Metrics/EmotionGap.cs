using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>The observed emotion at a touchpoint next to the designed one.</summary>
/// <param name="StageId">The touchpoint's stage.</param>
/// <param name="TouchpointId">The touchpoint.</param>
/// <param name="Designed">The emotion designed in the map, or <see langword="null"/> when not mapped.</param>
/// <param name="Observed">Mean feedback mapped onto the −2..+2 scale.</param>
/// <param name="Responses">The number of feedback scores behind it.</param>
public sealed record EmotionGap(string StageId, string TouchpointId, Emotion? Designed, Emotion Observed, long Responses)
{
    /// <summary>Gets observed − designed on the −2..+2 scale (negative: worse than designed); NaN when nothing is designed.</summary>
    public double Gap => Designed is { } d ? Observed.Value - d.Value : double.NaN;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TouchpointId} ({StageId}): observed {Show.Number(Observed.Value)}" + (Designed is { } d ? $" vs designed {Show.Number(d.Value)}, gap {Show.Number(Gap)}" : "") + $" (n = {Show.Count(Responses)})";
}
