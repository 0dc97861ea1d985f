using JourneyKit.Events;

namespace JourneyKit.Tests.Discovery;

/// <summary>
/// Journeys with a planted truth: four stages of three interchangeable touchpoints, walked mostly forward with
/// backtracks, skips and exits; a planted drop-off at s1-t2, planted low feedback at s2-t0, no feedback ever at s3-t2,
/// conversions in the last stage; each touchpoint on one main channel (web, app, email by index) 85 % of the time.
/// </summary>
public static class PlantedJourneys
{
    public const int Stages = 4;
    public const int PerStage = 3;
    public static readonly string[] Channels = ["web", "app", "email"];
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Touchpoint(int stage, int index) => $"s{stage}-t{index}";

    public static IEnumerable<string> AllTouchpoints() =>
        Enumerable.Range(0, Stages).SelectMany(s => Enumerable.Range(0, PerStage).Select(i => Touchpoint(s, i)));

    public static List<JourneyEvent> Events(int customers, int seed)
    {
        var random = new Random(seed);
        var events = new List<JourneyEvent>();
        for (int c = 0; c < customers; c++)
        {
            string id = $"c{c}";
            var at = Start.AddMinutes(random.Next(0, 10_000));
            int stage = 0;
            for (int step = 0; step < 40; step++)
            {
                int index = random.Next(PerStage);
                string tp = Touchpoint(stage, index);
                string channel = random.NextDouble() < 0.85 ? Channels[index] : Channels[random.Next(Channels.Length)];
                double? feedback = tp == "s2-t0" ? (random.NextDouble() < 0.5 ? random.Next(0, 4) : null)
                    : tp == "s3-t2" ? null
                    : random.NextDouble() < 0.1 ? random.Next(7, 11) : null;
                bool converts = stage == Stages - 1 && random.NextDouble() < 0.5;
                at = at.AddMinutes(5 + random.Next(0, 60));
                events.Add(new JourneyEvent(id, at, tp) { Channel = channel, Feedback = feedback, Outcome = converts ? EventOutcome.Conversion : EventOutcome.None });
                if (converts)
                {
                    break;
                }

                double exit = tp == "s1-t2" ? 0.5 : 0.06;
                double u = random.NextDouble();
                if (u < exit)
                {
                    break;
                }

                u = random.NextDouble();
                stage = u < 0.35 ? stage                                   // stay
                    : u < 0.87 ? Math.Min(stage + 1, Stages - 1)          // forward
                    : u < 0.92 ? Math.Min(stage + 2, Stages - 1)          // skip
                    : Math.Max(stage - 1, 0);                             // back
            }
        }

        return events;
    }

    public static EventLog Log(int customers = 3000, int seed = 11) => new EventLogBuilder().AddRange(Events(customers, seed)).Build();
}
