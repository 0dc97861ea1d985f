namespace JourneyKit.Identity;

/// <summary>A person in an account's buying group.</summary>
/// <param name="AccountId">The account (company) id.</param>
/// <param name="PersonId">The person's id, as the person-level log keys them (a canonical profile id after stitching).</param>
/// <param name="Role">The person's role (see <see cref="BuyingRoles"/>; free labels allowed), or <see langword="null"/>.</param>
public sealed record AccountMember(string AccountId, string PersonId, string? Role)
{
    /// <inheritdoc/>
    public override string ToString() => $"{PersonId} in {AccountId}" + (Role is null ? "" : $" ({Role})");
}
