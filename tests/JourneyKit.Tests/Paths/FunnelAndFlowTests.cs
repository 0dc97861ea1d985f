using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Paths;

public class FunnelAndFlowTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMinutes(1);
    private static readonly FunnelDefinition Abc = new(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B"), FunnelStep.Touchpoint("C"));

    private static EventLog LettersWithDetour()
    {
        // The letters log plus c5: A(0) X(1m) B(2m) C(3m).
        var b = new EventLogBuilder();
        foreach (var e in PathTestLogs.Letters().Events())
        {
            b.Add(e);
        }

        PathTestLogs.Add(b, "c5");
        b.Add("c5", PathTestLogs.T0, "A").Add("c5", PathTestLogs.T0.AddMinutes(1), "X").Add("c5", PathTestLogs.T0.AddMinutes(2), "B").Add("c5", PathTestLogs.T0.AddMinutes(3), "C");
        return b.Build();
    }

    [Fact]
    public void Funnel_ClosedRelaxed_HandWorked()
    {
        var result = new PathAnalyzer().Funnel(PathTestLogs.Letters(), Abc);
        // A: c1, c2, c3 entered; B: c1, c2; C: c1, c2. c4 never enters (it has no A).
        Assert.Equal([3L, 2L, 2L], result.Steps.Select(s => s.Entered));
        Assert.Equal([2L, 2L, 2L], result.Steps.Select(s => s.Converted));
        Assert.Equal([1L, 0L, 0L], result.Steps.Select(s => s.Dropped));
        Assert.Equal(2.0 / 3, result.Steps[0].ConversionRate, precision: 10);
        Assert.Equal(2.0 / 3, result.OverallConversion, precision: 10);
        Assert.Equal(7.5 * Min, result.Steps[0].TimeToNext.Median); // A→B: 10 and 5 minutes
        Assert.Equal(20.5 * Min, result.Steps[1].TimeToNext.Median); // B→C: 20 (c1) and 21 (c2, from its first B)
        Assert.Equal(4, result.Journeys);
        // Wilson 95 % interval for 2 of 3: (0.2077, 0.9385).
        Assert.Equal(0.2077, result.Steps[0].ConversionInterval.Lower, precision: 4);
        Assert.Equal(0.9385, result.Steps[0].ConversionInterval.Upper, precision: 4);
    }

    [Fact]
    public void Funnel_StrictOrder_StopsAtAnyOtherEventButAllowsRepeats()
    {
        var result = new PathAnalyzer().Funnel(LettersWithDetour(), Abc with { Order = FunnelOrder.Strict });
        // c1, c2 (B B repeat allowed) pass; c3 (A C) and c5 (A X …) stop at A.
        Assert.Equal([4L, 2L, 2L], result.Steps.Select(s => s.Entered));
    }

    [Fact]
    public void Funnel_Exclusion_EndsProgress()
    {
        var result = new PathAnalyzer().Funnel(LettersWithDetour(), Abc with { Exclusions = [FunnelStep.Touchpoint("X")] });
        Assert.Equal([4L, 2L, 2L], result.Steps.Select(s => s.Entered)); // without the exclusion c5 would reach C
        Assert.Equal([4L, 3L, 3L], new PathAnalyzer().Funnel(LettersWithDetour(), Abc).Steps.Select(s => s.Entered));
    }

    [Fact]
    public void Funnel_StepWindowAndConversionWindow()
    {
        var stepWindow = new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B", window: 6 * Min), FunnelStep.Touchpoint("C"));
        Assert.Equal([3L, 1L, 1L], new PathAnalyzer().Funnel(PathTestLogs.Letters(), stepWindow).Steps.Select(s => s.Entered)); // only c2's B is within 6 min
        var global = Abc with { ConversionWindow = 28 * Min };
        Assert.Equal([3L, 2L, 1L], new PathAnalyzer().Funnel(PathTestLogs.Letters(), global).Steps.Select(s => s.Entered)); // c1's C at 30 min is too late
    }

    [Fact]
    public void Funnel_OpenAndAnyOrder()
    {
        var open = new PathAnalyzer().Funnel(PathTestLogs.Letters(), Abc with { IsOpen = true });
        Assert.Equal([3L, 3L, 2L], open.Steps.Select(s => s.Entered)); // c4 enters at B
        var any = new PathAnalyzer().Funnel(PathTestLogs.Letters(), Abc with { Order = FunnelOrder.AnyOrder });
        // Distinct steps: c1 3, c2 3, c3 2 (A, C), c4 1 (B).
        Assert.Equal([4L, 3L, 2L], any.Steps.Select(s => s.Entered));
    }

    [Fact]
    public void Funnel_PredicateAndStageSteps()
    {
        var funnel = new FunnelDefinition(
            FunnelStep.Stage("awareness"),
            FunnelStep.Where("bought", (log, e) => log.StageIds[e] == 2));
        var result = new PathAnalyzer().Funnel(PathTestLogs.Shop(), funnel);
        Assert.Equal([3L, 3L], result.Steps.Select(s => s.Entered));
        Assert.Equal("bought", result.Steps[1].Name);
    }

    [Fact]
    public void Flows_ForwardTopOneWithOtherAndEnd()
    {
        var flow = new PathAnalyzer().Flows(PathTestLogs.Letters(), "A", FlowDirection.Forward, depth: 2, topK: 1);
        Assert.Equal(
            [
                new FlowNode(0, "A", 3), new FlowNode(1, "B", 2), new FlowNode(1, "(other)", 1),
                new FlowNode(2, "(end)", 1), new FlowNode(2, "(other)", 1), new FlowNode(2, "B", 1),
            ],
            flow.Nodes);
        Assert.Equal(
            [
                new FlowLink(0, "A", "B", 2), new FlowLink(0, "A", "(other)", 1),
                new FlowLink(1, "(other)", "(end)", 1), new FlowLink(1, "B", "(other)", 1), new FlowLink(1, "B", "B", 1),
            ],
            flow.Links);
    }

    [Fact]
    public void Flows_BackwardFromConversionStep()
    {
        var flow = new PathAnalyzer().Flows(PathTestLogs.Letters(), "C", FlowDirection.Backward, depth: 1);
        Assert.Equal([new FlowLink(0, "C", "B", 2), new FlowLink(0, "C", "A", 1)], flow.Links);
        Assert.Throws<ArgumentException>(() => new PathAnalyzer().Flows(PathTestLogs.Letters(), "Z"));
    }
}
