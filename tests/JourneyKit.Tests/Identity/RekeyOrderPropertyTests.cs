using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Tests.Identity;

/// <summary>
/// Re-keying writes each new customer's events as a stable sort by time of its old customers' events, gathered in the
/// old log's order — checked here against that definition written with LINQ, event by event and field by field, for
/// profiles of a few cookies (merged runs) and of hundreds (the radix sort), with many equal times and with times far
/// apart (several radix digits).
/// </summary>
public class RekeyOrderPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly long[] Spans = [TimeSpan.TicksPerMinute * 3, TimeSpan.TicksPerHour * 500, TimeSpan.TicksPerDay * 3650, 7];

    [Property(MaxTest = 60)]
    public bool ProfileJourneys_AreAStableTimeSortOfTheirCookiesEvents(DoNotSize<int> unsized, bool manyCookies)
    {
        var random = new Random(unsized.Item);
        int cookies = manyCookies ? random.Next(150, 400) : random.Next(1, 20);
        int users = random.Next(1, 4);
        var links = new IdentityGraphBuilder();
        for (int c = 0; c < cookies; c++)
        {
            // Some cookies stay unlinked: customers of their own beside the profiles.
            if (random.Next(5) > 0)
            {
                links.Link("anonymous_id", $"a{c}", "user_id", $"u{random.Next(users)}", T0);
            }
        }

        var graph = links.Build();
        EventLog log = RandomLog(random, cookies, manyCookies ? 3_000 : 120, keepActors: random.Next(2) == 0);
        EventLog rekeyed = graph.Rekey(log, "anonymous_id");

        var expected = log.CustomerIds
            .Select((id, c) => (Profile: graph.ProfileOf("anonymous_id", id), Customer: c))
            .GroupBy(x => x.Profile)
            .ToDictionary(g => g.Key, g => g.SelectMany(x => EventsOf(log, x.Customer, "anonymous_id:" + log.CustomerIds[x.Customer])).OrderBy(e => e.Timestamp).ToList());
        bool order = rekeyed.CustomerIds.SequenceEqual(log.CustomerIds.Select(id => graph.ProfileOf("anonymous_id", id)).Distinct());
        return order && rekeyed.CustomerIds.All(p => EventsOf(rekeyed, rekeyed.FindCustomer(p), null).SequenceEqual(expected[p]));
    }

    [Property(MaxTest = 60)]
    public bool AccountJourneys_AreAStableTimeSortOfTheirMembersEvents(DoNotSize<int> unsized, bool severalAccounts)
    {
        var random = new Random(unsized.Item);
        int people = random.Next(1, 200);
        EventLog log = RandomLog(random, people, random.Next(0, 2_000), keepActors: false);
        var memberships = new AccountDirectoryBuilder(new AccountOptions { AllowSeveralAccounts = severalAccounts });
        for (int p = 0; p < people; p++)
        {
            memberships.AddMember($"acct{random.Next(3)}", $"a{p}");
            if (severalAccounts && random.Next(3) == 0)
            {
                memberships.AddMember($"acct{random.Next(3)}", $"a{p}");
            }
        }

        var directory = memberships.Build();
        EventLog accounts = directory.ToAccountLog(log).Log;
        return accounts.CustomerIds.All(a =>
        {
            var members = directory.MembersOf(a).Select(m => m.PersonId).ToHashSet();
            var expected = log.CustomerIds
                .Select((id, c) => (Id: id, Customer: c))
                .Where(x => members.Contains(x.Id))
                .SelectMany(x => EventsOf(log, x.Customer, x.Id))
                .OrderBy(e => e.Timestamp);
            return EventsOf(accounts, accounts.FindCustomer(a), null).SequenceEqual(expected);
        });
    }

    // Events of cookies a0..a{n-1} with every column filled, many at equal times; some name an actor already.
    private static EventLog RandomLog(Random random, int customers, int events, bool keepActors)
    {
        long span = Spans[random.Next(Spans.Length)];
        var builder = new EventLogBuilder();
        for (int i = 0; i < events; i++)
        {
            builder.Add(new JourneyEvent($"a{random.Next(customers)}", T0.AddTicks(random.NextInt64(span)), "tp" + random.Next(5))
            {
                Channel = "ch" + random.Next(3),
                Stage = "st" + random.Next(3),
                Outcome = (EventOutcome)random.Next(3),
                Value = random.Next(4) == 0 ? null : random.Next(100),
                Feedback = random.Next(2) == 0 ? null : random.Next(11),
                Actor = keepActors && random.Next(4) == 0 ? "agent" + random.Next(3) : null,
            });
        }

        return builder.Build();
    }

    // A customer's events without the customer id; the actor is the raw id's name unless the event names its own.
    private static IEnumerable<JourneyEvent> EventsOf(EventLog log, int customer, string? actor) =>
        Enumerable.Range(log[customer].Start, log[customer].Count)
            .Select(log.GetEvent)
            .Select(e => e with { CustomerId = "", Actor = e.Actor ?? actor });
}
