using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Paths;

public class FunnelAudienceTests
{
    private static readonly FunnelDefinition Abc = new(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B"), FunnelStep.Touchpoint("C")) { AllowUnknownSteps = true }; // random logs may lack a step

    [Fact]
    public void Letters_WhoEnteredWentOnAndDropped()
    {
        // c1: A(0) B(10m) C(30m) · c2: A(0) B(5m) B(6m) C(26m) · c3: A(0) C(60m) · c4: B(0).
        var audience = new PathAnalyzer().FunnelAudience(PathTestLogs.Letters(), Abc);
        Assert.Equal(["c1", "c2", "c3"], audience.Steps[0].Entered);
        Assert.Equal(["c1", "c2"], audience.Steps[0].Converted);
        var drop = Assert.Single(audience.Steps[0].Dropped);
        Assert.Equal("c3", drop.CustomerId);
        Assert.Equal(PathTestLogs.T0, drop.LastStepAt); // c3 reached A at 0 and went no further
        Assert.Empty(audience.Steps[1].Dropped);
        Assert.Equal(["c1", "c2"], audience.Steps[2].Converted);
    }

    [Property(MaxTest = 150)]
    public Property Audience_CountsEqualTheFunnel()
    {
        var journey = Gen.ListOf(Gen.Zip(Gen.Elements("A", "B", "C", "X"), Gen.Choose(0, 30))).Select(l => l.ToArray());
        var gen = Gen.Zip(Gen.ArrayOf(journey), Gen.Zip(Gen.Elements(FunnelOrder.Relaxed, FunnelOrder.Strict, FunnelOrder.AnyOrder), Gen.Elements(true, false)));
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (journeys, (order, open)) = input;
            var b = new EventLogBuilder();
            for (int j = 0; j < journeys.Length; j++)
            {
                long minute = 0;
                foreach (var (tp, gap) in journeys[j])
                {
                    minute += gap;
                    b.Add("c" + j, PathTestLogs.T0.AddMinutes(minute), tp);
                }
            }

            var log = b.Build();
            var funnel = Abc with { Order = order, IsOpen = open && order != FunnelOrder.AnyOrder, ConversionWindow = TimeSpan.FromMinutes(45) };
            var counts = new PathAnalyzer().Funnel(log, funnel);
            var who = new PathAnalyzer().FunnelAudience(log, funnel);
            return counts.Steps.Select(s => (s.Entered, s.Converted, s.Dropped))
                .SequenceEqual(who.Steps.Select(s => ((long)s.Entered.Count, (long)s.Converted.Count, (long)s.Dropped.Count)))
                .Label($"{counts} vs {who}");
        });
    }
}
