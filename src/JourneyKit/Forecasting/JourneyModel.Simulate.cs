using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

public sealed partial class JourneyModel
{
    /// <summary>The most events one simulated journey may have before simulation stops with an error (a chain that keeps journeys looping).</summary>
    public const int MaxSimulatedJourneyLength = 100_000;

    private static readonly DateTimeOffset SimulationStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Simulates journeys from the fitted model: each starts at a step drawn from the start distribution (at a moment
    /// drawn uniformly within the year from 2026-01-01 UTC), moves by the fitted transition probabilities, waits at each
    /// step a dwell drawn from the step's observed dwell times, and ends when it converts (its last event carries the
    /// conversion outcome and a value drawn from the observed conversion values, if any), churns (churn outcome, when
    /// churn is absorbing) or is lost. Every analysis runs on the result, and refitting it recovers the model.
    /// </summary>
    /// <param name="journeys">The number of journeys (customers <c>sim-0000001</c>…). Range: ≥ 1.</param>
    /// <param name="seed">The seed: the same seed gives the same log.</param>
    /// <param name="cancellationToken">Cancels the simulation (checked between journeys).</param>
    /// <returns>A log whose touchpoints are the model's steps (whatever the model's level), without a map.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="journeys"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">A step's label is reserved for built-in states (such as <c>(unknown)</c>, for events without a label at the level) and cannot be a touchpoint; or a journey exceeds <see cref="MaxSimulatedJourneyLength"/> events.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public EventLog Simulate(int journeys, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(journeys, 1);
        if (_steps.FirstOrDefault(s => Guard.ReservedLabel(s) is not null) is { } reserved)
        {
            throw new InvalidOperationException($"The model has the step '{Guard.Clip(reserved)}', a reserved label that a simulated log cannot use as a touchpoint; fit at a level every event has a label for.");
        }

        int t = _steps.Length;
        var cumulative = new double[_count.Length];
        for (int s = 0; s < t; s++)
        {
            double total = RowTotal(s), running = 0;
            for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
            {
                running += _count[k];
                cumulative[k] = running / total;
            }
        }

        var startCumulative = new double[t];
        double startRunning = 0;
        for (int s = 0; s < t; s++)
        {
            startRunning += _startCount[s];
            startCumulative[s] = startRunning / Journeys;
        }

        var builder = new EventLogBuilder();
        var touchpoint = _steps.Select(builder.InternTouchpoint).ToArray();
        var random = new Random(seed);
        var customers = new List<int>();
        var ticks = new List<long>();
        var steps = new List<int>();
        var outcomes = new List<EventOutcome>();
        var values = new List<double>();
        long span = TimeSpan.TicksPerDay * 365;
        var valueSample = _value.Sample;
        for (int j = 0; j < journeys; j++)
        {
            if ((j & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int customer = builder.InternCustomer(string.Create(CultureInfo.InvariantCulture, $"sim-{j + 1:D7}"));
            long now = SimulationStart.UtcTicks + random.NextInt64(span);
            int step = Pick(startCumulative, 0, t, random.NextDouble());
            for (int length = 1; ; length++)
            {
                if (length > MaxSimulatedJourneyLength)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A simulated journey passed {MaxSimulatedJourneyLength:N0} events without ending; the model keeps journeys looping (step '{_steps[step]}')."));
                }

                int k = Pick(cumulative, _rowStart[step], _rowStart[step + 1], random.NextDouble());
                int next = _target[k];
                customers.Add(customer);
                ticks.Add(now);
                steps.Add(touchpoint[step]);
                if (next < t)
                {
                    outcomes.Add(EventOutcome.None);
                    values.Add(double.NaN);
                    var sample = _dwell[step].Sample;
                    double days = sample.Count == 0 ? 0 : sample[random.Next(sample.Count)];
                    now += (long)(days * TimeSpan.TicksPerDay);
                    step = next;
                    continue;
                }

                bool converts = next == t;
                outcomes.Add(converts ? EventOutcome.Conversion : next == t + 2 ? EventOutcome.Churn : EventOutcome.None);
                values.Add(converts && valueSample.Count > 0 ? valueSample[random.Next(valueSample.Count)] : double.NaN);
                break;
            }
        }

        builder.AddColumns(
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(customers),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ticks),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(steps),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outcomes),
            _value.Count > 0 ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values) : default);
        return builder.Build(cancellationToken);
    }

    // The first index in [from, to) whose cumulative probability exceeds u (the last when rounding leaves u above all).
    private static int Pick(double[] cumulative, int from, int to, double u)
    {
        int lo = from, hi = to - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
