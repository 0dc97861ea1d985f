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

        // Journeys are drawn in blocks, each from its own seed derived from (seed, block), in parallel: the log is the
        // same for a seed whatever the number of cores. Customers are then registered and added block by block.
        int blocks = (int)(((long)journeys + SimulationBlock - 1) / SimulationBlock);
        var parts = new SimulatedBlock[blocks];
        var sampler = new Sampler(cumulative, startCumulative);
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellationToken }, b =>
            parts[b] = SimulateBlock(sampler, b, Math.Min(SimulationBlock, journeys - (b * SimulationBlock)), seed, cancellationToken));

        // The journeys are already grouped by customer and in time order: the columns are assembled directly (block by
        // block, in parallel) instead of going through a builder's interning and sort.
        long all = parts.Sum(p => (long)p.Events);
        if (all > Array.MaxLength)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{journeys:N0} simulated journeys have {all:N0} events, more than an event log holds ({Array.MaxLength:N0}); simulate fewer."));
        }

        int events = (int)all;
        var customerIds = new string[journeys];
        var offsets = new int[journeys + 1];
        var ticks = GC.AllocateUninitializedArray<long>(events);
        var touchpoint = GC.AllocateUninitializedArray<int>(events);
        var none = GC.AllocateUninitializedArray<int>(events);
        var outcome = new EventOutcome[events];
        double[]? value = _value.Count > 0 ? GC.AllocateUninitializedArray<double>(events) : null;
        var firstEvent = new int[blocks + 1];
        for (int b = 0; b < blocks; b++)
        {
            firstEvent[b + 1] = firstEvent[b] + parts[b].Events;
        }

        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            SimulatedBlock part = parts[b];
            int at = firstEvent[b];
            part.Steps.AsSpan(0, part.Events).CopyTo(touchpoint.AsSpan(at));
            part.Ticks.AsSpan(0, part.Events).CopyTo(ticks.AsSpan(at));
            part.Outcomes.AsSpan(0, part.Events).CopyTo(outcome.AsSpan(at));
            if (value is not null)
            {
                part.Values.AsSpan(0, part.Events).CopyTo(value.AsSpan(at));
            }

            none.AsSpan(at, part.Events).Fill(-1);
            for (int j = 0; j < part.Lengths.Length; j++)
            {
                int journey = part.FirstJourney + j;
                customerIds[journey] = string.Create(CultureInfo.InvariantCulture, $"sim-{journey + 1:D7}");
                at += part.Lengths[j];
                offsets[journey + 1] = at;
            }
        });

        return new EventLog(null, customerIds, [.. _steps], [], [], [], offsets, ticks, touchpoint, none, (int[])none.Clone(), outcome, value, null, null);
    }

    private const int SimulationBlock = 65_536;

    // Leaves room below DateTimeOffset.MaxValue for the next dwell's check.
    private static readonly long LatestTicks = DateTimeOffset.MaxValue.UtcTicks - (TimeSpan.TicksPerDay * 365);

    private SimulatedBlock SimulateBlock(Sampler sampler, int block, int count, int seed, CancellationToken cancellationToken)
    {
        int t = _steps.Length;
        var random = new Random(Seeds.Derive(seed, 33, block));
        int capacity = Math.Max(16, (int)Math.Min(Array.MaxLength / 2, count * 1.25 * Math.Max(1, (double)_events / Journeys)));
        var part = new SimulatedBlock(block * SimulationBlock, count, capacity);
        long span = TimeSpan.TicksPerDay * 365;
        var valueSample = _value.Sample;
        for (int j = 0; j < count; j++)
        {
            if ((j & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            long now = SimulationStart.UtcTicks + random.NextInt64(span);
            int step = Pick(sampler.Start, 0, t, random.NextDouble());
            int length = 0;
            while (true)
            {
                if (++length > MaxSimulatedJourneyLength)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A simulated journey passed {MaxSimulatedJourneyLength:N0} events without ending; the model keeps journeys looping (step '{_steps[step]}')."));
                }

                int next = _target[Pick(sampler.Rows, _rowStart[step], _rowStart[step + 1], random.NextDouble())];
                if (next < t)
                {
                    part.Add(step, now, EventOutcome.None, double.NaN);
                    var sample = _dwell[step].Sample;
                    now += (long)((sample.Count == 0 ? 0 : sample[random.Next(sample.Count)]) * TimeSpan.TicksPerDay);
                    if (now > LatestTicks)
                    {
                        throw new InvalidOperationException($"A simulated journey ran past {DateTimeOffset.MaxValue:yyyy}: the dwell times at step '{_steps[step]}' are too long to simulate.");
                    }

                    step = next;
                    continue;
                }

                bool converts = next == t;
                part.Add(
                    step,
                    now,
                    converts ? EventOutcome.Conversion : next == t + 2 ? EventOutcome.Churn : EventOutcome.None,
                    converts && valueSample.Count > 0 ? valueSample[random.Next(valueSample.Count)] : double.NaN);
                break;
            }

            part.Lengths[j] = length;
        }

        return part;
    }

    private sealed record Sampler(double[] Rows, double[] Start);

    /// <summary>One block of simulated journeys as columns (step indices, ticks, outcomes, values) and per-journey lengths.</summary>
    private sealed class SimulatedBlock(int firstJourney, int journeys, int capacity)
    {
        public int FirstJourney { get; } = firstJourney;

        public int[] Lengths { get; } = new int[journeys];

        public int Events { get; private set; }

        public int[] Steps { get; private set; } = new int[capacity];

        public long[] Ticks { get; private set; } = new long[capacity];

        public EventOutcome[] Outcomes { get; private set; } = new EventOutcome[capacity];

        public double[] Values { get; private set; } = new double[capacity];

        public void Add(int step, long ticks, EventOutcome outcome, double value)
        {
            if (Events == Steps.Length)
            {
                int size = (int)Math.Min(Array.MaxLength, Steps.Length * 2L);
                Steps = Grow(Steps, size);
                Ticks = Grow(Ticks, size);
                Outcomes = Grow(Outcomes, size);
                Values = Grow(Values, size);
            }

            Steps[Events] = step;
            Ticks[Events] = ticks;
            Outcomes[Events] = outcome;
            Values[Events] = value;
            Events++;
        }

        private static T[] Grow<T>(T[] array, int size)
        {
            Array.Resize(ref array, size);
            return array;
        }
    }

    // The first index in [from, to) whose cumulative probability exceeds u (the last when rounding leaves u above all).
    private static int Pick(double[] cumulative, int from, int to, double u) => from + SortedSearch.FirstAbove<double>(cumulative.AsSpan(from, to - 1 - from), u);
}
