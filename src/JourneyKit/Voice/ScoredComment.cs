namespace JourneyKit.Voice;

/// <summary>A comment with its sentiment, its heuristic emotion labels and where it landed on the journey.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="Scores">Its VADER scores (of its first <see cref="VoiceOptions.MaxCommentLength"/> characters).</param>
/// <param name="Placement">How it was placed, or why not.</param>
/// <param name="Touchpoint">The touchpoint it landed on, or <see langword="null"/> when not placed.</param>
/// <param name="Stage">The stage of that touchpoint (the event's, or the map's), or <see langword="null"/>.</param>
/// <param name="Channel">The comment's channel, else the event's, or <see langword="null"/>.</param>
/// <param name="Emotions">Emotion labels its cue words suggest (frustrated, confused, anxious, disappointed, angry, relieved, delighted, grateful): a heuristic of the project's own word lists, not a model.</param>
/// <param name="Truncated">Whether the comment was longer than <see cref="VoiceOptions.MaxCommentLength"/> and cut there.</param>
public sealed record ScoredComment(
    CustomerComment Comment,
    SentimentScores Scores,
    CommentPlacement Placement,
    string? Touchpoint,
    string? Stage,
    string? Channel,
    IReadOnlyList<string> Emotions,
    bool Truncated)
{
    /// <summary>Gets a value indicating whether the comment was placed on the journey.</summary>
    public bool IsPlaced => Placement is CommentPlacement.Stated or CommentPlacement.LatestEvent;
}
