using System.Globalization;
using System.Text;

namespace JourneyKit.Identity;

/// <summary>How buying groups engaged: per account and stage, and per stage across accounts.</summary>
/// <param name="Accounts">Per account with events, in the account log's order.</param>
/// <param name="Stages">Per stage reached by any account, in stage order.</param>
public sealed record BuyingGroupReport(IReadOnlyList<AccountEngagement> Accounts, IReadOnlyList<StageEngagementSummary> Stages)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Buying groups of {Accounts.Count:N0} accounts");
        foreach (var s in Stages)
        {
            text.Append("\n  ").Append(s);
        }

        return text.ToString();
    }
}
