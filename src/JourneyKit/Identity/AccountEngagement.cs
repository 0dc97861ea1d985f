namespace JourneyKit.Identity;

/// <summary>How one account's buying group engaged along its journey.</summary>
/// <param name="AccountId">The account id.</param>
/// <param name="Members">The people in the account's buying group (directory).</param>
/// <param name="EngagedParticipants">The people with at least one event.</param>
/// <param name="EngagedRoles">The roles engaged, in order of first engagement.</param>
/// <param name="DecisionMakerEngaged">Whether a decision maker had any event.</param>
/// <param name="FirstEngagedAt">The first event of the account.</param>
/// <param name="LastEngagedAt">The first event of the participant who engaged last.</param>
/// <param name="Stages">Engagement per stage reached, in stage order (map order with a map).</param>
/// <param name="StagesWithoutDecisionMaker">The stages reached with no event of a decision maker in them, in stage order.</param>
public sealed record AccountEngagement(
    string AccountId,
    int Members,
    int EngagedParticipants,
    IReadOnlyList<string> EngagedRoles,
    bool DecisionMakerEngaged,
    DateTimeOffset FirstEngagedAt,
    DateTimeOffset LastEngagedAt,
    IReadOnlyList<StageEngagement> Stages,
    IReadOnlyList<string> StagesWithoutDecisionMaker)
{
    /// <summary>Gets the time from the first participant's first event to the last participant's first event.</summary>
    public TimeSpan TimeFromFirstToLastEngaged => LastEngagedAt - FirstEngagedAt;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{AccountId}: {EngagedParticipants} of {Members} engaged over {TimeFromFirstToLastEngaged.TotalDays:F1} days" +
        (StagesWithoutDecisionMaker.Count == 0 ? "" : $"; without decision maker in {string.Join(", ", StagesWithoutDecisionMaker)}");
}
