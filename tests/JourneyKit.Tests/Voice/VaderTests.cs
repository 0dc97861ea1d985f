using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Voice;

namespace JourneyKit.Tests.Voice;

public class VaderTests
{
    // Each VADER rule by hand, from the lexicon's means (good 1.9, bad −2.5, :) 2.0) and the rule constants; compound =
    // sum / √(sum² + 15).
    [Theory]
    [InlineData("good", 1.9)]                                   // a lexicon word
    [InlineData("not good", 1.9 * -0.74)]                       // negation: × −0.74
    [InlineData("very good", 1.9 + 0.293)]                      // booster: + 0.293
    [InlineData("slightly good", 1.9 - 0.293)]                  // dampener: − 0.293
    [InlineData("GOOD food", 1.9 + 0.733)]                      // capitals among lower case: + 0.733
    [InlineData("good but bad", (1.9 * 0.5) + (-2.5 * 1.5))]    // "but": before × 0.5, after × 1.5
    [InlineData("good!", 1.9 + 0.292)]                          // one exclamation mark: + 0.292 (and the mark stripped)
    [InlineData("good!!!!!!", 1.9 + (4 * 0.292))]               // at most four count; "good!!!!!!" keeps its marks and is no word
    [InlineData("bad??", -2.5 - (2 * 0.18))]                    // two question marks: 0.18 each, away from zero
    [InlineData(":)", 2.0)]                                     // an emoticon
    [InlineData("very very good", 1.9 + 0.293 + (0.293 * 0.95))] // a booster two words back counts 0.95
    public void Score_EachRule_AsWorkedByHand(string text, double sum)
    {
        var scores = Vader.Score(text);
        double compound = sum / Math.Sqrt((sum * sum) + 15);
        if (text == "good!!!!!!")
        {
            // The piece "good!!!!!!" is not "good" plus a listed mark: VADER finds no word, and a text of no sentiment scores 0.
            Assert.Equal(0, scores.Compound);
            Assert.Equal(1, scores.Neutral);
            return;
        }

        Assert.Equal(Math.Round(compound, 4, MidpointRounding.AwayFromZero), scores.Compound, 10);
    }

    [Fact]
    public void Score_IssueExample_And_Shares()
    {
        // The issue's sentence. "NOT" does not negate (the reference matches negations as written); "great" and "super",
        // ":)" after "but" count 1.5×.
        var s = Vader.Score("The checkout was NOT great, but the delivery was super fast :)");
        Assert.Equal(0.9169, s.Compound, 10);
        Assert.Equal(0, s.Negative);
        Assert.Equal(1.0, s.Negative + s.Neutral + s.Positive, 2);
        Assert.True(s.IsPositive && !s.IsNegative);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("a")]
    public void Score_TextWithoutWords_IsAllZero(string text) => Assert.Equal(default, Vader.Score(text));

    [Fact]
    public void Score_HostileText_IsScored_NotThrown()
    {
        Assert.Throws<ArgumentNullException>(() => Vader.Score((string)null!));
        var huge = string.Concat(Enumerable.Repeat("terrible service, awful wait. ", 40_000));   // ~1.2 MB
        var scores = Vader.Score(huge);
        Assert.True(scores.Compound < -0.99 && scores.Compound >= -1);
        Assert.InRange(Vader.Score("bad \ud800 good <script>alert(1)</script> 😀 отлично").Compound, -1, 1);
    }

    [Fact]
    public void Score_OtherLanguages_AreRefused_WithTheReason()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Vader.Score("Très bien", "fr"));
        Assert.Contains("'fr'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("English", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Vader.Score("good"), Vader.Score("good", "en-GB"));
    }

    // Scores are in range for any text, and a clearly positive or negative lexicon word sets the compound's sign.
    [Property(MaxTest = 300)]
    public bool Score_IsInRange_ForAnyText(string? text)
    {
        var s = Vader.Score(text ?? "");
        return s.Negative is >= 0 and <= 1 && s.Neutral is >= 0 and <= 1 && s.Positive is >= 0 and <= 1 && s.Compound is >= -1 and <= 1;
    }

    [Property(MaxTest = 200)]
    public Property Score_CompoundSign_FollowsAClearLexiconWord()
    {
        string[] positive = ["excellent", "wonderful", "love", "great", "perfect"];
        string[] negative = ["terrible", "awful", "hate", "horrible", "worst"];
        string[] neutral = ["the", "delivery", "order", "page", "was", "our", "app"];
        var sentence = from filler in Gen.Elements(neutral).ArrayOf()
                       from positiveWord in Gen.Elements(positive)
                       from negativeWord in Gen.Elements(negative)
                       from sign in Gen.Elements(true, false)
                       select (string.Join(' ', filler.Append(sign ? positiveWord : negativeWord)), sign);
        return Prop.ForAll(sentence.ToArbitrary(), s => Vader.Score(s.Item1).Compound is var c && (s.sign ? c > 0 : c < 0));
    }
}
