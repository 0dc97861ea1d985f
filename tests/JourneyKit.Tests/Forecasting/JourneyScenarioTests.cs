using JourneyKit.Events;
using JourneyKit.Forecasting;

namespace JourneyKit.Tests.Forecasting;

public class JourneyScenarioTests
{
    private static readonly Lazy<JourneyModel> Hand = new(() => JourneyModel.Fit(JourneyModelTests.HandLog()));

    [Fact]
    public void Forecast_UnknownStep_NamesItAndTheClosest()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hand.Value.Forecast(JourneyScenario.Named("typo").SetTransition("b", "purchse", 0.9)));
        Assert.Equal("scenario", ex.ParamName);
        Assert.Contains("'purchse'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("closest: 'purchase'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Change 1 of scenario 'typo'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_UnobservedTransition_IsRefusedWithBothSteps()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hand.Value.Forecast(JourneyScenario.Named("jump").SetTransition("a", "purchase", 0.3)));
        Assert.Contains("no journey went from 'a' to 'purchase'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_OnlyTransitionSetBelowOne_CannotBeRenormalised()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hand.Value.Forecast(JourneyScenario.Named("no sale").SetTransition("purchase", JourneyModel.ConvertedState, 0)));
        Assert.Contains("every journey at that step takes this transition", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_ScenarioThatTrapsJourneys_IsAnError_NeverNaN()
    {
        // a ⇄ b with every exit set to 0: journeys would loop forever.
        var builder = new EventLogBuilder();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 20; i++)
        {
            builder.Add(new JourneyEvent($"c{i}", t0, "a")).Add(new JourneyEvent($"c{i}", t0.AddHours(1), "b")).Add(new JourneyEvent($"c{i}", t0.AddHours(2), "a"));
            if (i < 10)
            {
                builder.Add(new JourneyEvent($"c{i}", t0.AddHours(3), "b") { Outcome = EventOutcome.Conversion });
            }
        }

        var model = JourneyModel.Fit(builder.Build());
        var trap = JourneyScenario.Named("trap").SetTransition("a", "b", 1).SetTransition("b", "a", 1);
        var ex = Assert.Throws<ArgumentException>(() => model.Forecast(trap));
        Assert.Contains("traps journeys", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_ProbabilityOutsideUnitInterval_AndBadFactors_AreRefused()
    {
        var s = JourneyScenario.Named("x");
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetTransition("a", "b", 1.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetTransition("a", "b", -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetTransition("a", "b", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.ScaleTransition("a", "b", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.ScaleDwell("a", double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetConversionValue(double.NaN));
        Assert.Throws<ArgumentException>(() => s.RemoveStep(" "));
        Assert.Throws<ArgumentException>(() => JourneyScenario.Named(""));
        Assert.Empty(s.Changes); // immutable: the refused calls changed nothing, and a good one returns a new scenario
        Assert.NotSame(s, s.RemoveStep("a"));
    }

    [Fact]
    public void Fit_LogWithoutConversions_AndEmptyLog_AreRefused()
    {
        var builder = new EventLogBuilder();
        builder.Add(new JourneyEvent("c1", DateTimeOffset.UnixEpoch, "a")).Add(new JourneyEvent("c1", DateTimeOffset.UnixEpoch.AddHours(1), "b"));
        var ex = Assert.Throws<ArgumentException>(() => JourneyModel.Fit(builder.Build()));
        Assert.Equal("log", ex.ParamName);
        Assert.Contains("No journey of the log's 1 converts", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => JourneyModel.Fit(new EventLogBuilder().Build()));
        Assert.Throws<InvalidOptionsException>(() => JourneyModel.Fit(JourneyModelTests.HandLog(), new JourneyModelOptions { Prior = 0 }));
    }

    [Fact]
    public void Forecast_StepOnlyAfterConversion_IsNamedAsSuch()
    {
        var builder = new EventLogBuilder();
        var t0 = DateTimeOffset.UnixEpoch;
        builder.Add(new JourneyEvent("c1", t0, "a")).Add(new JourneyEvent("c1", t0.AddHours(1), "buy") { Outcome = EventOutcome.Conversion })
            .Add(new JourneyEvent("c1", t0.AddHours(2), "review")).Add(new JourneyEvent("c2", t0, "a"));
        var model = JourneyModel.Fit(builder.Build());
        Assert.DoesNotContain("review", model.Steps);
        var ex = Assert.Throws<ArgumentException>(() => model.Forecast(JourneyScenario.Named("after").RemoveStep("review")));
        Assert.Contains("'review' only appears after conversion", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TooManySteps_NamesTheLimit()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => JourneyModel.Fit(JourneyModelTests.HandLog(), new JourneyModelOptions { MaxSteps = 2 }));
        Assert.Contains("MaxSteps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ChurnAsItsOwnState_EndsJourneysAtTheirFirstChurn()
    {
        var builder = new EventLogBuilder();
        var t0 = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < 10; i++)
        {
            builder.Add(new JourneyEvent($"c{i}", t0, "a"));
            builder.Add(i < 4
                ? new JourneyEvent($"c{i}", t0.AddHours(1), "cancel") { Outcome = EventOutcome.Churn }
                : new JourneyEvent($"c{i}", t0.AddHours(1), "buy") { Outcome = EventOutcome.Conversion });
        }

        var log = builder.Build();
        var churning = JourneyModel.Fit(log, new JourneyModelOptions { ChurnIsAbsorbing = true });
        Assert.Equal(1.0, churning.TransitionProbability("cancel", JourneyModel.ChurnedState));
        Assert.Equal(0.6, churning.ConversionRate.Value, 12);
        var plain = JourneyModel.Fit(log);
        Assert.Equal(1.0, plain.TransitionProbability("cancel", JourneyModel.LostState));
        Assert.Throws<ArgumentException>(() => plain.TransitionProbability("cancel", JourneyModel.ChurnedState));
    }

    [Fact]
    public void FromMaps_RemovedTouchpointIsRemoveStep_AndChangesNeedingNumbers_AreListedTogether()
    {
        JourneyMap current = SampleMaps.ECommerce();
        var touchpoints = current.Touchpoints.Select(t => t.Id).ToList();
        JourneyMap future = current.ToBuilder()
            .Remove(MapElementKind.Touchpoint, touchpoints[1])
            .AddTouchpoint("chat", "Live chat", current.Stages[1].Id, current.Channels[0].Id)
            .Build();
        var ex = Assert.Throws<MissingAssumptionsException>(() => JourneyScenario.FromMaps(current, future, []));
        var missing = Assert.Single(ex.Missing);
        Assert.Equal((MapElementKind.Touchpoint, "chat", ChangeKind.Added), (missing.Element, missing.Id, missing.Change));
        Assert.Contains("Added Touchpoint 'chat'", ex.Message, StringComparison.Ordinal);

        var assumption = new ScenarioAssumption(MapElementKind.Touchpoint, "chat", "chat answers sizing questions: half the losses at the first step go on",
            JourneyScenario.Named("chat").ScaleTransition(touchpoints[0], touchpoints[2], 1.2));
        var scenario = JourneyScenario.FromMaps(current, future, [assumption]);
        Assert.Equal(2, scenario.Changes.Count);
        Assert.Contains(scenario.Changes, c => c.Kind == ScenarioChangeKind.RemoveStep && c.Step == touchpoints[1] && c.Reason!.Contains("Removed Touchpoint", StringComparison.Ordinal));
        Assert.Contains(scenario.Changes, c => c.Kind == ScenarioChangeKind.ScaleTransition && c.Reason!.Contains("chat answers sizing questions", StringComparison.Ordinal));

        var stale = new ScenarioAssumption(MapElementKind.PainPoint, "never-there", "nothing", JourneyScenario.Named("none"));
        Assert.Throws<ArgumentException>(() => JourneyScenario.FromMaps(current, future, [assumption, stale]));
        Assert.Throws<ArgumentException>(() => JourneyScenario.FromMaps(current, future, [assumption, assumption]));
    }
}
