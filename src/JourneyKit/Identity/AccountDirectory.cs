using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>
/// Which people make up each account's buying group, with their roles: turns a person-level log into account-level
/// journeys, where every path analysis, funnel, Markov chain and attribution runs unchanged. Immutable.
/// </summary>
public sealed class AccountDirectory
{
    private readonly Dictionary<string, AccountMember[]> _byAccount;
    private readonly Dictionary<string, AccountMember[]> _byPerson;

    internal AccountDirectory(AccountOptions options, AccountMember[] members, RefusedMembership[] refused, long rows)
    {
        Options = options;
        Members = members;
        Refused = refused;
        MembershipsRead = rows;
        _byAccount = members.GroupBy(m => m.AccountId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byPerson = members.GroupBy(m => m.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Accounts = [.. members.Select(m => m.AccountId).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Gets how memberships were read.</summary>
    public AccountOptions Options { get; }

    /// <summary>Gets the account ids in order of their first membership.</summary>
    public IReadOnlyList<string> Accounts { get; }

    /// <summary>Gets every membership used, in the order added.</summary>
    public IReadOnlyList<AccountMember> Members { get; }

    /// <summary>Gets every membership refused, with its row and reason.</summary>
    public IReadOnlyList<RefusedMembership> Refused { get; }

    /// <summary>Gets the number of memberships added: <see cref="Members"/> plus <see cref="Refused"/>.</summary>
    public long MembershipsRead { get; }

    /// <summary>Gets an account's buying group.</summary>
    /// <param name="accountId">The account id.</param>
    /// <returns>Its members in the order added; empty for an unknown account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountId"/> is null.</exception>
    public IReadOnlyList<AccountMember> MembersOf(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return _byAccount.TryGetValue(accountId, out var members) ? members : [];
    }

    /// <summary>Gets the memberships of a person (one unless <see cref="AccountOptions.AllowSeveralAccounts"/>).</summary>
    /// <param name="personId">The person id.</param>
    /// <returns>The memberships; empty when the person is in no account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="personId"/> is null.</exception>
    public IReadOnlyList<AccountMember> AccountsOf(string personId)
    {
        ArgumentNullException.ThrowIfNull(personId);
        return _byPerson.TryGetValue(personId, out var members) ? members : [];
    }

    /// <summary>Gets whether a role is the decision maker's (<see cref="AccountOptions.DecisionMakerRole"/>, both normalised: case, <c>_</c>, <c>-</c> and white space do not matter).</summary>
    /// <param name="role">The role, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for the decision maker's role.</returns>
    public bool IsDecisionMaker(string? role) => role is not null && string.Equals(NormalizeRole(role), NormalizeRole(Options.DecisionMakerRole), StringComparison.Ordinal);

    /// <summary>A role label as roles are compared: lower case (invariant), <c>_</c>, <c>-</c> and runs of white space as one space, trimmed.</summary>
    internal static string NormalizeRole(string role)
    {
        var text = new System.Text.StringBuilder(role.Length);
        bool space = false;
        foreach (char c in role.Trim())
        {
            if (c is '_' or '-' || char.IsWhiteSpace(c))
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>
    /// Makes account-level journeys: the events of all of an account's participants as one journey (in time order; equal
    /// timestamps in the log's customer order), each event keeping the person who did it as its
    /// <see cref="JourneyEvent.Actor"/>. People in no account are left out and listed; a person in several accounts counts
    /// in each, so an account's event count is the sum of its members' events.
    /// </summary>
    /// <param name="personLog">A log keyed by person (after stitching: by canonical profile id).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The account-level log, with the people left out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="personLog"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AccountLog ToAccountLog(EventLog personLog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personLog);
        var positions = new List<int>(personLog.CustomerCount);
        var newOf = new List<int>(personLog.CustomerCount);
        var actors = new List<string>(personLog.CustomerCount);
        var accountIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var accountIds = new List<string>();
        var unassigned = new List<string>();
        long unassignedEvents = 0;
        for (int c = 0; c < personLog.CustomerCount; c++)
        {
            string person = personLog.CustomerIds[c];
            if (!_byPerson.TryGetValue(person, out var memberships))
            {
                unassigned.Add(person);
                unassignedEvents += personLog[c].Count;
                continue;
            }

            foreach (AccountMember m in memberships)
            {
                if (!accountIndex.TryGetValue(m.AccountId, out int a))
                {
                    accountIndex[m.AccountId] = a = accountIds.Count;
                    accountIds.Add(m.AccountId);
                }

                positions.Add(c);
                newOf.Add(a);
                actors.Add(person);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        EventLog log = Rekeyer.Rekey(personLog, [.. positions], [.. newOf], [.. accountIds], [.. actors], keepActors: false, cancellationToken);
        return new AccountLog(log, this, unassigned, unassignedEvents);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Account directory: {Show.Count(Members.Count)} memberships in {Show.Count(Accounts.Count)} accounts; {Show.Count(Refused.Count)} refused";
}
