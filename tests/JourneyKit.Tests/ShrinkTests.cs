using FsCheck;
using FsCheck.Fluent;
using JourneyKit.Events;
using JourneyKit.Tests.Events;

namespace JourneyKit.Tests;

/// <summary>Generated histories shrink: a failing property reports the few items that make it fail.</summary>
public class ShrinkTests
{
    [Fact]
    public void Sublists_AreHalvesThenEveryOneItemRemoval_AllShorter()
    {
        var candidates = Shrink.Sublists([1, 2, 3, 4]).ToList();
        Assert.Equal([[1, 2], [3, 4], [2, 3, 4], [1, 3, 4], [1, 2, 4], [1, 2, 3]], candidates.Select(c => c.ToArray()));
        Assert.Empty(Shrink.Sublists(Array.Empty<int>()));
        Assert.Equal([Array.Empty<int>()], Shrink.Sublists([7]).Select(c => c.ToArray()));
    }

    [Fact]
    public void AFailingPropertyOverEvents_ShrinksToTheEventsThatBreakIt()
    {
        // A false law ("fewer than two conversions"): the minimal counterexample is two converting events and nothing else.
        var error = Assert.ThrowsAny<Exception>(() =>
            Prop.ForAll(EventArbitraries.Raw(), raw => raw.Events.Count(e => e.Outcome == EventOutcome.Conversion) < 2).QuickCheckThrowOnFailure());
        // The counterexample FsCheck reports: its "Shrunk:" section, or "Original:" when the first failing case could
        // not be shrunk at all (0 shrinks: FsCheck then prints no "Shrunk:" section; an earlier form of this test read
        // the missing section and failed on such a seed).
        int section = error.Message.IndexOf("Shrunk:", StringComparison.Ordinal);
        string shrunk = error.Message[(section >= 0 ? section : error.Message.IndexOf("Original:", StringComparison.Ordinal))..];
        Assert.Contains("2 events (drawn from seed", shrunk, StringComparison.Ordinal);
        Assert.Equal(2, shrunk.Split("Outcome = Conversion").Length - 1);
    }
}
