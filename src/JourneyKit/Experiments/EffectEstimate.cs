using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Experiments;

/// <summary>An estimated effect with its confidence interval.</summary>
/// <param name="Value">The point estimate.</param>
/// <param name="Interval">The confidence interval (for a sequential test, the always-valid confidence sequence at this sample size).</param>
/// <remarks>The default value is 0 in [0, 0] at level 0.</remarks>
public readonly record struct EffectEstimate(double Value, Interval Interval)
{
    /// <summary>Gets the interval's lower bound.</summary>
    public double Lower => Interval.Lower;

    /// <summary>Gets the interval's upper bound.</summary>
    public double Upper => Interval.Upper;

    /// <summary>Describes the estimate, e.g. <c>0.7073 [-0.03526, 1.45] (95 %)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Show.Number(Value)} [{Show.Number(Lower)}, {Show.Number(Upper)}] ({Interval.Level * 100:0.##} %)");
}
