using FsCheck;
using FsCheck.Xunit;

namespace JourneyKit.Orleans.Tests;

public sealed class LiveTallyTests
{
    private static readonly string[] Touchpoints = ["home", "cart", "pay", "help"];
    private static readonly string[] Levels = ["awareness", "purchase", "(unknown)"];

    // A journey counted in tallies cut at random writes, each turned into counts (kept aside: a reset tally must not
    // change counts already handed on) and merged at the end, equals the journey counted event by event into one
    // LiveCounts (edge, start and end bumped per step) — the grain's former way.
    [Property(MaxTest = 300)]
    public bool TalliesCutAtWrites_MergeToThePerEventCounts(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var handed = new List<LiveCounts>();
        var reference = new LiveCounts();
        string? lastTouchpoint = null, lastLevel = null;
        int npsClass = -1;
        var tally = new LiveTally(0);
        for (int i = random.Next(0, 40); i > 0; i--)
        {
            string touchpoint = Touchpoints[random.Next(Touchpoints.Length)], level = Levels[random.Next(Levels.Length)];
            tally.Step(lastTouchpoint, touchpoint, lastLevel, level);
            PerEvent(reference.Edges, reference.Starts, reference.Ends, lastTouchpoint, touchpoint);
            PerEvent(reference.StageEdges, reference.StageStarts, reference.StageEnds, lastLevel, level);
            reference.Events++;
            (lastTouchpoint, lastLevel) = (touchpoint, level);
            if (random.Next(3) == 0)
            {
                // A score moves the customer between promoter, passive and detractor.
                int cls = random.Next(3);
                if (npsClass >= 0)
                {
                    tally.Nps[npsClass]--;
                    reference.Nps[npsClass]--;
                }

                tally.Nps[cls]++;
                reference.Nps[cls]++;
                npsClass = cls;
            }

            if (random.Next(4) == 0)
            {
                handed.Add(tally.ToCounts(lastTouchpoint, lastLevel));
                tally.Reset();
            }
        }

        handed.Add(tally.ToCounts(lastTouchpoint, lastLevel));
        var merged = new LiveCounts();
        handed.ForEach(merged.Add);
        return merged.Events == reference.Events && merged.Nps.SequenceEqual(reference.Nps)
            && Same(merged.Edges, reference.Edges) && Same(merged.Starts, reference.Starts) && Same(merged.Ends, reference.Ends)
            && Same(merged.StageEdges, reference.StageEdges) && Same(merged.StageStarts, reference.StageStarts) && Same(merged.StageEnds, reference.StageEnds);
    }

    [Fact]
    public void AnEmptyTally_IsEmptyAndCountsNothing()
    {
        var tally = new LiveTally(2);
        Assert.True(tally.IsEmpty);
        var counts = tally.ToCounts("home", "awareness");
        Assert.Equal((0L, 0, 0), (counts.Events, counts.Ends.Count, counts.Starts.Count));
        Assert.Equal(2, counts.FunnelEntered.Length);
    }

    private static void PerEvent(Dictionary<string, long> edges, Dictionary<string, long> starts, Dictionary<string, long> ends, string? last, string current)
    {
        if (last is null)
        {
            LiveCounts.Bump(starts, current, 1);
        }
        else
        {
            LiveCounts.Bump(edges, last + LiveCounts.Separator + current, 1);
            LiveCounts.Bump(ends, last, -1);
        }

        LiveCounts.Bump(ends, current, 1);
    }

    private static bool Same(Dictionary<string, long> a, Dictionary<string, long> b) =>
        a.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(b.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal));
}
