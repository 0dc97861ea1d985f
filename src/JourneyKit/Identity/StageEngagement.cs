namespace JourneyKit.Identity;

/// <summary>Who of an account's buying group was engaged in one stage.</summary>
/// <param name="Stage">The stage id.</param>
/// <param name="Participants">The number of people with events in the stage.</param>
/// <param name="Roles">The roles engaged in the stage, in order of first engagement (people without a role are counted, not listed).</param>
/// <param name="DecisionMakerEngaged">Whether a decision maker had an event in the stage.</param>
/// <param name="FirstEventAt">The first event in the stage.</param>
/// <param name="TimeFromFirstToLastEngaged">From the first participant's first event in the stage to the last participant's first event in it.</param>
public sealed record StageEngagement(string Stage, int Participants, IReadOnlyList<string> Roles, bool DecisionMakerEngaged, DateTimeOffset FirstEventAt, TimeSpan TimeFromFirstToLastEngaged)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Stage}: {Participants} people ({string.Join(", ", Roles)})" + (DecisionMakerEngaged ? "" : ", no decision maker");
}
