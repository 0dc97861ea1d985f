using JourneyKit.Events;

namespace JourneyKit.Forecasting;

/// <summary>
/// The sufficient statistics of a <see cref="JourneyModel"/>, read in one pass over a log's columns: start counts,
/// transition counts in compressed rows (targets: the steps, then converted, lost, churned), dwell and value moments.
/// </summary>
internal sealed class ModelCounts
{
    public required string[] Steps { get; init; }
    public required int[] RowStart { get; init; }
    public required int[] Target { get; init; }
    public required long[] Count { get; init; }
    public required long[] StartCount { get; init; }
    public required DwellStats[] Dwell { get; init; }
    public required DwellStats Value { get; init; }
    public required HashSet<string> AfterConversionOnly { get; init; }
    public long Journeys { get; init; }

    /// <summary>Gets the events read up to each journey's end (conversion, churn or last event).</summary>
    public long Events { get; init; }

    public long Conversions { get; init; }

    public static ModelCounts Read(EventLog log, JourneyModelOptions options, CancellationToken cancellationToken)
    {
        var (ids, names) = LevelColumns.At(log, options.Level);
        var tally = new Tally(names.Count + 1, options);
        var offsets = log.CustomerOffsets;
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (offsets[c] < offsets[c + 1])
            {
                tally.Journey(log, ids, offsets[c], offsets[c + 1]);
            }
        }

        return tally.Finish(names, log.Map is not null);
    }

    /// <summary>The counts while the log is read, over label ids (labels, then (unknown)) and the three absorbing targets.</summary>
    private sealed class Tally
    {
        private readonly int _n;
        private readonly int _width;
        private readonly JourneyModelOptions _options;
        private readonly long[]? _dense;
        private readonly Dictionary<long, long>? _sparse;
        private readonly long[] _start;
        private readonly bool[] _seenBefore;
        private readonly bool[] _seenAfter;
        private readonly DwellStats?[] _dwell;
        private readonly DwellStats _value = new(-1);
        private long _journeys;
        private long _conversions;
        private long _events;

        public Tally(int labels, JourneyModelOptions options)
        {
            _n = labels;
            _width = labels + 3;
            _options = options;
            bool dense = (long)_n * _width <= 1 << 20;   // at most 8 MB of counts; a sparse table beyond
            _dense = dense ? new long[_n * _width] : null;
            _sparse = dense ? null : [];
            _start = new long[_n];
            _seenBefore = new bool[_n];
            _seenAfter = new bool[_n];
            _dwell = new DwellStats?[_n];
        }

        private int Converted => _n;

        private int Lost => _n + 1;

        private int Churned => _n + 2;

        /// <summary>One journey: its start, each transition with its dwell, and how it ends.</summary>
        public void Journey(EventLog log, int[] ids, int first, int end)
        {
            var ticks = log.UtcTicks;
            var outcomes = log.Outcomes;
            var values = log.Values;
            _journeys++;
            int previous = -1;
            long runStart = 0;
            int absorbedAt = -1;
            for (int k = first; k < end; k++)
            {
                int state = ids[k] >= 0 ? ids[k] : _n - 1;
                if (previous < 0)
                {
                    _start[state]++;
                    (previous, runStart, _seenBefore[state]) = (state, ticks[k], true);
                }
                else if (!(_options.CollapseRepeats && state == previous))
                {
                    Add(previous, state);
                    (_dwell[previous] ??= new DwellStats(previous)).Add((ticks[k] - runStart) / (double)TimeSpan.TicksPerDay);
                    (previous, runStart, _seenBefore[state]) = (state, ticks[k], true);
                }

                EventOutcome outcome = outcomes.Length > 0 ? outcomes[k] : EventOutcome.None;
                if (outcome == EventOutcome.Conversion)
                {
                    Add(previous, Converted);
                    _conversions++;
                    if (values.Length > 0 && !double.IsNaN(values[k]))
                    {
                        _value.Add(values[k]);
                    }

                    absorbedAt = k;
                    break;
                }

                if (_options.ChurnIsAbsorbing && outcome == EventOutcome.Churn)
                {
                    Add(previous, Churned);
                    absorbedAt = k;
                    break;
                }
            }

            _events += (absorbedAt < 0 ? end : absorbedAt + 1) - first;
            if (absorbedAt < 0)
            {
                Add(previous, Lost);
            }

            for (int k = absorbedAt < 0 ? end : absorbedAt + 1; k < end; k++)
            {
                _seenAfter[ids[k] >= 0 ? ids[k] : _n - 1] = true;
            }
        }

        /// <summary>
        /// The model's statistics. Steps are the labels seen before or at a conversion, in the map's order when the log has a
        /// map, otherwise in ordinal order — never in order of first appearance, so that the model (and its seeded draws)
        /// does not depend on the order customers arrive in; (unknown) last.
        /// </summary>
        public ModelCounts Finish(IReadOnlyList<string> names, bool mapOrder)
        {
            var order = Enumerable.Range(0, _n - 1).ToArray();
            if (!mapOrder)
            {
                Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
            }

            var stepOf = new int[_width];
            var steps = new List<string>();
            var afterOnly = new HashSet<string>(StringComparer.Ordinal);
            foreach (int i in order.Append(_n - 1))
            {
                string name = i < _n - 1 ? names[i] : LevelColumns.Unknown;
                stepOf[i] = _seenBefore[i] ? steps.Count : -1;
                if (_seenBefore[i])
                {
                    steps.Add(name);
                }
                else if (_seenAfter[i])
                {
                    afterOnly.Add(name);
                }
            }

            int t = steps.Count;
            (stepOf[Converted], stepOf[Lost], stepOf[Churned]) = (t, t + 1, t + 2);
            var rows = Transitions().Select(r => (From: stepOf[r.From], To: stepOf[r.To], r.Count)).ToList();
            rows.Sort();
            var rowStart = new int[t + 1];
            foreach (var row in rows)
            {
                rowStart[row.From + 1]++;
            }

            for (int i = 0; i < t; i++)
            {
                rowStart[i + 1] += rowStart[i];
            }

            var stepStart = new long[t];
            var stepDwell = new DwellStats[t];
            for (int i = 0; i < _n; i++)
            {
                if (stepOf[i] >= 0)
                {
                    stepStart[stepOf[i]] = _start[i];
                    stepDwell[stepOf[i]] = _dwell[i] ?? new DwellStats(i);
                }
            }

            return new ModelCounts
            {
                Steps = [.. steps],
                RowStart = rowStart,
                Target = [.. rows.Select(r => r.To)],
                Count = [.. rows.Select(r => r.Count)],
                StartCount = stepStart,
                Dwell = stepDwell,
                Value = _value,
                AfterConversionOnly = afterOnly,
                Journeys = _journeys,
                Conversions = _conversions,
                Events = _events,
            };
        }

        private void Add(int from, int to)
        {
            if (_dense is not null)
            {
                _dense[(from * _width) + to]++;
            }
            else
            {
                long key = ((long)from * _width) + to;
                _sparse![key] = _sparse.GetValueOrDefault(key) + 1;
            }
        }

        private IEnumerable<(int From, int To, long Count)> Transitions()
        {
            if (_sparse is not null)
            {
                return _sparse.Select(kv => ((int)(kv.Key / _width), (int)(kv.Key % _width), kv.Value));
            }

            var dense = _dense!;
            int width = _width;
            return Enumerable.Range(0, dense.Length).Where(i => dense[i] > 0).Select(i => (i / width, i % width, dense[i]));
        }
    }
}
