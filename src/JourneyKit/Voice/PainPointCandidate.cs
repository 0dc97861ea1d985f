using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>
/// A pain point the customers' own words suggest: a strongly negative key phrase of one touchpoint, with its evidence,
/// ready to add to a map (<see cref="ToPainPoint"/>).
/// </summary>
/// <param name="Touchpoint">The touchpoint.</param>
/// <param name="Stage">Its stage, when known.</param>
/// <param name="Phrase">The phrase.</param>
/// <param name="Comments">The comments that use it there.</param>
/// <param name="MeanCompound">Their mean compound score (at most <see cref="VoiceOptions.PainPointThreshold"/>).</param>
/// <param name="Severity">From the mean compound: ≤ −0.6 high, ≤ −0.45 medium, otherwise low.</param>
/// <param name="Evidence">The numbers and quotes behind it, as a map's evidence lines.</param>
public sealed record PainPointCandidate(string Touchpoint, string? Stage, string Phrase, long Comments, double MeanCompound, Severity Severity, IReadOnlyList<string> Evidence)
{
    /// <summary>Gets a description for a map: what customers write where.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"Customers write '{Phrase}' at '{Touchpoint}' ({Show.Count(Comments)} comments, mean sentiment {MeanCompound:+0.00;-0.00})");

    /// <summary>The candidate as a map's pain point (category <c>voice</c>), on its touchpoint, with its evidence.</summary>
    /// <param name="id">The pain point's id in the map.</param>
    /// <returns>The pain point.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid id.</exception>
    public PainPoint ToPainPoint(string id) => new(id, Description, null, Touchpoint, Severity, "voice", Evidence);

    /// <summary>Formats the candidate.</summary>
    /// <returns>The description and severity.</returns>
    public override string ToString() => $"{Description} — {Severity}";
}
