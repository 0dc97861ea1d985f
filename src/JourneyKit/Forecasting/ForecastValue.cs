using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>
/// A quantity of a journey model — a conversion probability, a lift, expected conversions, revenue, days — with its
/// credible interval from posterior draws. <see cref="Value"/> is the maximum-likelihood answer (the fitted model's own);
/// <see cref="Interval"/> holds the equal-tailed quantiles of the same quantity over the posterior draws.
/// </summary>
/// <param name="Value">The value under the fitted (maximum-likelihood) model.</param>
/// <param name="Interval">The credible interval from the posterior draws.</param>
/// <remarks>The default value is 0 in [0, 0] at level 0.</remarks>
public readonly record struct ForecastValue(double Value, Interval Interval)
{
    /// <summary>Gets the lower bound of the interval.</summary>
    public double Lower => Interval.Lower;

    /// <summary>Gets the upper bound of the interval.</summary>
    public double Upper => Interval.Upper;

    /// <summary>The value and its interval, e.g. "0.4123 [0.4011, 0.424] (95 %)" or "9,672 [9,548, 9,826] (95 %)".</summary>
    /// <returns>The text: four significant digits, whole numbers with group separators from 1,000 on.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Format(Value)} [{Format(Lower)}, {Format(Upper)}] ({Interval.Level * 100:0.##} %)");

    private static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture) : Show.Number(value);
}
