using System.Globalization;

namespace JourneyKit.Events;

/// <summary>
/// Generates realistic, non-linear journeys through a <see cref="JourneyMap"/>: customers advance, linger, double
/// back, skip stages, switch channels, convert, churn or drop out, with dwell times and feedback scores. Seeded and
/// deterministic; fast enough for tens of millions of events.
/// </summary>
public sealed class SyntheticJourneyGenerator
{
    private readonly JourneyMap _map;
    private readonly SyntheticJourneyOptions _options;
    private readonly int[][] _stageTouchpoints;
    private readonly int[] _touchpointChannel;
    private readonly double[] _touchpointEmotion;
    private readonly int _conversionStage;
    private readonly double[][] _cumulative; // per behaviour: the step weights, cumulative
    private readonly double[] _behaviourShares; // cumulative shares; empty for the single behaviour of the options' weights
    private readonly int[] _preferredChannel; // per behaviour; −1 for none

    /// <summary>Creates a generator.</summary>
    /// <param name="map">
    /// The map whose stages and touchpoints the journeys walk. Customers only meet frontstage touchpoints; stages without
    /// one are passed over. At least one frontstage touchpoint is required.
    /// </param>
    /// <param name="options">The settings; default <see cref="SyntheticJourneyOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">The map has no frontstage touchpoints, or the conversion stage is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public SyntheticJourneyGenerator(JourneyMap map, SyntheticJourneyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
        _options = options ?? new SyntheticJourneyOptions();
        _options.Validate();

        var touchpointIndex = map.Touchpoints.Select((t, i) => (t, i)).ToList();
        _stageTouchpoints = map.Stages
            .Select(s => touchpointIndex.Where(x => x.t.StageId == s.Id && x.t.Lane == Lane.Frontstage).Select(x => x.i).ToArray())
            .ToArray();
        if (_stageTouchpoints.All(t => t.Length == 0))
        {
            throw new ArgumentException($"Journey map '{map.Id}' has no frontstage touchpoints to generate customer events at.", nameof(map));
        }

        var channelIndex = map.Channels.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _touchpointChannel = map.Touchpoints.Select(t => channelIndex[t.ChannelId]).ToArray();
        _touchpointEmotion = map.Touchpoints.Select(t => t.Emotion?.Value ?? 0).ToArray();

        string conversionStage = _options.ConversionStageId ?? (map.FindStage("purchase") is not null ? "purchase" : map.Stages[^1].Id);
        _conversionStage = map.Stages.Select(s => s.Id).ToList().IndexOf(conversionStage);
        if (_conversionStage < 0)
        {
            throw new ArgumentException($"Conversion stage '{conversionStage}' is not a stage of journey map '{map.Id}'.", nameof(options));
        }

        if (_stageTouchpoints[_conversionStage].Length == 0)
        {
            throw new ArgumentException($"Conversion stage '{conversionStage}' has no frontstage touchpoint, so no customer could convert.", nameof(options));
        }

        if (_options.Behaviours is { } behaviours)
        {
            _cumulative = [.. behaviours.Select(b => Cumulative([b.AdvanceWeight, b.StayWeight, b.BacktrackWeight, b.SkipWeight, b.DropOutWeight]))];
            _behaviourShares = Cumulative([.. behaviours.Select(b => b.Share)]);
            _preferredChannel = [.. behaviours.Select(b => b.PreferredChannel is { } ch
                ? channelIndex.TryGetValue(ch, out int id) ? id : throw new ArgumentException($"Behaviour '{b.Name}' prefers channel '{ch}', which is not in journey map '{map.Id}'.", nameof(options))
                : -1)];
        }
        else
        {
            _cumulative = [Cumulative([_options.AdvanceWeight, _options.StayWeight, _options.BacktrackWeight, _options.SkipWeight, _options.DropOutWeight])];
            _behaviourShares = [];
            _preferredChannel = [-1];
        }

        static double[] Cumulative(double[] weights)
        {
            double total = weights.Sum();
            var cumulative = new double[weights.Length];
            double running = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                running += weights[i] / total;
                cumulative[i] = running;
            }

            return cumulative;
        }
    }

    /// <summary>Generates the journeys into a new log resolved through the map.</summary>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The log.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public EventLog Generate(CancellationToken cancellationToken = default)
    {
        var builder = new EventLogBuilder(_map);
        GenerateInto(builder, cancellationToken);
        return builder.Build(cancellationToken);
    }

    /// <summary>Generates the journeys into an existing builder (which must resolve through the same map instance).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The number of events generated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The builder uses another map or none.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public long GenerateInto(EventLogBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!ReferenceEquals(builder.Map, _map))
        {
            throw new ArgumentException("The builder must resolve through the generator's journey map.", nameof(builder));
        }

        var o = _options;
        var random = new Random(o.Seed);
        int stages = _stageTouchpoints.Length;
        long startTicks = o.Start.UtcTicks;
        long windowTicks = o.ArrivalWindow.Ticks;
        double meanGap = o.MeanGap.Ticks;
        double sigma = 0.5;
        double mu = Math.Log(o.MeanConversionValue) - (sigma * sigma / 2);
        long generated = 0;
        int width = Math.Max(7, o.Customers.ToString(CultureInfo.InvariantCulture).Length);

        for (int c = 0; c < o.Customers; c++)
        {
            if ((c & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int customer = builder.InternCustomer("c" + c.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
            long ticks = startTicks + (long)(random.NextDouble() * windowTicks);
            int behaviour = 0;
            if (_behaviourShares.Length > 0)
            {
                double draw = random.NextDouble();
                while (behaviour < _behaviourShares.Length - 1 && draw > _behaviourShares[behaviour])
                {
                    behaviour++;
                }
            }

            double[] cumulative = _cumulative[behaviour];
            int preferred = _preferredChannel[behaviour];
            int stage = FirstStageWithTouchpoints(0, +1);
            int previousChannel = -1;
            bool converted = false;
            for (int step = 0; step < o.MaxEventsPerJourney; step++)
            {
                int tp = PickTouchpoint(random, stage, previousChannel, preferred);
                previousChannel = _touchpointChannel[tp];
                var outcome = EventOutcome.None;
                double value = double.NaN;
                if (!converted && stage == _conversionStage)
                {
                    converted = true;
                    outcome = EventOutcome.Conversion;
                    value = Math.Round(Math.Exp(mu + (sigma * Normal(random))), 2);
                }

                double feedback = double.NaN;
                if (random.NextDouble() < o.FeedbackProbability)
                {
                    feedback = FeedbackScore(_touchpointEmotion[tp], Normal(random));
                }

                // Decide what happens next; the decision to drop out turns this event into a churn after a conversion.
                double u = random.NextDouble();
                int move = 0;
                while (move < cumulative.Length - 1 && u > cumulative[move])
                {
                    move++;
                }

                int next = move switch
                {
                    0 => stage + 1,
                    1 => stage,
                    2 => stage == 0 ? 0 : random.Next(stage),
                    3 => stage + 2 + random.Next(Math.Max(1, stages - stage - 2)),
                    _ => -1,
                };
                bool last = next < 0 || next >= stages || step == o.MaxEventsPerJourney - 1;
                if (last && next < 0 && converted && outcome == EventOutcome.None && random.NextDouble() < o.ChurnProbability)
                {
                    outcome = EventOutcome.Churn;
                }

                builder.Append(customer, ticks, tp, -1, -1, outcome, value, -1, feedback, -1);
                generated++;
                if (last)
                {
                    break;
                }

                stage = FirstStageWithTouchpoints(next, next >= stage ? +1 : -1);
                if (stage < 0)
                {
                    break;
                }

                ticks += 1 + (long)(-Math.Log(1 - random.NextDouble()) * meanGap);
            }
        }

        return generated;
    }

    /// <summary>Generates the journeys and writes them as CSV (see <see cref="EventCsvWriter"/>).</summary>
    /// <param name="writer">The target; left open.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void WriteCsv(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        EventCsvWriter.Write(Generate(cancellationToken), writer, cancellationToken: cancellationToken);
    }

    private int PickTouchpoint(Random random, int stage, int previousChannel, int preferred)
    {
        int[] candidates = _stageTouchpoints[stage];
        if (preferred >= 0 && random.NextDouble() < 0.8 && Array.FindAll(candidates, tp => _touchpointChannel[tp] == preferred) is { Length: > 0 } own)
        {
            return own[random.Next(own.Length)];
        }

        if (previousChannel >= 0 && candidates.Length > 1 && random.NextDouble() < _options.ChannelStickiness)
        {
            int sameChannel = 0;
            foreach (int tp in candidates)
            {
                sameChannel += _touchpointChannel[tp] == previousChannel ? 1 : 0;
            }

            if (sameChannel > 0)
            {
                int pick = random.Next(sameChannel);
                foreach (int tp in candidates)
                {
                    if (_touchpointChannel[tp] == previousChannel && pick-- == 0)
                    {
                        return tp;
                    }
                }
            }
        }

        return candidates[random.Next(candidates.Length)];
    }

    // The nearest stage at or after/before 'from' that has touchpoints; −1 when there is none that way.
    private int FirstStageWithTouchpoints(int from, int direction)
    {
        for (int s = from; s >= 0 && s < _stageTouchpoints.Length; s += direction)
        {
            if (_stageTouchpoints[s].Length > 0)
            {
                return s;
            }
        }

        return direction < 0 ? FirstStageWithTouchpoints(from, +1) : -1;
    }

    // How a designed emotion (−2..+2) reads as a 0–10 recommendation score: a neutral touchpoint is a passive (mean 7.5),
    // +2 a promoter (mean 10), −2 a detractor (mean 2.5); sd 1 before rounding and clamping. Before, neutral meant a 5 — a
    // detractor — and a map whose designed and observed emotions agreed showed stage NPS far below zero.
    internal static double FeedbackScore(double emotion, double standardNormal)
    {
        double mean = emotion >= 0 ? 7.5 + (1.25 * emotion) : 7.5 + (2.5 * emotion);
        return Math.Clamp(Math.Round(mean + standardNormal), 0, 10);
    }

    private static double Normal(Random random)
    {
        // Box–Muller transform.
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
