using System.Globalization;

namespace JourneyKit.Experiments;

/// <summary>
/// A metric in one arm with the same users' pre-period value of a covariate, for CUPED / regression adjustment
/// (GrowthBook's <c>RegressionAdjustedStatistic</c>): the post-period summary, the pre-period summary and the sum of the
/// products post × pre over the users.
/// </summary>
/// <param name="Metric">The metric in the experiment period.</param>
/// <param name="PrePeriod">The covariate before the experiment (usually the same metric), for the same users.</param>
/// <param name="SumOfProducts">Σ metric × pre-period value over the users.</param>
public sealed record AdjustedMeanSummary(MeanSummary Metric, MeanSummary PrePeriod, double SumOfProducts)
{
    /// <summary>Checks that the two summaries describe the same users.</summary>
    /// <param name="paramName">The parameter named in the error.</param>
    /// <exception cref="ArgumentException">The counts differ or the sum of products is not finite.</exception>
    internal void Check(string paramName)
    {
        if (Metric.Count != PrePeriod.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The metric has {Metric.Count:N0} users and the pre-period {PrePeriod.Count:N0}; both must summarise the same users."), paramName);
        }

        if (!double.IsFinite(SumOfProducts))
        {
            throw new ArgumentException("The sum of products must be finite.", paramName);
        }
    }

    /// <summary>Describes the summary, e.g. <c>n 3,000, mean 0.4656, variance 17.24; pre-period n 3,000, mean 0.005623, variance 0.176</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Metric}; pre-period {PrePeriod}";

    /// <summary>Gets the covariance of the metric and the pre-period value (n − 1 in the denominator).</summary>
    internal double Covariance => Metric.Count <= 1 ? 0 : (SumOfProducts - Metric.Sum * PrePeriod.Sum / Metric.Count) / (Metric.Count - 1);
}
