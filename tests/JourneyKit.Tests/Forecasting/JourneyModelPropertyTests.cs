using FsCheck;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Forecasting;
using JourneyKit.Rendering;
using JourneyKit.Tests.Events;

namespace JourneyKit.Tests.Forecasting;

public class JourneyModelPropertyTests
{
    // Any log with a conversion: every forecast is a probability with an ordered interval (never NaN), the lift is the
    // difference of the two values, leverage is finite, churn as a state or not, and a simulation has the journeys asked for.
    [Property(Arbitrary = [typeof(EventArbitraries)], MaxTest = 40)]
    public bool AnyLog_ForecastsAreProbabilities_AndLiftIsTheirDifference(RawEvents raw, bool churn)
    {
        var log = EventArbitraries.Build(raw.Events);
        // A journey converts at its first conversion — unless, with churn as a state, it churned before.
        bool converts = log.Journeys.Any(j =>
        {
            int conversion = j.Outcomes.IndexOf(EventOutcome.Conversion), churned = j.Outcomes.IndexOf(EventOutcome.Churn);
            return conversion >= 0 && (!churn || churned < 0 || conversion < churned);
        });
        if (!converts)
        {
            return Throws(() => JourneyModel.Fit(log, new JourneyModelOptions { ChurnIsAbsorbing = churn }));
        }

        var model = JourneyModel.Fit(log, new JourneyModelOptions { ChurnIsAbsorbing = churn, Draws = 100 });
        var options = new ForecastOptions { Draws = 100, Seed = 2 };
        bool ok = IsProbability(model.ConversionRate);
        foreach (string from in model.Steps)
        {
            foreach (string to in model.Steps.Append(JourneyModel.ConvertedState).Where(t => model.TransitionCount(from, t) > 0))
            {
                var f = model.Forecast(JourneyScenario.Named("x2").ScaleTransition(from, to, 2), options);
                ok &= IsProbability(f.Baseline) && IsProbability(f.Conversion)
                    && Math.Abs(f.Lift.Value - (f.Conversion.Value - f.Baseline.Value)) < 1e-12
                    && (to != JourneyModel.ConvertedState || f.Lift.Value >= -1e-12); // converting is the best a journey can do
            }
        }

        ok &= model.Leverage(0.1, options).All(l => double.IsFinite(l.ConversionGain.Value) && l.ConversionGain.Lower <= l.ConversionGain.Upper);
        ok &= model.LossLeverage(0.1, options).All(l => l.ConversionGain.Value >= -1e-12);
        return ok && model.Simulate(50, 1).CustomerCount == 50;
    }

    // The model does not depend on the order customers arrive in.
    [Property(MaxTest = 10)]
    public bool Fit_DoesNotDependOnCustomerOrder(DoNotSize<int> unsized)
    {
        var random = new Random(unsized.Item);
        var events = PlantedChain.Three.Log(400, 5).Events().ToList();
        var shuffled = events.GroupBy(e => e.CustomerId).OrderBy(_ => random.Next()).SelectMany(g => g).ToList();
        var a = JourneyModel.Fit(new EventLogBuilder().AddRange(events).Build());
        var b = JourneyModel.Fit(new EventLogBuilder().AddRange(shuffled).Build());
        var scenario = JourneyScenario.Named("s").RemoveStep("b");
        return a.ConversionRate == b.ConversionRate
            && a.Forecast(scenario, new ForecastOptions { Draws = 100 }).Conversion == b.Forecast(scenario, new ForecastOptions { Draws = 100 }).Conversion;
    }

    [Fact]
    public void Report_WhatIfSection_PricesTheScenario_AndEscapesItsName()
    {
        var map = SampleMaps.ECommerce();
        var log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 2000, Seed = 5 }).Generate();
        string html = HtmlReport.Build(map, log, new HtmlReportOptions
        {
            Scenarios = [JourneyScenario.Named("<script>alert(1)</script>").ScaleTransition("compare", "checkout", 1.2)],
            Forecast = new ForecastOptions { Draws = 200 },
        });
        Assert.Contains("<h2>What if</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Where to invest: transitions", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>What if</h2>", HtmlReport.Build(map, log), StringComparison.Ordinal);
    }

    private static bool Throws(Action fit)
    {
        try
        {
            fit();
            return false;
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Contains("converts", StringComparison.Ordinal) || ex.Message.Contains("no events", StringComparison.Ordinal);
        }
    }

    private static bool IsProbability(ForecastValue v) =>
        v.Value is >= 0 and <= 1 && v.Lower is >= 0 and <= 1 && v.Upper is >= 0 and <= 1 && v.Lower <= v.Upper;
}
