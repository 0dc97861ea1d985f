using JourneyKit.Internal;

namespace JourneyKit.Paths;

/// <summary>How the journeys went through one stage of the designed path.</summary>
/// <param name="StageId">The stage.</param>
/// <param name="Entered">Journeys with at least one event in the stage.</param>
/// <param name="Completed">Journeys that reached a later stage after entering this one.</param>
/// <param name="Skipped">Journeys that never entered this stage but reached a later one.</param>
/// <param name="Backtracked">Journeys that moved from this stage to an earlier one at least once.</param>
/// <param name="Dropped">Journeys whose last event is in this stage (never counted for the final stage).</param>
public sealed record StageConformance(string StageId, long Entered, long Completed, long Skipped, long Backtracked, long Dropped)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{StageId}: entered {Show.Count(Entered)}, completed {Show.Count(Completed)}, skipped {Show.Count(Skipped)}, backtracked {Show.Count(Backtracked)}, dropped {Show.Count(Dropped)}";
}
