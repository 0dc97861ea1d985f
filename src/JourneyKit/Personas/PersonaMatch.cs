using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>A discovered persona held against the map's designed personas: the nearest one and how near, or a behaviour none of them covers.</summary>
/// <param name="Discovered">The discovered persona's index.</param>
/// <param name="DesignedPersonaId">The nearest designed persona, or <see langword="null"/> when the map has none with expected behaviour.</param>
/// <param name="Similarity">
/// In [0, 1]: the mean of the parts the designed persona states — the share of the discovered persona's events on the
/// designed persona's preferred channels, and 1 − the mean gap between the share of its customers reaching each stage
/// and the designed expectation (1 for an expected stage, 0 for the others). NaN without a designed persona to compare.
/// </param>
/// <param name="IsCovered">Whether <paramref name="Similarity"/> reaches the threshold: false flags behaviour no designed persona covers.</param>
/// <param name="Scores">The similarity to every designed persona with expected behaviour, by id.</param>
public sealed record PersonaMatch(int Discovered, string? DesignedPersonaId, double Similarity, bool IsCovered, IReadOnlyDictionary<string, double> Scores)
{
    /// <inheritdoc/>
    public override string ToString() =>
        DesignedPersonaId is null
            ? $"Persona {Discovered}: no designed persona states expected behaviour"
            : $"Persona {Discovered} → '{Guard.Clip(DesignedPersonaId)}' ({Show.Number(Similarity)}){(IsCovered ? "" : " — not covered by any designed persona")}";
}
