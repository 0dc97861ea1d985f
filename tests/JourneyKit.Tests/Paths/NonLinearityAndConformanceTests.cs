using JourneyKit.Paths;

namespace JourneyKit.Tests.Paths;

public class NonLinearityAndConformanceTests
{
    [Fact]
    public void NonLinearity_HandWorkedShopJourneys()
    {
        var summary = new PathAnalyzer().NonLinearity(PathTestLogs.Shop());
        // Stage moves: j1 0→1→2→4 (3), j2 0→1→0→1→2 (4), j3 0→1→2 (2) = 9; one backtrack (1→0) and one skip (2→4).
        Assert.Equal(3, summary.Journeys);
        Assert.Equal(9, summary.StageMoves);
        Assert.Equal(1, summary.Backtracks);
        Assert.Equal(1, summary.Skips);
        Assert.Equal(1 - (2.0 / 9), summary.LinearityIndex, precision: 10);
        Assert.Equal(2, summary.Loops);            // j2 revisits ad and compare
        Assert.Equal(2, summary.ChannelSwitches);  // j1: checkout (web) → review (email); j3: checkout → confirmation (email)
        Assert.Equal(1, summary.JourneysWithBacktrack);
        Assert.Equal(1, summary.JourneysWithSkip);
        Assert.Equal(new StageRoute("consideration", "awareness", 1), Assert.Single(summary.BacktrackRoutes));
        Assert.Equal(new StageRoute("purchase", "advocacy", 1), Assert.Single(summary.SkipRoutes));
    }

    [Fact]
    public void NonLinearity_LogWithoutMap_Throws() =>
        Assert.Contains("map", Assert.Throws<InvalidOperationException>(() => new PathAnalyzer().NonLinearity(PathTestLogs.Letters())).Message, StringComparison.Ordinal);

    [Fact]
    public void Conformance_HandWorkedFitnessAndStageTable()
    {
        var result = new PathAnalyzer().Conformance(PathTestLogs.Shop());
        // Fitness: j1 (start ok, 0→1 ok, 1→2 ok, 2→4 skip) = 3/4; j2 (start, ok, back, ok, ok) = 4/5; j3 = 3/3.
        Assert.Equal(3, result.Journeys);
        Assert.Equal(1, result.ConformingJourneys);
        Assert.Equal(1.0 / 3, result.ConformingShare, precision: 10);
        Assert.Equal((0.75 + 0.8 + 1) / 3, result.MeanFitness, precision: 10);
        Assert.Equal(
            [
                new StageConformance("awareness", 3, 3, 0, 0, 0),
                new StageConformance("consideration", 3, 3, 0, 1, 0),
                new StageConformance("purchase", 3, 1, 0, 0, 2),
                new StageConformance("retention", 0, 0, 1, 0, 0),
                new StageConformance("advocacy", 1, 0, 0, 0, 0),
            ],
            result.Stages);
    }

    [Fact]
    public void Fitness_SingleJourney()
    {
        var log = PathTestLogs.Shop();
        Assert.Equal(0.75, PathAnalyzer.Fitness(log[0]), precision: 10);
        Assert.Equal(1.0, PathAnalyzer.Fitness(log[2]), precision: 10);
    }
}
