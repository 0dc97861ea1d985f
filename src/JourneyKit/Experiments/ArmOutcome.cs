using JourneyKit.Internal;

namespace JourneyKit.Experiments;

/// <summary>One arm of a rule's holdout experiment: its complete firings and how many were followed by the outcome.</summary>
/// <param name="Firings">Firings whose window was complete.</param>
/// <param name="Converted">Of those, firings followed by the outcome within the window.</param>
/// <param name="Customers">Distinct customers with such a firing.</param>
/// <param name="RateInterval">The Wilson interval of <see cref="Rate"/> at the test's level (NaN bounds with no firings).</param>
public sealed record ArmOutcome(long Firings, long Converted, long Customers, Interval RateInterval)
{
    /// <summary>Gets <see cref="Converted"/> / <see cref="Firings"/>.</summary>
    /// <value>NaN with no firings.</value>
    public double Rate => Firings == 0 ? double.NaN : (double)Converted / Firings;

    internal static ArmOutcome Of(long firings, long converted, long customers, double level)
    {
        (double lo, double hi) = firings == 0 ? (double.NaN, double.NaN) : Stats.Wilson(converted, firings, level);
        return new ArmOutcome(firings, converted, customers, new Interval(lo, hi, level));
    }

    /// <summary>Describes the arm, e.g. <c>412 of 3,120 firings (13.2 %) [12.0 %, 14.4 %]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Show.Count(Converted)} of {Show.Count(Firings)} firings ({Show.Percent(Rate)}) [{Show.Percent(RateInterval.Lower)}, {Show.Percent(RateInterval.Upper)}]";
}
