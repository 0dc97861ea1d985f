using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>Churn rates and cohort retention.</summary>
public static class Churn
{
    /// <summary>The period churn rate: customers lost during the period / customers at its start, with a Wilson interval.</summary>
    /// <param name="customersAtStart">Customers at the start of the period. Range: ≥ 0.</param>
    /// <param name="customersLost">Customers lost during the period. Range: 0..customersAtStart.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>The rate and interval; NaN when there were no customers.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or more were lost than there were.</exception>
    public static Estimate PeriodRate(long customersAtStart, long customersLost, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customersAtStart);
        ArgumentOutOfRangeException.ThrowIfNegative(customersLost);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customersLost, customersAtStart);
        Stats.ConfidenceLevel(level, nameof(level));
        return new Estimate(customersAtStart == 0 ? double.NaN : (double)customersLost / customersAtStart, Interval.Of(Stats.Wilson(customersLost, customersAtStart, level), level), customersAtStart);
    }
}
