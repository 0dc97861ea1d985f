namespace JourneyKit.Voice;

/// <summary>
/// The words of a comment for phrases and emotion cues: runs of letters, digits and apostrophes, lower-cased; a
/// project-written English stop-word list; and the emotion cue words (a heuristic of our own, stated as such).
/// </summary>
internal static class TextWords
{
    public static readonly HashSet<string> StopWords = new(
        ("a about above after again against all am an and any are as at be because been before being below between both but by can " +
         "could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i " +
         "if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own " +
         "same she should so some such than that the their theirs them themselves then there these they this those through to too under until " +
         "up very was we were what when where which while who whom why will with would you your yours yourself yourselves i'm i've i'd i'll " +
         "it's that's there's they're we're you're don't didn't doesn't isn't wasn't can't won't couldn't wouldn't also get got still even " +
         "really one two us let's")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>Emotion labels beyond polarity and the cue words that suggest them: our own lists, a heuristic.</summary>
    public static readonly (string Label, HashSet<string> Cues)[] EmotionCues =
    [
        ("frustrated", Cues("frustrated frustrating frustration annoying annoyed ridiculous useless waste wasted nightmare hassle again")),
        ("confused", Cues("confused confusing unclear complicated puzzled baffled misleading")),
        ("anxious", Cues("worried worry worrying anxious nervous unsure scared afraid concerned uncertain")),
        ("disappointed", Cues("disappointed disappointing disappointment letdown underwhelming")),
        ("angry", Cues("angry furious outraged outrageous unacceptable livid disgusted disgusting")),
        ("relieved", Cues("relieved relief finally phew resolved sorted")),
        ("delighted", Cues("delighted love loved lovely amazing fantastic wonderful awesome brilliant perfect excellent")),
        ("grateful", Cues("thanks thank grateful appreciate appreciated")),
    ];

    /// <summary>Calls <paramref name="word"/> for each lower-cased word of the text, in order.</summary>
    public static void ForEach(ReadOnlySpan<char> text, Span<char> buffer, WordAction word)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i]))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            int length = Math.Min(i - start, buffer.Length);
            if (length > 0)
            {
                var lower = buffer[..length];
                text.Slice(start, length).ToLowerInvariant(lower);
                lower.Replace('\u2019', '\'');
                word(lower.Trim('\''));
            }
        }
    }

    /// <summary>The emotion labels whose cue words occur in the text.</summary>
    public static IReadOnlyList<string> Emotions(ReadOnlySpan<char> text)
    {
        List<string>? labels = null;
        Span<char> buffer = stackalloc char[64];
        ForEach(text, buffer, word =>
        {
            foreach (var (label, cues) in EmotionCues)
            {
                if (cues.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) && (labels is null || !labels.Contains(label)))
                {
                    (labels ??= []).Add(label);
                }
            }
        });
        return labels is null ? [] : labels;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'' || c == '\u2019';

    private static HashSet<string> Cues(string words) => new(words.Split(' '), StringComparer.Ordinal);

    /// <summary>Receives one word.</summary>
    public delegate void WordAction(ReadOnlySpan<char> word);
}
