using System.Buffers;

namespace JourneyKit.Voice;

/// <summary>
/// VADER sentiment (Hutto &amp; Gilbert, ICWSM 2014): the rule-based scorer built for short social text — a lexicon of
/// rated words, emoticons and slang, and rules for negation, boosters and dampeners, a contrastive "but", words in capitals
/// among others that are not, exclamation and question marks, and a few idioms. Runs on the device with its lexicon
/// shipped in the assembly. English only. Thread-safe.
/// </summary>
/// <remarks>
/// The reference is the npm package <c>vader-sentiment</c> 1.1.3 (the JavaScript port of the original): scores equal its
/// scores, quirks included — CI scores thousands of generated sentences with both and compares. So, as there: a text is
/// split at white space and pieces of one character are dropped; punctuation is stripped from a piece only as one of
/// VADER's listed leading or trailing marks (<c>great!</c> is <c>great</c>, <c>great!?</c> stays as it is); negation
/// words are matched as written (<c>not</c> negates, <c>NOT</c> does not; any word containing <c>n't</c> negates); emoji are
/// not in the lexicon. A text without words scores 0 everywhere (neutral share included).
/// </remarks>
public static partial class Vader
{
    /// <summary>The one language VADER's lexicon and rules are for: English (<c>en</c>).</summary>
    public const string English = "en";

    private const double BoosterIncrement = 0.293;
    private const double CapitalIncrement = 0.733;
    private const double NegationScalar = -0.74;

    /// <summary>Scores an English text.</summary>
    /// <param name="text">The text (a comment, a ticket, a review); any length — a long text costs time in proportion.</param>
    /// <returns>The scores, rounded as the reference rounds them (shares to 3 decimals, compound to 4).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static SentimentScores Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Score(text.AsSpan());
    }

    /// <summary>Scores a text in a stated language, refusing any language but English instead of scoring it wrongly.</summary>
    /// <param name="text">The text.</param>
    /// <param name="language">An IETF language tag: <c>en</c> or a regional English (<c>en-GB</c>, <c>en-US</c>…).</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">The language is not English: VADER's lexicon and rules are English; a text in another language would score near neutral, silently wrong.</exception>
    public static SentimentScores Score(string text, string language)
    {
        RequireEnglish(language);
        return Score(text);
    }

    /// <summary>Scores a text given as characters (no string needed: the hot path of the comment analyses).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The scores.</returns>
    public static SentimentScores Score(ReadOnlySpan<char> text)
    {
        // Pieces of the text with at least two characters, stripped of one listed leading or trailing mark; as (start, length).
        int capacity = (text.Length / 2) + 1;
        int[] starts = ArrayPool<int>.Shared.Rent(capacity);
        int[] lengths = ArrayPool<int>.Shared.Rent(capacity);
        double[] sentiments = ArrayPool<double>.Shared.Rent(capacity);
        double[] valences = ArrayPool<double>.Shared.Rent(capacity);
        double[] boosters = ArrayPool<double>.Shared.Rent(capacity);
        try
        {
            var words = new Words(text, starts, lengths, valences, boosters, Tokenize(text, starts, lengths));
            if (words.Count == 0)
            {
                return default;
            }

            // Each word is looked up once (a word is consulted again as one of the three before each later word).
            for (int i = 0; i < words.Count; i++)
            {
                valences[i] = Lexicon(words[i], out double valence) ? valence : double.NaN;
                boosters[i] = Booster(words[i]);
            }

            bool capDifferential = CapDifferential(words);
            for (int i = 0; i < words.Count; i++)
            {
                var item = words[i];
                bool kindOf = i < words.Count - 1 && EqualsLower(item, "kind") && EqualsLower(words[i + 1], "of");
                sentiments[i] = kindOf || words.Booster(i) != 0 ? 0 : Valence(words, i, capDifferential);
            }

            ButCheck(words, sentiments);
            return Summarise(sentiments.AsSpan(0, words.Count), text);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(lengths);
            ArrayPool<double>.Shared.Return(sentiments);
            ArrayPool<double>.Shared.Return(valences);
            ArrayPool<double>.Shared.Return(boosters);
        }
    }

    /// <summary>Throws unless <paramref name="language"/> is English.</summary>
    /// <param name="language">An IETF language tag.</param>
    /// <exception cref="ArgumentNullException"><paramref name="language"/> is null.</exception>
    /// <exception cref="NotSupportedException">The language is not English.</exception>
    internal static void RequireEnglish(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        string primary = language.Split('-', '_')[0].Trim();
        if (!primary.Equals(English, StringComparison.OrdinalIgnoreCase) && !primary.Equals("eng", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException(
                $"Sentiment in '{Internal.Guard.Clip(language)}' is not supported: VADER's lexicon and rules are English, and a text in another language would score near neutral — silently wrong. Score English text (language 'en'), or translate first.");
        }
    }

    // The valence of a lexicon word after capitals, the boosters, dampeners and negations up to three words before it,
    // idioms and "least"; 0 for a word the lexicon lacks.
    private static double Valence(Words words, int index, bool capDifferential)
    {
        var item = words[index];
        double valence = words.Valence(index);
        if (double.IsNaN(valence))
        {
            return 0;
        }

        if (capDifferential && IsUpper(item))
        {
            valence += valence > 0 ? CapitalIncrement : -CapitalIncrement;
        }

        for (int back = 0; back < 3; back++)
        {
            if (index > back && double.IsNaN(words.Valence(index - back - 1)))
            {
                double s = ScalarIncDec(words, index - back - 1, valence, capDifferential);
                s *= back == 1 ? 0.95 : back == 2 ? 0.9 : 1;
                valence += s;
                valence = NeverCheck(valence, words, back, index);
                if (back == 2)
                {
                    valence = IdiomsCheck(valence, words, index);
                }
            }
        }

        return LeastCheck(valence, words, index);
    }

    private static double ScalarIncDec(Words words, int index, double valence, bool capDifferential)
    {
        double scalar = words.Booster(index);
        if (scalar == 0)
        {
            return 0;
        }

        if (valence < 0)
        {
            scalar = -scalar;
        }

        if (capDifferential && IsUpper(words[index]))
        {
            scalar += valence > 0 ? CapitalIncrement : -CapitalIncrement;
        }

        return scalar;
    }

    private static double NeverCheck(double valence, Words words, int back, int index)
    {
        switch (back)
        {
            case 0:
                return Negated(words[index - 1]) ? valence * NegationScalar : valence;
            case 1:
                if (words[index - 2].SequenceEqual("never") && (words[index - 1].SequenceEqual("so") || words[index - 1].SequenceEqual("this")))
                {
                    return valence * 1.5;
                }

                return Negated(words[index - 2]) ? valence * NegationScalar : valence;
            default:
                if ((words[index - 3].SequenceEqual("never") && (words[index - 2].SequenceEqual("so") || words[index - 2].SequenceEqual("this")))
                    || words[index - 1].SequenceEqual("so") || words[index - 1].SequenceEqual("this"))
                {
                    return valence * 1.25;
                }

                return Negated(words[index - 3]) ? valence * NegationScalar : valence;
        }
    }

    private static double LeastCheck(double valence, Words words, int index)
    {
        if (LeastIsInLexicon)
        {
            return valence;
        }

        if (index > 1 && EqualsLower(words[index - 1], "least"))
        {
            return EqualsLower(words[index - 2], "at") || EqualsLower(words[index - 2], "very") ? valence : valence * NegationScalar;
        }

        return index > 0 && EqualsLower(words[index - 1], "least") ? valence * NegationScalar : valence;
    }

    // A contrastive "but" (as written, or "BUT" when there is none): the words before it count half, those after one and a half.
    private static void ButCheck(Words words, double[] sentiments)
    {
        int but = -1;
        for (int i = 0; i < words.Count && but < 0; i++)
        {
            but = words[i].SequenceEqual("but") ? i : -1;
        }

        for (int i = 0; i < words.Count && but < 0; i++)
        {
            but = words[i].SequenceEqual("BUT") ? i : -1;
        }

        if (but < 0)
        {
            return;
        }

        for (int i = 0; i < words.Count; i++)
        {
            sentiments[i] *= i < but ? 0.5 : i > but ? 1.5 : 1;
        }
    }

    private static SentimentScores Summarise(ReadOnlySpan<double> sentiments, ReadOnlySpan<char> text)
    {
        double sum = 0;
        foreach (double s in sentiments)
        {
            sum += s;
        }

        double emphasis = PunctuationEmphasis(text);
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        double compound = Math.Clamp(sum / Math.Sqrt((sum * sum) + 15), -1, 1);
        double positive = 0, negative = 0;
        int neutral = 0;
        foreach (double s in sentiments)
        {
            if (s > 0)
            {
                positive += s + 1;
            }
            else if (s < 0)
            {
                negative += s - 1;
            }
            else
            {
                neutral++;
            }
        }

        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        double total = positive + Math.Abs(negative) + neutral;
        return new SentimentScores(
            Round(Math.Abs(negative / total), 3),
            Round(Math.Abs(neutral / total), 3),
            Round(Math.Abs(positive / total), 3),
            Round(compound, 4));
    }

    // Up to four exclamation marks add 0.292 each; two or three question marks 0.18 each, more 0.96.
    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        int exclamations = Math.Min(4, text.Count('!'));
        int questions = text.Count('?');
        double question = questions <= 1 ? 0 : questions <= 3 ? questions * 0.18 : 0.96;
        return (exclamations * 0.292) + question;
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
