using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>
/// An interval estimate — confidence, credible or bootstrap — with its bounds and level: the one shape every interval of
/// JourneyKit takes (NPS, survival, Markov transitions, funnels, personas, attribution and forecasts).
/// Deconstructs as <c>var (lower, upper) = interval</c>.
/// </summary>
/// <remarks>
/// Bounds are NaN when the data cannot bound the value (no responses, a survival curve past its last subject). The
/// default value is [0, 0] at level 0.
/// </remarks>
public readonly record struct Interval
{
    /// <summary>Creates an interval.</summary>
    /// <param name="lower">The lower bound; NaN when undefined (then <paramref name="upper"/> is NaN too).</param>
    /// <param name="upper">The upper bound, at least <paramref name="lower"/>.</param>
    /// <param name="level">The coverage the interval was built for. Range: 0 &lt; level &lt; 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside (0, 1), or <paramref name="upper"/> is below <paramref name="lower"/>, or only one bound is NaN.</exception>
    public Interval(double lower, double upper, double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level of an interval must lie strictly between 0 and 1.");
        }

        if (double.IsNaN(lower) != double.IsNaN(upper))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"Both bounds are NaN or neither is (lower {lower.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (upper < lower)
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"The upper bound is below the lower bound {lower.ToString(CultureInfo.InvariantCulture)}.");
        }

        Lower = lower;
        Upper = upper;
        Level = level;
    }

    /// <summary>Gets the lower bound (NaN when undefined).</summary>
    public double Lower { get; }

    /// <summary>Gets the upper bound (NaN when undefined).</summary>
    public double Upper { get; }

    /// <summary>Gets the level the interval was built for, e.g. 0.95.</summary>
    public double Level { get; }

    /// <summary>Gets the width, <see cref="Upper"/> − <see cref="Lower"/> (NaN when undefined).</summary>
    public double Width => Upper - Lower;

    /// <summary>Gets a value indicating whether both bounds are defined.</summary>
    public bool IsDefined => !double.IsNaN(Lower);

    /// <summary>Whether <paramref name="value"/> lies within the bounds (inclusive).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when Lower ≤ value ≤ Upper; <see langword="false"/> when undefined.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>Deconstructs into the bounds: <c>var (lower, upper) = interval</c>.</summary>
    /// <param name="lower">The lower bound.</param>
    /// <param name="upper">The upper bound.</param>
    public void Deconstruct(out double lower, out double upper)
    {
        lower = Lower;
        upper = Upper;
    }

    /// <summary>An interval from bounds computed elsewhere (the internal statistics work on tuples).</summary>
    internal static Interval Of((double Lower, double Upper) bounds, double level) => new(bounds.Lower, bounds.Upper, level);

    /// <summary>The interval as "[lower, upper] (95 %)".</summary>
    /// <returns>The bounds, shown with four significant digits, and the level.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Show.Number(Lower)}, {Show.Number(Upper)}] ({Level * 100:0.##} %)");
}
