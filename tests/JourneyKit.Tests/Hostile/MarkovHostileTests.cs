using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Hostile;

/// <summary>Built-in Markov states never merge with real ones.</summary>
public class MarkovHostileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static EventLog StageNamedConverted()
    {
        var b = new EventLogBuilder();
        b.Add(new JourneyEvent("c1", T0, "a") { Stage = "Converted" });
        b.Add(new JourneyEvent("c1", T0.AddHours(1), "b") { Stage = "After", Outcome = EventOutcome.Conversion });
        return b.Build();
    }

    [Fact]
    public void ConversionStateNamedLikeAStage_IsRefused()
    {
        var log = StageNamedConverted();
        var ex = Assert.Throws<ArgumentException>(() => MarkovChain.Fit(log, PathLevel.Stage, conversionState: "Converted"));
        Assert.Equal("conversionState", ex.ParamName);
        Assert.Contains("(converted)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ContinuousTimeMarkovChain.Fit(log, PathLevel.Stage, "Converted"));
        Assert.Throws<ArgumentException>(() => MarkovChain.Fit(log, PathLevel.Stage, new MarkovEstimationOptions { EndState = "After" }));

        // With a reserved name the stage after "Converted" is kept.
        var chain = MarkovChain.Fit(log, PathLevel.Stage, conversionState: "(converted)");
        Assert.Contains("After", chain.States);
        Assert.Contains("Converted", chain.States);
    }

    [Fact]
    public void HigherOrderStateWithTheSeparator_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => MarkovChain.Fit([["a > b", "c"], ["a", "b", "c"]], new MarkovEstimationOptions { Order = 2 }));
        Assert.Contains("' > '", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MarkovChain.Fit([["Start", "a"]], new MarkovEstimationOptions { StartState = "Start" }));
    }
}
