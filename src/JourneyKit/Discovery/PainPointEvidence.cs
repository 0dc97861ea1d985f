namespace JourneyKit.Discovery;

/// <summary>The numbers behind a discovered pain point, so a CX team can check it.</summary>
/// <param name="PainPointId">The map's pain point id.</param>
/// <param name="Touchpoint">The touchpoint it is anchored on.</param>
/// <param name="Kind">What was found: <c>exit</c>, <c>backtrack</c>, <c>dwell</c> or <c>feedback</c>.</param>
/// <param name="Observed">The touchpoint's figure (a share, hours, or a mean rating on the −2..+2 emotion scale).</param>
/// <param name="Typical">What it is compared with (the stage's typical figure, or 0 for feedback).</param>
/// <param name="Count">How many journeys, transitions or ratings it rests on.</param>
/// <param name="Severity">The severity, from the size of the effect.</param>
public sealed record PainPointEvidence(string PainPointId, string Touchpoint, string Kind, double Observed, double Typical, long Count, Severity Severity)
{
    /// <inheritdoc/>
    public override string ToString() => $"{PainPointId} ({Severity}): {Kind} at {Touchpoint}, {Observed:0.###} against {Typical:0.###}, over {Count:N0}";
}
