using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>
/// The customers' own words on the journey (<see cref="VoiceOfCustomer.Analyze"/>): every comment scored and placed (or
/// counted with the reason it could not be), sentiment per touchpoint, stage and channel, the phrases that set each
/// touchpoint and stage apart, and pain-point candidates with their evidence.
/// </summary>
/// <param name="Comments">Every comment, scored, with where it landed (in input order; none dropped).</param>
/// <param name="ByTouchpoint">Sentiment per touchpoint, most comments first.</param>
/// <param name="ByStage">Sentiment per stage (in the map's order when the log has a map, otherwise most comments first).</param>
/// <param name="ByChannel">Sentiment per channel, most comments first.</param>
/// <param name="TouchpointPhrases">Key phrases per touchpoint.</param>
/// <param name="StagePhrases">Key phrases per stage.</param>
/// <param name="PainPoints">Strongly negative touchpoint phrases as pain-point candidates, most negative first.</param>
public sealed record VoiceAnalysis(
    IReadOnlyList<ScoredComment> Comments,
    IReadOnlyList<SentimentSummary> ByTouchpoint,
    IReadOnlyList<SentimentSummary> ByStage,
    IReadOnlyList<SentimentSummary> ByChannel,
    IReadOnlyList<KeyPhrase> TouchpointPhrases,
    IReadOnlyList<KeyPhrase> StagePhrases,
    IReadOnlyList<PainPointCandidate> PainPoints)
{
    /// <summary>Gets the number of comments placed on the journey (stated or by their latest event).</summary>
    public long Placed => Comments.Count(c => c.IsPlaced);

    /// <summary>Gets how many comments could not be placed, per reason.</summary>
    public IReadOnlyDictionary<CommentPlacement, long> Unplaced =>
        Comments.Where(c => !c.IsPlaced).GroupBy(c => c.Placement).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>Gets the number of comments cut at <see cref="VoiceOptions.MaxCommentLength"/> before scoring.</summary>
    public long Truncated => Comments.Count(c => c.Truncated);

    /// <summary>Summarises the analysis.</summary>
    /// <returns>Counts of comments placed and not, and of phrases and candidates.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"Voice of {Show.Count(Comments.Count)} comments: {Show.Count(Placed)} placed on the journey{(Placed == Comments.Count ? "" : $", {Show.Count(Comments.Count - Placed)} not ({string.Join(", ", Unplaced.Select(u => $"{u.Key} {u.Value:N0}"))})")}; {ByTouchpoint.Count} touchpoints, {TouchpointPhrases.Count} key phrases, {PainPoints.Count} pain-point candidates");
}
