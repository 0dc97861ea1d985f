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

    // Each cue word and the bit of its label (a word may cue several labels).
    private static readonly Dictionary<string, int> CueBits = BuildCueBits();

    /// <summary>The emotion labels whose cue words occur in the text, in the order of <see cref="EmotionCues"/>.</summary>
    public static IReadOnlyList<string> Emotions(ReadOnlySpan<char> text)
    {
        int bits = 0;
        var cues = CueBits.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = new WordReader(text, stackalloc char[64]);
        while (words.Next(out var word))
        {
            bits |= cues.TryGetValue(word, out int bit) ? bit : 0;
        }

        if (bits == 0)
        {
            return [];
        }

        var labels = new List<string>(2);
        for (int i = 0; i < EmotionCues.Length; i++)
        {
            if ((bits & (1 << i)) != 0)
            {
                labels.Add(EmotionCues[i].Label);
            }
        }

        return labels;
    }

    private static Dictionary<string, int> BuildCueBits()
    {
        var bits = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < EmotionCues.Length; i++)
        {
            foreach (string cue in EmotionCues[i].Cues)
            {
                bits[cue] = bits.GetValueOrDefault(cue) | (1 << i);
            }
        }

        return bits;
    }

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'' || c == '\u2019';

    private static HashSet<string> Cues(string words) => new(words.Split(' '), StringComparer.Ordinal);

    /// <summary>Reads a text's words — runs of letters, digits and apostrophes — lower-cased into a buffer (a longer word is cut to it), typographic apostrophes made plain and outer apostrophes trimmed; allocates nothing.</summary>
    public ref struct WordReader(ReadOnlySpan<char> text, Span<char> buffer)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly Span<char> _buffer = buffer;
        private int _position;

        /// <summary>Gets a value indicating whether sentence punctuation or a line break stood before the last word: a phrase does not run across it.</summary>
        public bool Broke { get; private set; }

        public bool Next(out ReadOnlySpan<char> word)
        {
            Broke = false;
            while (_position < _text.Length)
            {
                while (_position < _text.Length && !IsWordChar(_text[_position]))
                {
                    Broke |= _text[_position] is '.' or ',' or ';' or ':' or '!' or '?' or '(' or ')' or '"' or '\n' or '\r';
                    _position++;
                }

                int start = _position;
                while (_position < _text.Length && IsWordChar(_text[_position]))
                {
                    _position++;
                }

                int length = Math.Min(_position - start, _buffer.Length);
                if (length > 0)
                {
                    var lower = _buffer[..length];
                    _text.Slice(start, length).ToLowerInvariant(lower);
                    lower.Replace('\u2019', '\'');
                    word = lower.Trim('\'');
                    return true;
                }
            }

            word = default;
            return false;
        }
    }
}
