using JourneyKit.Internal;

namespace JourneyKit.Discovery;

/// <summary>What the log says about one touchpoint: the numbers behind its stage, channel, emotion, moment of truth and pain points.</summary>
/// <param name="Touchpoint">The log label (and the map's touchpoint id).</param>
/// <param name="StageId">The stage it was placed in.</param>
/// <param name="Clustered">Whether it took part in the clustering (the <see cref="MapDiscoveryOptions.MaxClusteredTouchpoints"/> most frequent); otherwise it joined the stage of the nearest typical step.</param>
/// <param name="Events">Its events.</param>
/// <param name="Journeys">The journeys that reach it.</param>
/// <param name="FirstStep">The mean step at which a journey first reaches it (0 = first event).</param>
/// <param name="AfterConversionShare">The share of its events after the journey's first conversion.</param>
/// <param name="ConversionRate">The share of the journeys reaching it that convert.</param>
/// <param name="ConversionLift">Its conversion rate minus the log's.</param>
/// <param name="ExitShare">The share of the journeys reaching it that end there without converting.</param>
/// <param name="MedianTimeToNext">The median time to the journey's next event (approximate, from a log histogram); zero when no event follows.</param>
/// <param name="ChannelMix">Its events' channels and shares, most frequent first (<c>(unknown)</c> for events without one).</param>
/// <param name="Ratings">The feedback scores given at it.</param>
/// <param name="MeanRating">Their mean; NaN without feedback.</param>
public sealed record TouchpointEvidence(
    string Touchpoint,
    string StageId,
    bool Clustered,
    long Events,
    long Journeys,
    double FirstStep,
    double AfterConversionShare,
    double ConversionRate,
    double ConversionLift,
    double ExitShare,
    TimeSpan MedianTimeToNext,
    IReadOnlyList<(string Channel, double Share)> ChannelMix,
    long Ratings,
    double MeanRating)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Touchpoint} ({StageId}): {Show.Count(Journeys)} journeys, first at step {FirstStep:0.0}, converts {ConversionRate:P0} ({ConversionLift:+0%;-0%;0%}), exits {ExitShare:P0}" +
        (Ratings > 0 ? $", mean rating {MeanRating:0.0} of {Show.Count(Ratings)}" : "");
}
