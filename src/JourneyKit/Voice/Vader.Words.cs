namespace JourneyKit.Voice;

public static partial class Vader
{
    // VADER's leading and trailing marks: a piece is stripped of one of these when what is left has no punctuation.
    private static readonly string[] Marks = [".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"];

    private static readonly HashSet<string> Negations = new(
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't",
        "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't",
        "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor",
        "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't",
        "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom",
        "despite",
    ], StringComparer.Ordinal);

    // Boosters raise a following word's intensity by 0.293, dampeners lower it (degree adverbs, after Wiktionary).
    private static readonly Dictionary<string, double> Boosters = BuildBoosters();

    private static readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> BoosterLookup = Boosters.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NegationLookup = Negations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly (string[] Words, double Valence)[] Idioms =
    [
        (["the", "shit"], 3), (["the", "bomb"], 3), (["bad", "ass"], 1.5), (["yeah", "right"], -2),
        (["cut", "the", "mustard"], 2), (["kiss", "of", "death"], -1.5), (["hand", "to", "mouth"], -2),
    ];

    private static readonly (string First, string Second)[] DampenerBigrams = [("just", "enough"), ("kind", "of"), ("sort", "of")];

    private static readonly Lazy<(int MaxLength, bool Least, Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Lookup)> LexiconFacts = new(() =>
    {
        var lookup = VaderLexicon.Lookup;
        return (lookup.Dictionary.Keys.Max(k => k.Length), lookup.ContainsKey("least"), lookup);
    });

    private static bool LeastIsInLexicon => LexiconFacts.Value.Least;

    private static Dictionary<string, double> BuildBoosters()
    {
        var boosters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string word in (string[])["absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
            "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping", "flippin", "fricking", "frickin",
            "frigging", "friggin", "fully", "fucking", "greatly", "hella", "highly", "hugely", "incredibly", "intensely", "majorly", "more",
            "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously",
            "uber", "unbelievably", "unusually", "utterly", "very"])
        {
            boosters[word] = BoosterIncrement;
        }

        foreach (string word in (string[])["almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginally",
            "occasionally", "partly", "scarcely", "slightly", "somewhat", "sorta", "sortof", "sort-of"])
        {
            boosters[word] = -BoosterIncrement;
        }

        return boosters;
    }

    // Splits at JavaScript's white space (as the reference's split(/\s/)), keeps pieces of two or more UTF-16 units and strips
    // one listed mark from either end when what is left (two or more units) has no ASCII punctuation.
    private static int Tokenize(ReadOnlySpan<char> text, int[] starts, int[] lengths)
    {
        int count = 0, i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsJavaScriptSpace(text[i]))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && !IsJavaScriptSpace(text[i]))
            {
                i++;
            }

            int length = i - start;
            if (length > 1)
            {
                (start, length) = Strip(text.Slice(start, length), start);
                starts[count] = start;
                lengths[count++] = length;
            }
        }

        return count;
    }

    private static (int Start, int Length) Strip(ReadOnlySpan<char> piece, int start)
    {
        foreach (string mark in Marks)
        {
            if (piece.Length > mark.Length + 1)
            {
                if (piece.StartsWith(mark, StringComparison.Ordinal) && !HasPunctuation(piece[mark.Length..]))
                {
                    return (start + mark.Length, piece.Length - mark.Length);
                }

                if (piece.EndsWith(mark, StringComparison.Ordinal) && !HasPunctuation(piece[..^mark.Length]))
                {
                    return (start, piece.Length - mark.Length);
                }
            }
        }

        return (start, piece.Length);
    }

    private static bool HasPunctuation(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~')
            {
                return true;
            }
        }

        return false;
    }

    // JavaScript's \s: the ASCII spaces, no-break space, the Unicode space separators, line and paragraph separators and
    // the byte-order mark (not .NET's U+0085).
    private static bool IsJavaScriptSpace(char c) =>
        c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u00a0' or '\u1680' or (>= '\u2000' and <= '\u200a')
            or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff';

    // Python's str.isupper as the reference writes it: an ASCII capital and no ASCII lower-case letter.
    private static bool IsUpper(ReadOnlySpan<char> word)
    {
        bool upper = false;
        foreach (char c in word)
        {
            if (c is >= 'a' and <= 'z')
            {
                return false;
            }

            upper |= c is >= 'A' and <= 'Z';
        }

        return upper;
    }

    // Some words, but not all, in capitals.
    private static bool CapDifferential(Words words)
    {
        int upper = 0;
        for (int i = 0; i < words.Count; i++)
        {
            upper += IsUpper(words[i]) ? 1 : 0;
        }

        int differential = words.Count - upper;
        return differential > 0 && differential < words.Count;
    }

    private static bool Negated(ReadOnlySpan<char> word) =>
        NegationLookup.Contains(word) || word.Contains("n't", StringComparison.Ordinal);

    private static bool Lexicon(ReadOnlySpan<char> word, out double valence)
    {
        valence = 0;
        if (word.Length > LexiconFacts.Value.MaxLength)
        {
            return false;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return LexiconFacts.Value.Lookup.TryGetValue(lower, out valence);
    }

    private static double Booster(ReadOnlySpan<char> word)
    {
        if (word.Length > 14)
        {
            return 0;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return BoosterLookup.TryGetValue(lower, out double value) ? value : 0;
    }

    // The word lower-cased equals a (lower-case) keyword, as the reference's toLowerCase() === 'kind'.
    private static bool EqualsLower(ReadOnlySpan<char> word, string lower)
    {
        if (word.Length != lower.Length)
        {
            return false;
        }

        Span<char> folded = stackalloc char[word.Length];
        word.ToLowerInvariant(folded);
        return folded.SequenceEqual(lower);
    }

    // Idioms in the three words before a lexicon word, through it, and two after it; then a dampening bigram before it.
    private static double IdiomsCheck(double valence, Words words, int index)
    {
        (int From, int Length)[] before = [(index - 1, 2), (index - 2, 3), (index - 2, 2), (index - 3, 3), (index - 3, 2)];
        foreach (var (from, length) in before)
        {
            if (Idiom(words, from, length) is { } v)
            {
                valence = v;
                break;
            }
        }

        if (words.Count - 1 > index && Idiom(words, index, 2) is { } zeroOne)
        {
            valence = zeroOne;
        }

        if (words.Count - 1 > index + 1 && Idiom(words, index, 3) is { } zeroOneTwo)
        {
            valence = zeroOneTwo;
        }

        foreach (var (first, second) in DampenerBigrams)
        {
            if ((words[index - 3].SequenceEqual(first) && words[index - 2].SequenceEqual(second))
                || (words[index - 2].SequenceEqual(first) && words[index - 1].SequenceEqual(second)))
            {
                return valence - BoosterIncrement;
            }
        }

        return valence;
    }

    private static double? Idiom(Words words, int from, int length)
    {
        foreach (var (parts, value) in Idioms)
        {
            if (parts.Length != length)
            {
                continue;
            }

            bool match = true;
            for (int k = 0; k < length && match; k++)
            {
                match = words[from + k].SequenceEqual(parts[k]);
            }

            if (match)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The text's words as ranges of it, with each word's lexicon valence (NaN when absent) and booster value.</summary>
    private readonly ref struct Words(ReadOnlySpan<char> text, int[] starts, int[] lengths, double[] valences, double[] boosters, int count)
    {
        private readonly ReadOnlySpan<char> _text = text;

        public int Count { get; } = count;

        public ReadOnlySpan<char> this[int index] => _text.Slice(starts[index], lengths[index]);

        public double Valence(int index) => valences[index];

        public double Booster(int index) => boosters[index];
    }
}
