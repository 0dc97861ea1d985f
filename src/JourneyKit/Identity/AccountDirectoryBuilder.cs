using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>
/// Collects person → account memberships (from the CRM), each with an optional role, and builds an
/// <see cref="AccountDirectory"/>. Bad rows are refused and reported, never thrown or dropped: memberships read =
/// used + refused. Not thread-safe.
/// </summary>
public sealed class AccountDirectoryBuilder
{
    private readonly List<AccountMember> _members = [];
    private readonly Dictionary<string, List<int>> _byPerson = new(StringComparer.Ordinal);
    private readonly HashSet<(string Person, string Account)> _memberships = []; // a person in thousands of accounts: one lookup, not a scan
    private readonly List<RefusedMembership> _refused = [];
    private long _rows;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">How memberships are read; <see langword="null"/> for the defaults (one account per person).</param>
    /// <exception cref="ArgumentException">The decision-maker role is blank.</exception>
    public AccountDirectoryBuilder(AccountOptions? options = null)
    {
        Options = options ?? new AccountOptions();
        Options.Validate();
    }

    /// <summary>Gets how memberships are read.</summary>
    public AccountOptions Options { get; }

    /// <summary>Adds a person to an account's buying group.</summary>
    /// <param name="accountId">The account (company) id; trimmed.</param>
    /// <param name="personId">The person id, as the person-level log keys them; trimmed.</param>
    /// <param name="role">The person's role (see <see cref="BuyingRoles"/>), or <see langword="null"/>; blank means none. Kept normalised: lower case, with <c>_</c>, <c>-</c> and runs of white space as one space (<c>Decision_Maker</c> is <c>decision maker</c>).</param>
    /// <returns>This builder.</returns>
    public AccountDirectoryBuilder AddMember(string accountId, string personId, string? role = null)
    {
        long row = _rows++;
        string? account = accountId?.Trim(), person = personId?.Trim();
        string? trimmedRole = string.IsNullOrWhiteSpace(role) ? null : AccountDirectory.NormalizeRole(role);
        if (string.IsNullOrEmpty(account) || string.IsNullOrEmpty(person))
        {
            Refuse(row, accountId, personId, role, MembershipRefusal.BlankId, string.IsNullOrEmpty(account) ? "The account id is blank." : "The person id is blank.");
            return this;
        }

        if (!Guard.IsValidUnicode(account) || !Guard.IsValidUnicode(person) || (trimmedRole is not null && !Guard.IsValidUnicode(trimmedRole)))
        {
            Refuse(row, accountId, personId, role, MembershipRefusal.InvalidText, $"Account '{Guard.Clip(account)}', person '{Guard.Clip(person)}' or the role is not valid Unicode (a lone surrogate).");
            return this;
        }

        if (_byPerson.TryGetValue(person, out var existing))
        {
            if (_memberships.Contains((person, account)))
            {
                Refuse(row, accountId, personId, role, MembershipRefusal.Duplicate, $"Person '{Guard.Clip(person)}' is already in account '{Guard.Clip(account)}'; the first membership is kept.");
                return this;
            }

            if (!Options.AllowSeveralAccounts)
            {
                Refuse(row, accountId, personId, role, MembershipRefusal.SeveralAccounts,
                    $"Person '{Guard.Clip(person)}' is already in account '{Guard.Clip(_members[existing[0]].AccountId)}' and AccountOptions.AllowSeveralAccounts is off; not added to '{Guard.Clip(account)}'.");
                return this;
            }
        }
        else
        {
            _byPerson[person] = existing = [];
        }

        existing.Add(_members.Count);
        _memberships.Add((person, account));
        _members.Add(new AccountMember(account, person, trimmedRole));
        return this;
    }

    /// <summary>Builds the directory; the builder can go on and build again.</summary>
    /// <returns>An immutable directory.</returns>
    public AccountDirectory Build() => new(Options, [.. _members], [.. _refused], _rows);

    private void Refuse(long row, string? account, string? person, string? role, MembershipRefusal reason, string message) =>
        _refused.Add(new RefusedMembership(row, account, person, role, reason, message));
}
