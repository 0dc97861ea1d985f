using System.Text.Json.Serialization;
using JourneyKit.Voice;

namespace JourneyKit.Tests.Voice;

public class VaderReferenceTests
{
    private static readonly string[] Positive = ["good", "great", "love", "nice", "happy", "excellent", "perfect", "friendly", "easy", "amazing", "best", "okay", "ok", "lol", "super", "helpful", "delighted", "fine"];
    private static readonly string[] Negative = ["bad", "terrible", "hate", "awful", "sad", "horrible", "annoying", "useless", "broken", "rude", "confusing", "hard", "angry", "frustrated", "disappointed", "worst", "wtf", "shit", "ass", "bomb", "death"];
    private static readonly string[] Neutral = ["the", "checkout", "delivery", "was", "is", "app", "support", "agent", "order", "refund", "page", "price", "it", "this", "that", "my", "staff", "wait", "slow", "fast", "right", "mustard", "mouth", "to", "hand", "cut", "kiss", "of", "yeah", "at", "a", "I", "très", "отлично", "好"];
    private static readonly string[] Modifiers = ["least", "very", "VERY", "kind", "sort", "just", "enough", "never", "so", "this", "but", "BUT", "without", "isn't", "don't", "dont", "NOT", "not", "nothing", "hardly", "barely", "extremely", "totally", "somewhat", "kinda", "sort-of", "really", "most", "at least", "kind of", "sort of", "the bomb", "kiss of death", "yeah right", "cut the mustard", "hand to mouth", "bad ass", "the shit", "never so"];
    private static readonly string[] Emoticons = [":)", ":(", ":D", "<3", ":-(", ":-)", "😀", "🙁", ";)"];
    private static readonly string[] Marks = ["", "", "", "!", "!!", "!!!", "?", "??", "?!?", ",", ".", "...", "!?", "'", "\"", "-"];
    private static readonly string[] Spaces = [" ", " ", " ", "  ", "\t", "\u00a0", " \n ", "\u2003"];
    private static readonly string[] Ends = ["", "", ".", "!", "!!!!!", "??", "????", " :)"];

    /// <summary>Sentences built to exercise every VADER rule: lexicon words in three casings, boosters and dampeners, negations, "but", idioms, "kind of", "least", emoticons and emoji, marks glued to words, odd white space.</summary>
    internal static List<string> Sentences(int count, int seed)
    {
        var random = new Random(seed);
        var sentences = new List<string>(count);
        for (int s = 0; s < count; s++)
        {
            int words = random.Next(1, 15);
            var text = new System.Text.StringBuilder();
            for (int w = 0; w < words; w++)
            {
                string[] pool = random.Next(6) switch
                {
                    0 => Positive,
                    1 => Negative,
                    2 or 3 => Neutral,
                    4 => Modifiers,
                    _ => random.Next(3) == 0 ? Emoticons : Neutral,
                };
                string word = pool[random.Next(pool.Length)];
                word = random.Next(8) switch
                {
                    0 => word.ToUpperInvariant(),
                    1 => char.ToUpperInvariant(word[0]) + word[1..],
                    _ => word,
                };
                string mark = Marks[random.Next(Marks.Length)];
                word = random.Next(4) == 0 ? mark + word : word + mark;
                text.Append(w == 0 ? "" : Spaces[random.Next(Spaces.Length)]).Append(word);
            }

            sentences.Add(text.Append(Ends[random.Next(Ends.Length)]).ToString());
        }

        return sentences;
    }

    [NodeReferenceFact("vader-sentiment")]
    public void Score_EqualsTheNpmReference_OnThousandsOfGeneratedSentences()
    {
        var sentences = Sentences(4000, 35);
        sentences.AddRange(["The checkout was NOT great, but the delivery was super fast :)", "", "   ", "a", "!!!", "GREAT", "great GREAT", "not bad at all", "At least it works"]);
        var reference = NodeReference.Run<List<Reference>>("vader-score.js", sentences);
        Assert.Equal(sentences.Count, reference.Count);
        var mismatches = new List<string>();
        for (int i = 0; i < sentences.Count; i++)
        {
            var ours = Vader.Score(sentences[i]);
            var theirs = reference[i];
            const double tolerance = 1e-3 + 1e-9;
            if (Math.Abs(ours.Negative - theirs.Neg) > tolerance || Math.Abs(ours.Neutral - theirs.Neu) > tolerance
                || Math.Abs(ours.Positive - theirs.Pos) > tolerance || Math.Abs(ours.Compound - theirs.Compound) > tolerance)
            {
                mismatches.Add($"{System.Text.Json.JsonSerializer.Serialize(sentences[i])}: ours {ours}, reference neg {theirs.Neg} neu {theirs.Neu} pos {theirs.Pos} compound {theirs.Compound}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {sentences.Count} differ:\n{string.Join("\n", mismatches.Take(15))}");
        // The generated sentences do exercise the rules: most carry sentiment, both signs occur.
        Assert.True(reference.Count(r => r.Compound > 0.05) > 1000 && reference.Count(r => r.Compound < -0.05) > 1000);
    }

    private sealed record Reference(
        [property: JsonPropertyName("neg")] double Neg,
        [property: JsonPropertyName("neu")] double Neu,
        [property: JsonPropertyName("pos")] double Pos,
        [property: JsonPropertyName("compound")] double Compound);
}
