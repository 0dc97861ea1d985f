using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

public sealed partial class JourneyModel
{
    /// <summary>
    /// Forecasts a scenario against today: for each posterior draw of the model, the scenario's changes are applied in
    /// order and both chains solved, so baseline, scenario and lift come from the same draws (a lift's interval is the
    /// lift's own). The values are those of the fitted (maximum-likelihood) model.
    /// </summary>
    /// <param name="scenario">The scenario (an empty one gives today's numbers and a lift of exactly 0).</param>
    /// <param name="options">Draws (default 1,000), seed, interval level (default 0.95) and the number of journeys.</param>
    /// <param name="cancellationToken">Cancels the forecast (checked between draws).</param>
    /// <returns>The forecast.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">A change names an unknown step (or one that only appears after conversion), an unobserved transition, or leaves a row that cannot be renormalised; or the changed chain traps journeys in a loop they never leave. The message names the change and the step.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ScenarioForecast Forecast(JourneyScenario scenario, ForecastOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new ForecastOptions();
        options.Validate();
        var notes = new List<string>();
        ResolvedChange[] changes = Resolve(scenario, notes);
        long journeys = options.Journeys ?? Journeys;
        int draws = options.Draws;
        bool hasValue = _value.Count > 0;
        var baseConv = new double[draws];
        var scenConv = new double[draws];
        var baseDays = new double[draws];
        var scenDays = new double[draws];
        var baseRevenue = new double[draws];
        var scenRevenue = new double[draws];
        var fitted = new DenseChain(_steps.Length, Absorbing);
        var changed = new DenseChain(_steps.Length, Absorbing);
        var point = new double[6];
        bool timeDefined = true;
        foreach (int d in Realisations(fitted, draws, options.Seed, cancellationToken))
        {
            changed.CopyFrom(fitted);
            Apply(changed, changes);
            double b = Solve(fitted, scenario, baseline: true);
            double bDays = fitted.DaysToConvert(b);
            double s = Solve(changed, scenario, baseline: false);
            double sDays = changed.DaysToConvert(s);
            timeDefined &= !double.IsNaN(sDays) && !double.IsNaN(bDays);
            double bRevenue = b * journeys * fitted.Value, sRevenue = s * journeys * changed.Value;
            if (d < 0)
            {
                (point[0], point[1], point[2], point[3], point[4], point[5]) = (b, s, bDays, sDays, bRevenue, sRevenue);
                continue;
            }

            (baseConv[d], scenConv[d], baseDays[d], scenDays[d], baseRevenue[d], scenRevenue[d]) = (b, s, bDays, sDays, bRevenue, sRevenue);
        }

        double level = options.Level;
        var lift = Difference(scenConv, baseConv);
        var expectedBase = Scaled(baseConv, journeys);
        var expectedScen = Scaled(scenConv, journeys);
        return new ScenarioForecast(
            scenario.Name,
            scenario.Changes,
            journeys,
            Value(point[0], baseConv, level),
            Value(point[1], scenConv, level),
            Value(point[1] - point[0], lift, level),
            new ForecastComparison(
                Value(point[0] * journeys, expectedBase, level),
                Value(point[1] * journeys, expectedScen, level),
                Value((point[1] - point[0]) * journeys, Difference(expectedScen, expectedBase), level)),
            hasValue ? Compare(point[4], point[5], baseRevenue, scenRevenue, level) : null,
            timeDefined ? Compare(point[2], point[3], baseDays, scenDays, level) : null,
            notes.AsReadOnly());
    }

    /// <summary>
    /// Fills <paramref name="chain"/> with the fitted chain (yielding −1), then with each posterior draw in turn (yielding
    /// its number), from one seeded stream: the same seed gives the same draws.
    /// </summary>
    private IEnumerable<int> Realisations(DenseChain chain, int draws, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        FillFitted(chain);
        yield return -1;
        for (int d = 0; d < draws; d++)
        {
            if ((d & 15) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            FillDraw(chain, random);
            yield return d;
        }
    }

    // The same realisations as a forecast with the same draws and seed: ConversionRate is an empty scenario's baseline.
    private ForecastValue ComputeConversionRate()
    {
        var chain = new DenseChain(_steps.Length, Absorbing);
        var draws = new double[_options.Draws];
        double value = 0;
        foreach (int d in Realisations(chain, draws.Length, _options.Seed, CancellationToken.None))
        {
            double conversion = Solve(chain, null, baseline: true);
            if (d < 0)
            {
                value = conversion;
            }
            else
            {
                draws[d] = conversion;
            }
        }

        return Value(value, draws, _options.IntervalLevel);
    }

    private double Solve(DenseChain chain, JourneyScenario? scenario, bool baseline)
    {
        if (chain.Conversion(out double conversion))
        {
            return conversion;
        }

        // The fitted chain and its draws always let journeys leave (every journey of the log ended); only a scenario can
        // close a loop, and Resolve checks the fitted chain first, so this names a draw-specific trap.
        throw new ArgumentException(
            baseline
                ? $"The model's chain traps journeys between {Trapped(chain)}; it cannot be solved."
                : $"Scenario '{scenario?.Name}' traps journeys in a loop they never leave (between {Trapped(chain)}): every path out was set to 0. Leave each step some way to convert or end.",
            nameof(scenario));
    }

    /// <summary>The steps from which no absorbing state can be reached, for error messages.</summary>
    private string Trapped(DenseChain chain)
    {
        int t = chain.T, w = chain.W;
        var reaches = new bool[t];
        bool changed = true;
        for (int s = 0; s < t; s++)
        {
            for (int a = t; a < w; a++)
            {
                reaches[s] |= chain.P[(s * w) + a] > 0;
            }
        }

        while (changed)
        {
            changed = false;
            for (int s = 0; s < t; s++)
            {
                if (!reaches[s])
                {
                    for (int u = 0; u < t && !reaches[s]; u++)
                    {
                        reaches[s] = chain.P[(s * w) + u] > 0 && reaches[u];
                    }

                    changed |= reaches[s];
                }
            }
        }

        var trapped = Enumerable.Range(0, t).Where(s => !reaches[s]).Select(s => $"'{Guard.Clip(_steps[s])}'").Take(5).ToList();
        return trapped.Count == 0 ? "steps whose exits are almost all loops" : string.Join(", ", trapped);
    }

    /// <summary>The fitted (maximum-likelihood) chain.</summary>
    internal void FillFitted(DenseChain chain)
    {
        Array.Clear(chain.P);
        int w = chain.W;
        for (int s = 0; s < _steps.Length; s++)
        {
            long total = 0;
            for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
            {
                total += _count[k];
            }

            for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
            {
                chain.P[(s * w) + _target[k]] = (double)_count[k] / total;
            }

            chain.Start[s] = (double)_startCount[s] / Journeys;
            chain.Dwell[s] = _dwell[s].Mean;
        }

        chain.Value = _value.Count == 0 ? double.NaN : _value.Mean;
        chain.StartConverted = 0;
    }

    /// <summary>A posterior draw: each row and the start distribution from Dirichlet(counts + prior) over the observed support.</summary>
    internal void FillDraw(DenseChain chain, Random random)
    {
        Array.Clear(chain.P);
        int w = chain.W;
        double prior = _options.Prior;
        for (int s = 0; s < _steps.Length; s++)
        {
            double total = 0;
            int from = _rowStart[s], to = _rowStart[s + 1];
            for (int k = from; k < to; k++)
            {
                double g = Gamma(random, _count[k] + prior);
                chain.P[(s * w) + _target[k]] = g;
                total += g;
            }

            for (int k = from; k < to; k++)
            {
                chain.P[(s * w) + _target[k]] /= total;
            }

            chain.Dwell[s] = _dwell[s].DrawMean(random);
        }

        double startTotal = 0;
        for (int s = 0; s < _steps.Length; s++)
        {
            chain.Start[s] = _startCount[s] > 0 ? Gamma(random, _startCount[s] + prior) : 0;
            startTotal += chain.Start[s];
        }

        for (int s = 0; s < _steps.Length; s++)
        {
            chain.Start[s] /= startTotal;
        }

        chain.Value = _value.Count == 0 ? double.NaN : _value.DrawMean(random);
        chain.StartConverted = 0;
    }

    // A Gamma(shape, 1) draw, kept above 0 so that a row never loses an observed transition to underflow.
    private static double Gamma(Random random, double shape) =>
        Math.Max(MathNet.Numerics.Distributions.Gamma.Sample(random, shape, 1.0), 1e-300);

    private static ForecastValue Value(double value, double[] draws, double level)
    {
        // Sorts a copy: the draws stay paired with the other quantities' draws for differences.
        draws = [.. draws];
        Array.Sort(draws);
        double tail = (1 - level) / 2;
        return new ForecastValue(value, new Interval(Stats.Percentile<double>(draws, tail), Stats.Percentile<double>(draws, 1 - tail), level));
    }

    private static ForecastComparison Compare(double baseline, double scenario, double[] baseDraws, double[] scenDraws, double level)
    {
        var lift = Difference(scenDraws, baseDraws);
        return new ForecastComparison(Value(baseline, baseDraws, level), Value(scenario, scenDraws, level), Value(scenario - baseline, lift, level));
    }

    // Paired per draw, before any sorting.
    private static double[] Difference(double[] a, double[] b)
    {
        var d = new double[a.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = a[i] - b[i];
        }

        return d;
    }

    private static double[] Scaled(double[] a, double factor) => [.. a.Select(x => x * factor)];
}
