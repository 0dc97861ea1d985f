using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>What customers wrote at one touchpoint, stage or channel: how many comments, their mean sentiment with its interval, the shares negative and positive, and the observed emotion on the map's −2..+2 scale.</summary>
/// <param name="Name">The touchpoint, stage or channel.</param>
/// <param name="Comments">The comments placed there.</param>
/// <param name="MeanCompound">Their mean compound score, in [−1, 1].</param>
/// <param name="Interval">Its interval (Student's t; NaN bounds for a single comment).</param>
/// <param name="NegativeShare">The share with compound ≤ −0.05.</param>
/// <param name="PositiveShare">The share with compound ≥ 0.05.</param>
/// <param name="Emotion">The observed emotion from words: 2 × the mean compound on the map's −2..+2 scale (a linear mapping, so −1 is −2 and +1 is +2), labelled with the most frequent cue label when there is one.</param>
/// <param name="EmotionLabels">How many comments carry each heuristic emotion label.</param>
public sealed record SentimentSummary(
    string Name,
    long Comments,
    double MeanCompound,
    Interval Interval,
    double NegativeShare,
    double PositiveShare,
    Emotion Emotion,
    IReadOnlyDictionary<string, long> EmotionLabels)
{
    /// <summary>Formats the summary.</summary>
    /// <returns>"name: n comments, mean … [lo, hi], …% negative".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {Show.Count(Comments)} comments, mean sentiment {MeanCompound:+0.000;-0.000;0} {Interval}, {Show.Percent(NegativeShare)} negative, {Show.Percent(PositiveShare)} positive; emotion {Emotion}");
}
