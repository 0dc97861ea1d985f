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
        int n = names.Count + 1;                 // labels, then (unknown)
        int converted = n, lost = n + 1, churned = n + 2, width = n + 3;
        bool dense = (long)n * width <= 16_777_216;
        long[]? denseCounts = dense ? new long[n * width] : null;
        Dictionary<long, long>? sparse = dense ? null : [];
        var start = new long[n];
        var seenBefore = new bool[n];
        var seenAfter = new bool[n];
        var dwell = new DwellStats?[n];
        var value = new DwellStats(-1);
        var offsets = log.CustomerOffsets;
        var ticks = log.UtcTicks;
        var outcomes = log.Outcomes;
        var values = log.Values;
        long journeys = 0, conversions = 0, events = 0;

        void Add(int from, int to)
        {
            if (denseCounts is not null)
            {
                denseCounts[(from * width) + to]++;
            }
            else
            {
                long key = ((long)from * width) + to;
                sparse![key] = sparse.GetValueOrDefault(key) + 1;
            }
        }

        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int first = offsets[c], end = offsets[c + 1];
            if (first == end)
            {
                continue;
            }

            journeys++;
            int previous = -1;
            long runStart = 0;
            int absorbedAt = -1;
            for (int k = first; k < end; k++)
            {
                int state = ids[k] >= 0 ? ids[k] : n - 1;
                if (previous < 0)
                {
                    start[state]++;
                    previous = state;
                    runStart = ticks[k];
                    seenBefore[state] = true;
                }
                else if (!(options.CollapseRepeats && state == previous))
                {
                    Add(previous, state);
                    (dwell[previous] ??= new DwellStats(previous)).Add((ticks[k] - runStart) / (double)TimeSpan.TicksPerDay);
                    previous = state;
                    runStart = ticks[k];
                    seenBefore[state] = true;
                }

                if (outcomes.Length > 0 && outcomes[k] == EventOutcome.Conversion)
                {
                    Add(previous, converted);
                    conversions++;
                    if (values.Length > 0 && !double.IsNaN(values[k]))
                    {
                        value.Add(values[k]);
                    }

                    absorbedAt = k;
                    break;
                }

                if (options.ChurnIsAbsorbing && outcomes.Length > 0 && outcomes[k] == EventOutcome.Churn)
                {
                    Add(previous, churned);
                    absorbedAt = k;
                    break;
                }
            }

            events += (absorbedAt < 0 ? end : absorbedAt + 1) - first;
            if (absorbedAt < 0)
            {
                Add(previous, lost);
            }
            else
            {
                for (int k = absorbedAt + 1; k < end; k++)
                {
                    seenAfter[ids[k] >= 0 ? ids[k] : n - 1] = true;
                }
            }
        }

        // Steps: labels seen before or at a conversion, in the map's order when the log has a map, otherwise in ordinal
        // order — never in order of first appearance, so that the model (and its seeded draws) does not depend on the order
        // customers arrive in; (unknown) last.
        var stepOf = new int[width];
        var steps = new List<string>();
        var afterOnly = new HashSet<string>(StringComparer.Ordinal);
        var order = Enumerable.Range(0, n - 1).ToArray();
        if (log.Map is null)
        {
            Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
        }

        foreach (int i in order.Append(n - 1))
        {
            string name = i < n - 1 ? names[i] : LevelColumns.Unknown;
            if (seenBefore[i])
            {
                stepOf[i] = steps.Count;
                steps.Add(name);
            }
            else
            {
                stepOf[i] = -1;
                if (seenAfter[i])
                {
                    afterOnly.Add(name);
                }
            }
        }

        int t = steps.Count;
        stepOf[converted] = t;
        stepOf[lost] = t + 1;
        stepOf[churned] = t + 2;
        var rows = new List<(int From, int To, long Count)>();
        if (denseCounts is not null)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    if (denseCounts[(i * width) + j] > 0)
                    {
                        rows.Add((stepOf[i], stepOf[j], denseCounts[(i * width) + j]));
                    }
                }
            }
        }
        else
        {
            rows.AddRange(sparse!.Select(kv => (stepOf[(int)(kv.Key / width)], stepOf[(int)(kv.Key % width)], kv.Value)));
        }

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
        for (int i = 0; i < n; i++)
        {
            if (stepOf[i] >= 0)
            {
                stepStart[stepOf[i]] = start[i];
                stepDwell[stepOf[i]] = dwell[i] ?? new DwellStats(i);
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
            Value = value,
            AfterConversionOnly = afterOnly,
            Journeys = journeys,
            Conversions = conversions,
            Events = events,
        };
    }
}
