using FsCheck;
using FsCheck.Fluent;
using JourneyKit.Events;

namespace JourneyKit.Tests.Events;

/// <summary>Random raw events with many ties (few customers, coarse timestamps) to stress ordering rules.</summary>
public sealed record RawEvents(IReadOnlyList<JourneyEvent> Events, int Seed)
{
    // Printed in full once shrunk small, so a failure reads as the events that cause it.
    public override string ToString() =>
        $"{Events.Count} events (drawn from seed {Seed}){(Events.Count <= 12 ? ": " + string.Join("; ", Events) : "")}";
}

public static class EventArbitraries
{
    public static Arbitrary<RawEvents> Raw() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => new RawEvents(Create(seed), seed)), raw => Shrink.Sublists(raw.Events).Select(events => raw with { Events = events }));

    public static List<JourneyEvent> Create(int seed)
    {
        var random = new Random(seed);
        int count = random.Next(0, 300);
        int customers = random.Next(1, 12);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new List<JourneyEvent>(count);
        for (int i = 0; i < count; i++)
        {
            // Offsets other than UTC check that only the instant is kept.
            var offset = TimeSpan.FromHours(random.Next(-5, 6));
            var instant = start.AddMinutes(random.Next(0, 40));
            events.Add(new JourneyEvent($"cust-{random.Next(customers)}", instant.ToOffset(offset), $"tp-{i}")
            {
                Channel = random.Next(3) == 0 ? $"ch-{random.Next(3)}" : null,
                Stage = random.Next(3) == 0 ? $"st-{random.Next(3)}" : null,
                Outcome = (EventOutcome)random.Next(3),
                Value = random.Next(4) == 0 ? Math.Round(random.NextDouble() * 100, random.Next(5)) : null,
                SessionId = random.Next(4) == 0 ? $"s-{random.Next(5)}" : null,
                Feedback = random.Next(5) == 0 ? random.Next(0, 11) : null,
                Actor = random.Next(6) == 0 ? $"anonymous_id:a-{random.Next(4)}" : null,
            });
        }

        return events;
    }

    public static EventLog Build(IEnumerable<JourneyEvent> events) => new EventLogBuilder().AddRange(events).Build();
}
