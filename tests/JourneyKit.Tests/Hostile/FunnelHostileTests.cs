using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Hostile;

/// <summary>Funnels on adversarial journeys: linear work, and the same answers as the event-by-event definition.</summary>
public class FunnelHostileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One customer with n entries into step 1 that never reach step 2, under a conversion window (so every entry is
    /// tried): the step predicates run O(n) times, not O(n²). 10× the events may cost at most ~10× the calls.
    /// </summary>
    [Fact]
    public void ManyEntriesThatNeverConvert_CostLinearWork()
    {
        long Calls(int n)
        {
            var b = new EventLogBuilder();
            for (int i = 0; i < n; i++)
            {
                b.Add("bot", T0.AddSeconds(i), "A");
            }

            var log = b.Build();
            long calls = 0;
            var funnel = new FunnelDefinition(
                FunnelStep.Where("A", (l, e) => { calls++; return l.TouchpointNames[l.TouchpointIds[e]] == "A"; }),
                FunnelStep.Where("B", (l, e) => { calls++; return l.TouchpointNames[l.TouchpointIds[e]] == "B"; }, TimeSpan.FromDays(365)))
            {
                ConversionWindow = TimeSpan.FromDays(365),
                Order = FunnelOrder.Strict,
            };
            var result = new PathAnalyzer().Funnel(log, funnel);
            Assert.Equal(1, result.Steps[0].Entered);
            return calls;
        }

        long small = Calls(2_000), large = Calls(20_000);
        Assert.True(large <= 11 * small, $"2,000 events: {small:N0} predicate calls; 20,000: {large:N0}");
    }

    /// <summary>The jump-table matcher equals the event-by-event walk on random journeys, windows, exclusions and orders.</summary>
    [Property(MaxTest = 300)]
    public Property Funnel_EqualsEventByEventDefinition()
    {
        var journey = Gen.ListOf(Gen.Zip(Gen.Elements("A", "B", "C", "X"), Gen.Choose(0, 30))).Select(l => l.ToArray());
        var settings = Gen.Zip(
            Gen.Zip(Gen.Elements(FunnelOrder.Relaxed, FunnelOrder.Strict), Gen.Elements(true, false)),
            Gen.Zip(Gen.Elements<int?>(null, 10, 40), Gen.Zip(Gen.Elements<int?>(null, 5, 20), Gen.Elements(true, false))));
        var gen = Gen.Zip(Gen.ArrayOf(journey), settings);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (journeys, ((order, open), (conversionWindow, (stepWindow, exclude)))) = input;
            var b = new EventLogBuilder();
            for (int j = 0; j < journeys.Length; j++)
            {
                long minute = 0;
                foreach (var (tp, gap) in journeys[j])
                {
                    minute += gap;
                    b.Add("c" + j, T0.AddMinutes(minute), tp);
                }
            }

            var log = b.Build();
            TimeSpan? window = stepWindow is { } w ? TimeSpan.FromMinutes(w) : null;
            var funnel = new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B", window), FunnelStep.Touchpoint("C", window))
            {
                AllowUnknownSteps = true, // a random log may lack a step
                Order = order,
                IsOpen = open,
                ConversionWindow = conversionWindow is { } cw ? TimeSpan.FromMinutes(cw) : null,
                Exclusions = exclude ? [FunnelStep.Touchpoint("X")] : [],
            };
            var actual = new PathAnalyzer().Funnel(log, funnel).Steps.Select(s => s.Entered).ToArray();
            var expected = Reference(log, funnel);
            return actual.SequenceEqual(expected).Label($"expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        });
    }

    // The definition, event by event: from every entry, advance to the first event of the next step unless an exclusion,
    // (strict) an event of neither the current nor the next step, or the next step's window comes first; keep the
    // deepest progress (ties: the earliest entry step).
    private static long[] Reference(EventLog log, FunnelDefinition funnel)
    {
        int k = funnel.Steps.Count;
        var entered = new long[k];
        string[] names = [.. funnel.Steps.Select(s => s.Name)];
        long[] windows = [.. funnel.Steps.Select(s => s.Window?.Ticks ?? long.MaxValue)];
        long global = funnel.ConversionWindow?.Ticks ?? long.MaxValue;
        foreach (var journey in log.Journeys)
        {
            var tps = journey.TouchpointNames().ToArray();
            var ticks = journey.UtcTicks.ToArray();
            bool Is(int e, int s) => tps[e] == names[s];
            bool Excluded(int e) => funnel.Exclusions.Any(x => x.Name == tps[e]);
            int bestStart = -1, bestEnd = -1;
            for (int e = 0; e < tps.Length; e++)
            {
                for (int s = 0; s < (funnel.IsOpen ? k : 1); s++)
                {
                    if (!Is(e, s))
                    {
                        continue;
                    }

                    int current = s, last = e;
                    for (int f = e + 1; f < tps.Length && current < k - 1; f++)
                    {
                        if (Excluded(f))
                        {
                            break;
                        }

                        if (Is(f, current + 1))
                        {
                            if (ticks[f] - ticks[last] > windows[current + 1] || ticks[f] - ticks[e] > global)
                            {
                                break;
                            }

                            current++;
                            last = f;
                        }
                        else if (funnel.Order == FunnelOrder.Strict && !Is(f, current))
                        {
                            break;
                        }
                    }

                    if (bestStart < 0 || current - s > bestEnd - bestStart || (current - s == bestEnd - bestStart && s < bestStart))
                    {
                        (bestStart, bestEnd) = (s, current);
                    }
                }
            }

            for (int s = bestStart; s >= 0 && s <= bestEnd; s++)
            {
                entered[s]++;
            }
        }

        return entered;
    }
}
