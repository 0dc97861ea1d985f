using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>How <see cref="VoiceOfCustomer.Analyze"/> places, scores and summarises comments.</summary>
public sealed record VoiceOptions
{
    /// <summary>Gets the language of the comments, an IETF tag. Default <c>en</c>; any other language is refused (VADER is English).</summary>
    public string Language { get; init; } = Vader.English;

    /// <summary>
    /// Gets how long after an event a comment without a touchpoint may still be placed on it: the comment lands on the
    /// customer's latest event at or before it, when that event is at most this long before. Default 7 days. Range: &gt; 0.
    /// </summary>
    public TimeSpan PlacementWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Gets how many characters of a comment are scored and searched for phrases; a longer comment is cut there and counted as truncated. Default 10,000. Range: 1..1,000,000.</summary>
    public int MaxCommentLength { get; init; } = 10_000;

    /// <summary>Gets how many key phrases are kept per touchpoint and per stage. Default 10. Range: 1..100.</summary>
    public int TopPhrases { get; init; } = 10;

    /// <summary>Gets the fewest comments a key phrase (and so a pain-point candidate) must occur in. Default 5. Range: ≥ 1.</summary>
    public int MinimumPhraseComments { get; init; } = 5;

    /// <summary>Gets how many example comments a phrase keeps (the most negative first, kept while counting). Default 3. Range: 0..3.</summary>
    public int Examples { get; init; } = 3;

    /// <summary>Gets the mean compound score at or below which a touchpoint's key phrase becomes a pain-point candidate. Default −0.3. Range: (−1, 0).</summary>
    public double PainPointThreshold { get; init; } = -0.3;

    /// <summary>Gets the level of the intervals of mean sentiment (Student's t). Default 0.95. Range: (0, 1).</summary>
    public double IntervalLevel { get; init; } = 0.95;

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(VoiceOptions))
            .NotBlank(Language, nameof(Language))
            .Require(PlacementWindow > TimeSpan.Zero, nameof(PlacementWindow), "must be positive.")
            .InRange(MaxCommentLength, 1, 1_000_000, nameof(MaxCommentLength))
            .InRange(TopPhrases, 1, 100, nameof(TopPhrases))
            .AtLeast(MinimumPhraseComments, 1, nameof(MinimumPhraseComments))
            .InRange(Examples, 0, 3, nameof(Examples))
            .Require(PainPointThreshold > -1 && PainPointThreshold < 0, nameof(PainPointThreshold), $"must lie strictly between −1 and 0 (was {Show.Number(PainPointThreshold)}).")
            .Require(IntervalLevel > 0 && IntervalLevel < 1, nameof(IntervalLevel), $"must lie strictly between 0 and 1 (was {Show.Number(IntervalLevel)}).")
            .ThrowIfAny();
}
