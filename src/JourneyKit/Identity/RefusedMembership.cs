namespace JourneyKit.Identity;

/// <summary>A membership that was not used, with the row it came from and why.</summary>
/// <param name="Row">The 0-based number of the <see cref="AccountDirectoryBuilder.AddMember"/> call.</param>
/// <param name="AccountId">The account id as given.</param>
/// <param name="PersonId">The person id as given.</param>
/// <param name="Role">The role as given.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="Message">The reason in words, naming the ids at fault.</param>
public sealed record RefusedMembership(long Row, string? AccountId, string? PersonId, string? Role, MembershipRefusal Reason, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"Row {Row}: {Message}";
}
