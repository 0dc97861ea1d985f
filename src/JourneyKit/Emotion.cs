using System.Globalization;

namespace JourneyKit;

/// <summary>
/// How a customer feels at a point of the journey, on the common journey-map scale from −2 (very negative)
/// through 0 (neutral) to +2 (very positive). A sequence of emotions along the touchpoints forms the
/// emotion curve of a journey map.
/// </summary>
/// <remarks>
/// Values are continuous so that observed averages (for example the mean CSAT at a touchpoint mapped onto
/// this scale) are represented exactly. Use <see cref="FromScale"/> to convert from other scales such as
/// −3..+3 or 1..5. The default value is neutral (0) without a label.
/// </remarks>
public readonly record struct Emotion
{
    /// <summary>The lowest value on the scale: very negative.</summary>
    public const double Minimum = -2.0;

    /// <summary>The highest value on the scale: very positive.</summary>
    public const double Maximum = 2.0;

    private Emotion(double value, string? label)
    {
        Value = value;
        Label = label;
    }

    /// <summary>A neutral emotion (0) without a label.</summary>
    public static Emotion Neutral => default;

    /// <summary>Gets the value on the −2..+2 scale.</summary>
    /// <value>Range: −2 ≤ value ≤ 2. 0 for the default value.</value>
    public double Value { get; }

    /// <summary>Gets an optional word for the feeling, for example "frustrated" or "delighted".</summary>
    /// <value><see langword="null"/> when no label was given.</value>
    public string? Label { get; }

    /// <summary>Creates an emotion on the −2..+2 journey-map scale.</summary>
    /// <param name="value">The value. Range: −2 ≤ value ≤ 2.</param>
    /// <param name="label">An optional word for the feeling; blank labels are stored as <see langword="null"/>.</param>
    /// <returns>The emotion.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or outside −2..+2.</exception>
    public static Emotion From(double value, string? label = null)
    {
        if (double.IsNaN(value) || value < Minimum || value > Maximum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, $"Emotion value is {value.ToString(CultureInfo.InvariantCulture)}; it must lie in [-2, 2].");
        }

        return new Emotion(value == 0 ? 0 : value, string.IsNullOrWhiteSpace(label) ? null : label);
    }

    /// <summary>
    /// Converts a value from another linear scale, for example −3..+3 or a 1..5 satisfaction score, onto the
    /// −2..+2 scale: the scale's minimum maps to −2 and its maximum to +2.
    /// </summary>
    /// <param name="value">The value on the source scale. Range: <paramref name="scaleMinimum"/> ≤ value ≤ <paramref name="scaleMaximum"/>.</param>
    /// <param name="scaleMinimum">The lowest value of the source scale.</param>
    /// <param name="scaleMaximum">The highest value of the source scale; greater than <paramref name="scaleMinimum"/>.</param>
    /// <param name="label">An optional word for the feeling.</param>
    /// <returns>The emotion on the −2..+2 scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A bound is not finite, <paramref name="scaleMaximum"/> is not greater than <paramref name="scaleMinimum"/>,
    /// or <paramref name="value"/> is NaN or outside the scale.
    /// </exception>
    public static Emotion FromScale(double value, double scaleMinimum, double scaleMaximum, string? label = null)
    {
        if (!double.IsFinite(scaleMinimum))
        {
            throw new ArgumentOutOfRangeException(nameof(scaleMinimum), scaleMinimum, "The scale minimum must be finite.");
        }

        if (!double.IsFinite(scaleMaximum) || scaleMaximum <= scaleMinimum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(scaleMaximum), scaleMaximum, "The scale maximum must be finite and greater than the scale minimum.");
        }

        if (double.IsNaN(value) || value < scaleMinimum || value > scaleMaximum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                string.Create(CultureInfo.InvariantCulture, $"Value {value} lies outside the scale [{scaleMinimum}, {scaleMaximum}]."));
        }

        double mapped = Minimum + ((value - scaleMinimum) / (scaleMaximum - scaleMinimum) * (Maximum - Minimum));
        return From(Math.Clamp(mapped, Minimum, Maximum), label);
    }

    /// <summary>Converts this emotion to another linear scale (the inverse of <see cref="FromScale"/>).</summary>
    /// <param name="scaleMinimum">The lowest value of the target scale.</param>
    /// <param name="scaleMaximum">The highest value of the target scale; greater than <paramref name="scaleMinimum"/>.</param>
    /// <returns>The value on the target scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite or the bounds are not increasing.</exception>
    public double ToScale(double scaleMinimum, double scaleMaximum)
    {
        if (!double.IsFinite(scaleMinimum))
        {
            throw new ArgumentOutOfRangeException(nameof(scaleMinimum), scaleMinimum, "The scale minimum must be finite.");
        }

        if (!double.IsFinite(scaleMaximum) || scaleMaximum <= scaleMinimum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(scaleMaximum), scaleMaximum, "The scale maximum must be finite and greater than the scale minimum.");
        }

        return scaleMinimum + ((Value - Minimum) / (Maximum - Minimum) * (scaleMaximum - scaleMinimum));
    }

    /// <summary>Formats the emotion as its signed value and label, for example <c>+1.5 (delighted)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string number = Value.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture);
        return Label is null ? number : $"{number} ({Label})";
    }
}
