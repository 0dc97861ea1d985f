namespace JourneyKit.Events;

/// <summary>
/// One way of moving through a journey, for <see cref="SyntheticJourneyOptions.Behaviours"/>: a share of the customers
/// and their step weights (advance, stay, double back, skip, drop out), and a channel they prefer — so that a generated
/// log holds groups that behave differently, as real customers do (what persona discovery looks for).
/// </summary>
/// <param name="Name">The behaviour's name (a persona, say); not blank.</param>
/// <param name="Share">Its relative share of the customers. Range: &gt; 0.</param>
/// <param name="AdvanceWeight">The weight of advancing to the next stage. Range: ≥ 0.</param>
/// <param name="StayWeight">The weight of another touchpoint in the same stage. Range: ≥ 0.</param>
/// <param name="BacktrackWeight">The weight of doubling back to an earlier stage. Range: ≥ 0.</param>
/// <param name="SkipWeight">The weight of skipping stages ahead. Range: ≥ 0.</param>
/// <param name="DropOutWeight">The weight of dropping out. Range: ≥ 0 (the five weights not all 0).</param>
/// <param name="PreferredChannel">A channel id of the map its customers pick when the stage offers it (four times in five), or <see langword="null"/> for none.</param>
public sealed record SyntheticBehaviour(
    string Name,
    double Share,
    double AdvanceWeight,
    double StayWeight,
    double BacktrackWeight,
    double SkipWeight,
    double DropOutWeight,
    string? PreferredChannel = null);
