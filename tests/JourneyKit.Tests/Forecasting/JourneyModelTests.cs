using JourneyKit.Events;
using JourneyKit.Forecasting;
using JourneyKit.Markov;

namespace JourneyKit.Tests.Forecasting;

public class JourneyModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 100 journeys: 60 × a → b → purchase (converts), 20 × a → b (lost), 20 × a (lost).
    /// Fitted: a → b 0.8, a → lost 0.2; b → purchase 0.75, b → lost 0.25; purchase → converted 1.
    /// Dwell: a 2 days, b 3 days; value 40 per conversion.
    /// </summary>
    internal static EventLog HandLog()
    {
        var builder = new EventLogBuilder();
        for (int i = 0; i < 100; i++)
        {
            string id = $"h{i:D3}";
            builder.Add(new JourneyEvent(id, T0.AddHours(i), "a"));
            if (i < 80)
            {
                builder.Add(new JourneyEvent(id, T0.AddHours(i).AddDays(2), "b"));
            }

            if (i < 60)
            {
                builder.Add(new JourneyEvent(id, T0.AddHours(i).AddDays(5), "purchase") { Outcome = EventOutcome.Conversion, Value = 40 });
            }
        }

        return builder.Build();
    }

    private static readonly Lazy<JourneyModel> Hand = new(() => JourneyModel.Fit(HandLog()));

    [Fact]
    public void Fit_HandLog_ProbabilitiesCountsAndConversion_AsWorkedByHand()
    {
        var model = Hand.Value;
        Assert.Equal(["a", "b", "purchase"], model.Steps);
        Assert.Equal(100, model.Journeys);
        Assert.Equal(60, model.Conversions);
        Assert.Equal(1.0, model.StartProbability("a"));
        Assert.Equal(0.8, model.TransitionProbability("a", "b"), 12);
        Assert.Equal(0.2, model.TransitionProbability("a", JourneyModel.LostState), 12);
        Assert.Equal(0.75, model.TransitionProbability("b", "purchase"), 12);
        Assert.Equal(1.0, model.TransitionProbability("purchase", JourneyModel.ConvertedState), 12);
        Assert.Equal(60, model.TransitionCount("b", "purchase"));
        Assert.Equal(TimeSpan.FromDays(2), model.MeanDwell("a"));
        Assert.Equal(TimeSpan.FromDays(3), model.MeanDwell("b"));
        Assert.Equal(40.0, model.ConversionValue);

        // 0.8 × 0.75 = 0.6, and the posterior interval holds it.
        Assert.Equal(0.6, model.ConversionRate.Value, 12);
        Assert.True(model.ConversionRate.Lower < 0.6 && 0.6 < model.ConversionRate.Upper, model.ConversionRate.ToString());
        Assert.Equal(0.95, model.ConversionRate.Interval.Level);
    }

    [Theory]
    [InlineData("set b → purchase 0.9", 0.72)]        // 0.8 × 0.9
    [InlineData("scale a → b 1.1", 0.66)]             // 0.88 × 0.75
    [InlineData("remove b", 0.8)]                     // a's 0.8 into b goes on as b's onward exits did: all to purchase
    [InlineData("set a → lost 0", 0.75)]              // a → b 1 (0.8 scaled by 1/0.8), then 0.75
    [InlineData("remove a", 0.75)]                    // journeys start where a's onward exits went: b
    [InlineData("scale b → purchase 2", 0.8)]         // 0.75 × 2 capped at 1; then 0.8 × 1
    public void Forecast_HandLog_ScenarioConversion_AsWorkedByHand(string change, double expected)
    {
        var scenario = JourneyScenario.Named(change);
        scenario = change switch
        {
            "set b → purchase 0.9" => scenario.SetTransition("b", "purchase", 0.9),
            "scale a → b 1.1" => scenario.ScaleTransition("a", "b", 1.1),
            "remove b" => scenario.RemoveStep("b"),
            "set a → lost 0" => scenario.SetTransition("a", JourneyModel.LostState, 0),
            "remove a" => scenario.RemoveStep("a"),
            _ => scenario.ScaleTransition("b", "purchase", 2),
        };
        var forecast = Hand.Value.Forecast(scenario, new ForecastOptions { Draws = 200, Seed = 4 });
        Assert.Equal(0.6, forecast.Baseline.Value, 12);
        Assert.Equal(expected, forecast.Conversion.Value, 12);
        Assert.Equal(expected - 0.6, forecast.Lift.Value, 12);
        Assert.Equal(expected * 100, forecast.ExpectedConversions.Scenario.Value, 9);
    }

    [Fact]
    public void Forecast_TimeAndRevenue_AsWorkedByHand()
    {
        // Every conversion takes a (2 days) then b (3 days): 5 days. Halving b's dwell: 2 + 1.5 = 3.5 days.
        // Revenue: 100 journeys × 0.6 × 40 = 2,400; at a value of 50 and b → purchase 0.9: 100 × 0.72 × 50 = 3,600.
        var scenario = JourneyScenario.Named("faster, richer").ScaleDwell("b", 0.5).SetConversionValue(50).SetTransition("b", "purchase", 0.9);
        var f = Hand.Value.Forecast(scenario, new ForecastOptions { Draws = 200 });
        Assert.Equal(5.0, f.DaysToConvert!.Baseline.Value, 9);
        Assert.Equal(3.5, f.DaysToConvert.Scenario.Value, 9);
        Assert.Equal(-1.5, f.DaysToConvert.Lift.Value, 9);
        Assert.Equal(2400, f.Revenue!.Baseline.Value, 6);
        Assert.Equal(3600, f.Revenue.Scenario.Value, 6);
        Assert.Equal(0.72, f.Conversion.Value, 12);
    }

    [Fact]
    public void Forecast_SameSeed_SameNumbers_AndUnchangedScenario_HasLiftExactlyZero()
    {
        var model = JourneyModel.Fit(PlantedChain.Three.Log(3000, 1));
        var options = new ForecastOptions { Draws = 300, Seed = 9 };
        var scenario = JourneyScenario.Named("faster c").SetTransition("c", JourneyModel.ConvertedState, 0.6);
        var first = model.Forecast(scenario, options);
        var second = model.Forecast(scenario, options);
        Assert.Equal(first.Conversion, second.Conversion);
        Assert.Equal(first.Lift, second.Lift);
        Assert.Equal(first.DaysToConvert, second.DaysToConvert);
        Assert.NotEqual(first.Lift.Interval, model.Forecast(scenario, options with { Seed = 10 }).Lift.Interval);

        var unchanged = model.Forecast(JourneyScenario.Named("as is"), options);
        Assert.Equal(0.0, unchanged.Lift.Value);
        Assert.Equal(0.0, unchanged.Lift.Lower);
        Assert.Equal(0.0, unchanged.Lift.Upper);
        Assert.Equal(unchanged.Baseline, unchanged.Conversion);
        // ConversionRate is an empty scenario's baseline under the model's own draws and seed.
        Assert.Equal(model.ConversionRate, model.Forecast(JourneyScenario.Named("as is"), new ForecastOptions { Draws = 1000, Seed = 0 }).Baseline);
    }

    [Fact]
    public void Fit_AgreesWithMarkovChain_LostDefault()
    {
        var log = new SyntheticJourneyGenerator(SampleMaps.ECommerce(), new SyntheticJourneyOptions { Customers = 3000, Seed = 11 }).Generate();
        var model = JourneyModel.Fit(log, new JourneyModelOptions { Level = PathLevel.Touchpoint });
        var chain = MarkovChain.Fit(log, PathLevel.Touchpoint, new MarkovEstimationOptions { StartState = "(start)" }, JourneyModel.ConvertedState);
        Assert.Equal(chain.AbsorptionProbability("(start)", JourneyModel.ConvertedState), model.ConversionRate.Value, 10);
        foreach (string from in model.Steps)
        {
            foreach (string to in model.Steps.Append(JourneyModel.ConvertedState).Append(JourneyModel.LostState))
            {
                Assert.Equal(chain.States.Contains(to) ? chain.Probability(from, to, 1) : 0, model.TransitionProbability(from, to), 12);
            }
        }
    }

    [Fact]
    public void Leverage_EqualsTheExactReSolve_ForEveryTransitionAndStep()
    {
        var model = JourneyModel.Fit(PlantedChain.Three.Log(4000, 2));
        const double delta = 0.05;
        var options = new ForecastOptions { Draws = 100 };
        var levers = model.Leverage(delta, options);
        Assert.Equal(levers.OrderByDescending(l => l.ConversionGain.Value).Select(l => l.ConversionGain.Value), levers.Select(l => l.ConversionGain.Value));
        Assert.DoesNotContain(levers, l => l.To == JourneyModel.LostState);
        Assert.Equal(model.Steps.Sum(s => model.Steps.Append(JourneyModel.ConvertedState).Count(t => model.TransitionCount(s, t) > 0)), levers.Count);
        foreach (var lever in levers)
        {
            double p = model.TransitionProbability(lever.From, lever.To);
            Assert.Equal(p, lever.Probability, 12);
            var exact = model.Forecast(JourneyScenario.Named("re-solve").SetTransition(lever.From, lever.To, Math.Min(1, p + delta)), options);
            Assert.Equal(exact.Lift.Value, lever.ConversionGain.Value, 10);
            Assert.True(lever.ConversionGain.Lower <= lever.ConversionGain.Upper);
        }

        var losses = model.LossLeverage(delta, options);
        Assert.Equal(3, losses.Count);
        foreach (var lever in losses)
        {
            double loss = model.TransitionProbability(lever.Step, JourneyModel.LostState);
            Assert.Equal(loss, lever.LossShare, 12);
            var exact = model.Forecast(JourneyScenario.Named("re-solve").SetTransition(lever.Step, JourneyModel.LostState, Math.Max(0, loss - delta)), options);
            Assert.Equal(exact.Lift.Value, lever.ConversionGain.Value, 10);
            Assert.True(lever.ConversionGain.Value > 0);
        }
    }

    [Fact]
    public void Simulate_SameSeed_SameLog_AndRefitRecoversTheModel()
    {
        var model = JourneyModel.Fit(PlantedChain.Three.Log(5000, 3, conversionValue: 25));
        var simulated = model.Simulate(60_000, 3);
        Assert.True(simulated.ContentEquals(model.Simulate(60_000, 3)));
        Assert.False(simulated.ContentEquals(model.Simulate(60_000, 4)));
        Assert.Equal(60_000, simulated.CustomerCount);
        // The columns are assembled directly, not through a builder: the same events through a builder give the same log.
        Assert.True(new EventLogBuilder().AddRange(simulated.Events()).Build().ContentEquals(simulated));
        var refit = JourneyModel.Fit(simulated);
        Assert.Equal(model.Steps, refit.Steps);
        foreach (string from in model.Steps)
        {
            foreach (string to in model.Steps.Append(JourneyModel.ConvertedState).Append(JourneyModel.LostState))
            {
                double p = model.TransitionProbability(from, to);
                long n = model.Steps.Append(JourneyModel.ConvertedState).Append(JourneyModel.LostState).Sum(t => refit.TransitionCount(from, t));
                double tolerance = (5 * Math.Sqrt(p * (1 - p) / n)) + 1e-9;
                Assert.True(Math.Abs(refit.TransitionProbability(from, to) - p) <= tolerance, $"{from} → {to}: {refit.TransitionProbability(from, to)} vs {p}");
            }

            Assert.Equal(model.MeanDwell(from).TotalDays, refit.MeanDwell(from).TotalDays, 1);
        }

        Assert.Equal(25.0, refit.ConversionValue);
        Assert.True(refit.ConversionRate.Interval.Contains(model.ConversionRate.Value), $"{refit.ConversionRate} vs {model.ConversionRate.Value}");
    }

    [Fact]
    public void Calibration_IntervalsCoverThePlantedAnswer_AtAboutTheNominalRate()
    {
        // 200 logs of 1,000 journeys each drawn from the planted chain; each fitted and forecast with 95 % intervals.
        var planted = PlantedChain.Three;
        double baseline = planted.Conversion();
        double scenario = planted.Conversion(planted.With(2, planted.Count, 0.6));
        int replicates = 200, coveredBase = 0, coveredScenario = 0, coveredLift = 0;
        for (int r = 0; r < replicates; r++)
        {
            var model = JourneyModel.Fit(planted.Log(1000, 1000 + r));
            var f = model.Forecast(JourneyScenario.Named("c converts more").SetTransition("c", JourneyModel.ConvertedState, 0.6), new ForecastOptions { Draws = 400, Seed = r });
            coveredBase += f.Baseline.Interval.Contains(baseline) ? 1 : 0;
            coveredScenario += f.Conversion.Interval.Contains(scenario) ? 1 : 0;
            coveredLift += f.Lift.Interval.Contains(scenario - baseline) ? 1 : 0;
        }

        // Binomial(200, 0.95) lies in [180, 199] with probability > 0.999.
        Assert.InRange(coveredBase, 180, 199);
        Assert.InRange(coveredScenario, 180, 199);
        Assert.InRange(coveredLift, 180, 199);
    }
}
