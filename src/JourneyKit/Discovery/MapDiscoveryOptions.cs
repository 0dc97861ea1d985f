using JourneyKit.Internal;
using JourneyKit.Personas;

namespace JourneyKit.Discovery;

/// <summary>How <see cref="MapDiscovery.Discover"/> drafts a journey map from events.</summary>
public sealed record MapDiscoveryOptions
{
    /// <summary>
    /// Gets the number of stages, or <see langword="null"/> (default) to choose it from the data: the fewest stages after
    /// which one more would explain less than <see cref="MinimumStageGain"/> more of the (weighted) spread of the
    /// touchpoints' descriptions, at most <see cref="MaxStages"/>; one stage when all touchpoints are described alike.
    /// Range: 1..<see cref="MaxStages"/>.
    /// </summary>
    public int? Stages { get; init; }

    /// <summary>Gets the most stages a chosen number may reach. Default 8. Range: 1..20.</summary>
    public int MaxStages { get; init; } = 8;

    /// <summary>Gets the least share of the spread one more stage must explain to be added when the number of stages is chosen. Default 0.01 (one percentage point). Range: (0, 0.5).</summary>
    public double MinimumStageGain { get; init; } = 0.01;

    /// <summary>
    /// Gets how many touchpoints (the most frequent) are clustered into stages. Default 1,000. Range: 1..10,000. The rest
    /// still become map touchpoints (so the map conforms to the log): each joins the stage whose typical position is
    /// nearest its own, and the result says so.
    /// </summary>
    public int MaxClusteredTouchpoints { get; init; } = 1000;

    /// <summary>Gets the fewest journeys, steps or ratings a pain point or a moment of truth rests on (an emotion needs one rating: it is never invented, and its count is kept). Default 20. Range: ≥ 1.</summary>
    public int MinimumEvidence { get; init; } = 20;

    /// <summary>Gets how many moments of truth are marked: the touchpoints with the largest positive conversion lift. Default 3. Range: 0..50.</summary>
    public int MomentsOfTruth { get; init; } = 3;

    /// <summary>
    /// Gets the feedback scale, or <see langword="null"/> (default) to infer it: ratings all within 1–5 are a 1–5 scale
    /// (CSAT), otherwise 0–10 (NPS); ratings outside 0–10 then need the scale stated.
    /// </summary>
    public (double Minimum, double Maximum)? FeedbackScale { get; init; }

    /// <summary>Gets options for discovering personas (<see cref="PersonaDiscovery.MarkovMixture"/>), which then become the map's personas; <see langword="null"/> (default) for none.</summary>
    public MarkovMixtureOptions? Personas { get; init; }

    /// <summary>Gets the map's id. Default <c>discovered</c>.</summary>
    public string MapId { get; init; } = "discovered";

    /// <summary>Gets the map's name. Default "Discovered journey".</summary>
    public string MapName { get; init; } = "Discovered journey";

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(nameof(MapDiscoveryOptions))
            .InRange(MaxStages, 1, 20, nameof(MaxStages))
            .InRange(Stages ?? 1, 1, Math.Max(1, MaxStages), nameof(Stages))
            .Require(MinimumStageGain > 0 && MinimumStageGain < 0.5, nameof(MinimumStageGain), $"must lie strictly between 0 and 0.5 (was {MinimumStageGain}).")
            .InRange(MaxClusteredTouchpoints, 1, 10_000, nameof(MaxClusteredTouchpoints))
            .AtLeast(MinimumEvidence, 1, nameof(MinimumEvidence))
            .InRange(MomentsOfTruth, 0, 50, nameof(MomentsOfTruth))
            .Require(FeedbackScale is not { } s || (double.IsFinite(s.Minimum) && double.IsFinite(s.Maximum) && s.Maximum > s.Minimum), nameof(FeedbackScale), "must be a finite, non-empty range.")
            .NotBlank(MapId, nameof(MapId))
            .NotBlank(MapName, nameof(MapName));
        if (Personas is not null)
        {
            check.Nested(Personas, nameof(Personas), Personas.Validate);
        }

        check.ThrowIfAny();
    }
}
