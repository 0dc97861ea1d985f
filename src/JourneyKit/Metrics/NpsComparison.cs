using System.Globalization;

namespace JourneyKit.Metrics;

/// <summary>The two-sample test of a difference between two NPS values.</summary>
/// <param name="Difference">Score of the first minus score of the second.</param>
/// <param name="StandardError">Standard error of the difference (score units).</param>
/// <param name="Z">The z statistic.</param>
/// <param name="PValue">The two-sided p-value.</param>
public sealed record NpsComparison(double Difference, double StandardError, double Z, double PValue)
{
    /// <summary>Gets whether the difference is significant at level <paramref name="alpha"/> (two-sided).</summary>
    /// <param name="alpha">The significance level. Range: 0 &lt; α &lt; 1. Default 0.05.</param>
    /// <returns><see langword="true"/> when <see cref="PValue"/> ≤ α; <see langword="false"/> when either group had no responses.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public bool IsSignificant(double alpha = 0.05)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The significance level must lie strictly between 0 and 1.");
        }

        return PValue <= alpha;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"difference {Difference:+0.0;−0.0;0.0} points (SE {StandardError:0.0}), z = {Z:0.00}, p = {PValue:0.####}{(PValue <= 0.05 ? ", significant at 5 %" : ", not significant at 5 %")}");
}
