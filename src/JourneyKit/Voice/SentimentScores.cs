using System.Globalization;

namespace JourneyKit.Voice;

/// <summary>
/// VADER's scores of one text (<see cref="Vader.Score(string)"/>): the shares of its words' sentiment that are negative,
/// neutral and positive (summing to 1 up to rounding, each rounded to 3 decimals) and the compound score, the summed
/// valence normalised to [−1, 1] (rounded to 4 decimals). By VADER's convention a text is positive at
/// <see cref="Compound"/> ≥ 0.05, negative at ≤ −0.05, neutral between.
/// </summary>
/// <param name="Negative">The negative share, in [0, 1].</param>
/// <param name="Neutral">The neutral share, in [0, 1].</param>
/// <param name="Positive">The positive share, in [0, 1].</param>
/// <param name="Compound">The compound score, in [−1, 1].</param>
/// <remarks>The default value (all 0) is what a text without words scores.</remarks>
public readonly record struct SentimentScores(double Negative, double Neutral, double Positive, double Compound)
{
    /// <summary>The compound score from which a text counts as positive (and, negated, negative): 0.05, as VADER's authors recommend.</summary>
    public const double PolarityThreshold = 0.05;

    /// <summary>Gets a value indicating whether the text counts as positive (<see cref="Compound"/> ≥ 0.05).</summary>
    public bool IsPositive => Compound >= PolarityThreshold;

    /// <summary>Gets a value indicating whether the text counts as negative (<see cref="Compound"/> ≤ −0.05).</summary>
    public bool IsNegative => Compound <= -PolarityThreshold;

    /// <summary>Formats the scores as VADER prints them.</summary>
    /// <returns>"neg 0.000, neu 0.431, pos 0.569, compound 0.9169".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"neg {Negative:0.000}, neu {Neutral:0.000}, pos {Positive:0.000}, compound {Compound:0.0000}");
}
