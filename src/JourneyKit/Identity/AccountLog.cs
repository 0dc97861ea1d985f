using JourneyKit.Events;

namespace JourneyKit.Identity;

/// <summary>Account-level journeys and what was left out of them.</summary>
public sealed class AccountLog
{
    internal AccountLog(EventLog log, AccountDirectory directory, IReadOnlyList<string> unassigned, long unassignedEvents)
    {
        Log = log;
        Directory = directory;
        UnassignedPeople = unassigned;
        UnassignedEvents = unassignedEvents;
    }

    /// <summary>Gets the account-level log: customer ids are account ids, and each event's <see cref="JourneyEvent.Actor"/> is the person who did it.</summary>
    public EventLog Log { get; }

    /// <summary>Gets the directory the accounts came from.</summary>
    public AccountDirectory Directory { get; }

    /// <summary>Gets the people of the person-level log who are in no account, in log order; their events are not in <see cref="Log"/>.</summary>
    public IReadOnlyList<string> UnassignedPeople { get; }

    /// <summary>Gets the number of events of <see cref="UnassignedPeople"/>.</summary>
    public long UnassignedEvents { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Account log: {Log.CustomerCount:N0} accounts, {Log.EventCount:N0} events; {UnassignedPeople.Count:N0} people ({UnassignedEvents:N0} events) in no account";
}
