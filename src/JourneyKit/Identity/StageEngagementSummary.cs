namespace JourneyKit.Identity;

/// <summary>Buying-group engagement in one stage across accounts.</summary>
/// <param name="Stage">The stage id.</param>
/// <param name="AccountsReached">The accounts with events in the stage.</param>
/// <param name="AccountsReachedWithoutDecisionMaker">Of those, the accounts where no decision maker had an event in the stage.</param>
/// <param name="MeanParticipants">The mean number of people engaged in the stage, over the accounts that reached it (NaN when none did).</param>
/// <param name="AccountsByRole">Per role, the accounts where that role was engaged in the stage.</param>
public sealed record StageEngagementSummary(string Stage, int AccountsReached, int AccountsReachedWithoutDecisionMaker, double MeanParticipants, IReadOnlyDictionary<string, int> AccountsByRole)
{
    /// <summary>Gets the share of accounts reaching the stage without a decision maker in it (NaN when none reached it).</summary>
    public double ShareWithoutDecisionMaker => AccountsReached == 0 ? double.NaN : (double)AccountsReachedWithoutDecisionMaker / AccountsReached;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Stage}: {AccountsReached:N0} accounts, {MeanParticipants:F1} {(MeanParticipants == 1 ? "person" : "people")} each, {ShareWithoutDecisionMaker:P0} without decision maker");
}
