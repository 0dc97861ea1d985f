using JourneyKit.Events;

namespace JourneyKit.Benchmarks;

/// <summary>
/// The benchmarks' staged log: 50 touchpoints in five stages of ten, each journey up to 30 events walked mostly forward
/// (stays, skips, backtracks and a 4 % exit per step), converting in the last stage; built from columns of dense ids.
/// </summary>
public static class StagedJourneys
{
    /// <summary>The log of <paramref name="customers"/> journeys; with <paramref name="values"/>, conversions carry 20–99.</summary>
    public static EventLog Log(int customers, int seed, bool values = false)
    {
        var random = new Random(seed);
        var builder = new EventLogBuilder();
        for (int t = 0; t < 50; t++)
        {
            builder.InternTouchpoint($"s{t / 10}-t{t % 10}");
        }

        var ids = new List<int>();
        var ticks = new List<long>();
        var touchpoints = new List<int>();
        var outcomes = new List<EventOutcome>();
        var amounts = new List<double>();
        long start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (int c = 0; c < customers; c++)
        {
            int id = builder.InternCustomer("c" + c);
            long at = start + (random.Next(0, 100_000) * TimeSpan.TicksPerMinute);
            int stage = 0;
            for (int step = 0; step < 30; step++)
            {
                at += (5 + random.Next(0, 120)) * TimeSpan.TicksPerMinute;
                bool converts = stage == 4 && random.NextDouble() < 0.3;
                ids.Add(id);
                ticks.Add(at);
                touchpoints.Add((stage * 10) + random.Next(10));
                outcomes.Add(converts ? EventOutcome.Conversion : EventOutcome.None);
                if (values)
                {
                    amounts.Add(converts ? 20 + random.Next(80) : double.NaN);
                }

                if (converts || random.NextDouble() < 0.04)
                {
                    break;
                }

                double u = random.NextDouble();
                stage = u < 0.45 ? stage : u < 0.88 ? Math.Min(stage + 1, 4) : u < 0.93 ? Math.Min(stage + 2, 4) : Math.Max(stage - 1, 0);
            }
        }

        builder.AddColumns(ids.ToArray(), ticks.ToArray(), touchpoints.ToArray(), outcomes.ToArray(), values ? amounts.ToArray() : default);
        return builder.Build();
    }
}
