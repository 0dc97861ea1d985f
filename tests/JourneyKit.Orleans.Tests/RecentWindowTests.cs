using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Events;

namespace JourneyKit.Orleans.Tests;

public sealed class RecentWindowTests
{
    // Batch after batch (times on a coarse grid, so ties are common), the window is what a stable sort of everything
    // so far by time, cut to the last `keep`, gives — the events told apart by a serial number in their touchpoint. Up
    // to nine batches of up to eight, so the buffers grow several times before they reach the window's size.
    [Property(MaxTest = 300)]
    public bool Merge_IsTheLatestOfAStableSortOfEverything(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        int keep = random.Next(0, 12);
        var start = DateTimeOffset.UnixEpoch;
        var everything = new List<JourneyEvent>();
        var window = new RecentWindow(keep);
        int serial = 0;
        for (int round = random.Next(1, 10); round > 0; round--)
        {
            JourneyEvent[] batch = [.. Enumerable.Range(0, random.Next(0, 9)).Select(_ => new JourneyEvent("c", start.AddMinutes(10 * random.Next(0, 8)), "e" + serial++))];
            everything.AddRange(batch);
            window.Add(batch);
            var expected = everything.OrderBy(e => e.Timestamp).TakeLast(keep).Select(e => e.Touchpoint).ToList();
            if (!window.Events.ToArray().Select(e => e.Touchpoint).SequenceEqual(expected))
            {
                return false;
            }

            // Stored and loaded again (as a grain's next activation does), the window is the same.
            var loaded = new RecentWindow(keep);
            loaded.Load(window.Events.ToArray());
            if (!loaded.Events.ToArray().Select(e => e.Touchpoint).SequenceEqual(expected))
            {
                return false;
            }
        }

        return true;
    }
}
