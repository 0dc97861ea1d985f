using FsCheck;
using FsCheck.Xunit;

namespace JourneyKit.Orleans.Tests;

public sealed class DueIndexTests
{
    private static readonly DateTimeOffset Day0 = DateTimeOffset.UnixEpoch;

    private static DateTimeOffset Day(int d) => Day0.AddDays(d);

    // A customer (its pending work as event times) and its shard's index, with batches and watermark walks interleaved
    // as a reentrant shard lets them: the customer takes one call at a time, but the shard records the answers in any
    // order, and a batch's answer may be recorded while a walk awaits the customer. Whatever the interleaving, once every
    // answer is recorded the entry must be no later than the customer's next work (a later one loses firings). The seed
    // is unsized: a sized int gives only a few hundred distinct seeds.
    [Property(MaxTest = 3000)]
    public bool Entry_IsNeverLaterThanTheCustomersNextWork(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var work = new List<int>();
        var index = new DueIndex(new Dictionary<string, long>(StringComparer.Ordinal));
        int? Next() => work.Count == 0 ? null : work.Min();
        DateTimeOffset? Answer() => Next() is { } d ? Day(d) : null;

        // Batches: applied (the customer adds work), then recorded. Walks one after another, watermarks increasing.
        var batches = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(0, 30)).ToList();
        var walks = new Queue<int>(Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(0, 30)).Order());
        var applied = new List<DateTimeOffset?>();
        (List<string> Due, int Watermark, DateTimeOffset? Answer, bool Advanced)? walk = null;
        while (batches.Count > 0 || applied.Count > 0 || walks.Count > 0 || walk is not null)
        {
            switch (random.Next(5))
            {
                case 0 when batches.Count > 0:
                    int t = batches[^1];
                    batches.RemoveAt(batches.Count - 1);
                    work.Add(t);
                    applied.Add(Answer());
                    break;
                case 1 when applied.Count > 0:
                    int i = random.Next(applied.Count);
                    if (applied[i] is { } due)
                    {
                        index.Lower("c", due);
                    }

                    applied.RemoveAt(i);
                    break;
                case 2 when walk is null && walks.Count > 0:
                    int w = walks.Dequeue();
                    walk = (index.BeginWalk(Day(w)), w, null, false);
                    break;
                case 3 when walk is { Advanced: false } open:
                    if (open.Due.Count > 0)
                    {
                        // The customer applies its work up to the watermark; what it applied may open episodes due later.
                        int applies = work.RemoveAll(x => x <= open.Watermark);
                        if (applies > 0 && random.Next(2) == 0)
                        {
                            work.Add(open.Watermark + random.Next(1, 5));
                        }
                    }

                    walk = open with { Answer = Answer(), Advanced = true };
                    break;
                case 4 when walk is { Advanced: true } done:
                    index.EndWalk(done.Due, done.Due.Count == 0 ? [] : [done.Answer]);
                    walk = null;
                    break;
            }
        }

        return Next() is not { } next || (index.Entries.TryGetValue("c", out long entry) && entry <= Day(next).UtcTicks);
    }

    [Fact]
    public void Walk_SetsAnUntouchedEntryToTheAnswer_AndRemovesItWhenNone()
    {
        var index = new DueIndex(new Dictionary<string, long>(StringComparer.Ordinal));
        index.Lower("a", Day(1));
        index.Lower("b", Day(2));
        index.Lower("c", Day(9));
        var due = index.BeginWalk(Day(2));
        Assert.Equal(["a", "b"], due.Order());
        index.EndWalk(due, [.. due.Select(c => c == "a" ? Day(5) : (DateTimeOffset?)null)]);
        Assert.Equal(new Dictionary<string, long> { ["a"] = Day(5).UtcTicks, ["c"] = Day(9).UtcTicks }, index.Entries);

        // A later record does not raise an entry outside a walk.
        Assert.False(index.Lower("a", Day(7)));
        Assert.Equal(Day(5).UtcTicks, index.Entries["a"]);
    }

    [Fact]
    public void Walk_KeepsTheEarlier_WhenTheCustomerWasRecordedMeanwhile()
    {
        // The customer was due on day 3; during the walk to day 3 it takes the watermark (next work: an episode on day 10)
        // and then a batch with an event on day 4, whose answer (day 4) is recorded before the walk ends. The walk's
        // answer is older than the record, which did not change the entry's value: the entry must not become day 10 — it
        // keeps day 3 (at worst one wake-up for nothing).
        var index = new DueIndex(new Dictionary<string, long>(StringComparer.Ordinal) { ["c"] = Day(3).UtcTicks });
        var due = index.BeginWalk(Day(3));
        index.Lower("c", Day(4));
        index.EndWalk(due, [Day(10)]);
        Assert.Equal(Day(3).UtcTicks, index.Entries["c"]);

        // The touch is forgotten after the walk: the next walk sets the answer.
        due = index.BeginWalk(Day(3));
        index.EndWalk(due, [Day(4)]);
        Assert.Equal(Day(4).UtcTicks, index.Entries["c"]);
    }

    [Fact]
    public void FailedWalk_LeavesTheEntries_AndASecondWalkIsRefusedWhileOneRuns()
    {
        var index = new DueIndex(new Dictionary<string, long>(StringComparer.Ordinal) { ["c"] = Day(1).UtcTicks });
        var due = index.BeginWalk(Day(2));
        Assert.Throws<InvalidOperationException>(() => index.BeginWalk(Day(2)));
        index.EndWalk(due, null);
        Assert.Equal(Day(1).UtcTicks, index.Entries["c"]);
        Assert.Single(index.BeginWalk(Day(2)));
    }
}
