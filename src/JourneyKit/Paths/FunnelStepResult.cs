using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>One step of a funnel result.</summary>
/// <param name="Name">The step.</param>
/// <param name="Entered">Journeys that reached the step.</param>
/// <param name="Converted">Journeys that went on to the next step (for the last step: all that reached it).</param>
/// <param name="Dropped">Entered − Converted.</param>
/// <param name="ConversionInterval">The 95 % Wilson interval of the conversion rate (NaN bounds when nobody entered).</param>
/// <param name="TimeToNext">Time from this step to the next for converted journeys (empty for the last step).</param>
public sealed record FunnelStepResult(string Name, long Entered, long Converted, long Dropped, Interval ConversionInterval, DurationSummary TimeToNext)
{
    /// <summary>Gets Converted / Entered; NaN when nobody entered.</summary>
    public double ConversionRate => Entered == 0 ? double.NaN : (double)Converted / Entered;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: entered {Show.Count(Entered)}, went on {Show.Count(Converted)} ({Show.Percent(ConversionRate)}, 95 % [{Show.Percent(ConversionInterval.Lower)}, {Show.Percent(ConversionInterval.Upper)}]), dropped {Show.Count(Dropped)}" +
        (TimeToNext.Count == 0 ? "" : $"; time to next: median {Show.Duration(TimeToNext.Median)}");
}
