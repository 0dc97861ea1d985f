using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>
/// A phrase customers use at one touchpoint or stage much more than elsewhere: ranked by the z-score of its log-odds
/// ratio against all other comments with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008), with how many
/// comments use it, their mean sentiment and a few of them.
/// </summary>
/// <param name="Group">The touchpoint or stage.</param>
/// <param name="Phrase">The phrase: one to three words, lower-cased, not starting or ending with a stop word.</param>
/// <param name="Comments">The comments there that use it.</param>
/// <param name="Score">The z-score of its log-odds ratio, there against elsewhere (higher: more distinctive).</param>
/// <param name="MeanCompound">The mean compound score of those comments.</param>
/// <param name="Examples">A few of those comments, the most negative first (as written: escape them before showing them in HTML).</param>
public sealed record KeyPhrase(string Group, string Phrase, long Comments, double Score, double MeanCompound, IReadOnlyList<string> Examples)
{
    /// <summary>Formats the phrase.</summary>
    /// <returns>"'phrase' at group: n comments, z …, mean sentiment …".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"'{Phrase}' at {Group}: {Show.Count(Comments)} comments, z {Score:0.0}, mean sentiment {MeanCompound:+0.000;-0.000;0}");
}
