using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>What a persona's customers did, beyond the chain: paths, channels, conversion, NPS and value with intervals.</summary>
internal sealed record PersonaProfile(
    Interval ConversionInterval,
    IReadOnlyList<PersonaPath> TopPaths,
    IReadOnlyList<(string Channel, double Share)> ChannelMix,
    int NpsResponses,
    double Nps,
    Interval NpsInterval,
    double MeanValue,
    Interval MeanValueInterval,
    IReadOnlyList<(string Stage, double Share)> StageReach)
{
    /// <summary>One pass over the journeys: a profile per persona.</summary>
    public static PersonaProfile[] Of(EventLog log, JourneySequences data, int[] assignment, int k, PathLevel level, int[] converted, int[] sizes)
    {
        (int[] ids, IReadOnlyList<string> names) = LevelColumns.At(log, level);
        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        ReadOnlySpan<int> channels = log.ChannelIds;
        ReadOnlySpan<double> feedback = log.Feedback;
        ReadOnlySpan<double> values = log.Values;
        ReadOnlySpan<int> stageIds = log.StageIds;
        var t = new Tally(k, log.ChannelNames.Count, log.StageNames.Count);
        var seen = new bool[log.StageNames.Count];
        var steps = new List<string>(PersonaPath.MaxSteps + 1);
        for (int j = 0; j < data.Journeys; j++)
        {
            int p = assignment[j];
            int c = data.Customers[j];
            int from = offsets[c];
            int to = offsets[c + 1];
            steps.Clear();
            for (int e = from; e < to && steps.Count <= PersonaPath.MaxSteps; e++)
            {
                steps.Add(steps.Count == PersonaPath.MaxSteps ? "…" : LevelColumns.NameOf(ids, names, e));
            }

            string key = string.Join('\u001f', steps); // a separator no label contains (labels are valid text)
            t.Paths[p][key] = t.Paths[p].GetValueOrDefault(key) + 1;
            t.Events[p] += to - from;
            Array.Clear(seen);
            for (int e = from; e < to; e++)
            {
                if (stageIds[e] >= 0 && !seen[stageIds[e]])
                {
                    seen[stageIds[e]] = true;
                    t.Reached[p, stageIds[e]]++;
                }
            }

            double total = 0;
            double latest = double.NaN;
            for (int e = from; e < to; e++)
            {
                t.ChannelCounts[p, channels[e] >= 0 ? channels[e] : log.ChannelNames.Count]++;
                if (!feedback.IsEmpty && !double.IsNaN(feedback[e]))
                {
                    latest = feedback[e];
                }

                if (!values.IsEmpty && !double.IsNaN(values[e]))
                {
                    total += values[e];
                }
            }

            if (latest is >= 0 and <= 10)
            {
                t.Responses[p]++;
                t.Promoters[p] += latest >= 9 ? 1 : 0;
                t.Detractors[p] += latest <= 6 ? 1 : 0;
            }

            t.ValueSum[p] += total;
            t.ValueSquares[p] += total * total;
        }

        return [.. Enumerable.Range(0, k).Select(i => Profile(log, t, i, converted[i], sizes[i]))];
    }

    private static PersonaProfile Profile(EventLog log, Tally t, int i, int converted, int n)
    {
        var top = t.Paths[i].OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(5)
            .Select(x => new PersonaPath(x.Key.Split('\u001f'), x.Value, n == 0 ? double.NaN : (double)x.Value / n)).ToList();
        var mix = new List<(string Channel, double Share)>();
        for (int ch = 0; ch <= log.ChannelNames.Count; ch++)
        {
            if (t.ChannelCounts[i, ch] > 0)
            {
                mix.Add((ch < log.ChannelNames.Count ? log.ChannelNames[ch] : LevelColumns.Unknown, (double)t.ChannelCounts[i, ch] / t.Events[i]));
            }
        }

        double nps = t.Responses[i] == 0 ? double.NaN : 100.0 * (t.Promoters[i] - t.Detractors[i]) / t.Responses[i];
        double mean = log.Values.IsEmpty || n == 0 ? double.NaN : t.ValueSum[i] / n;
        double sd = n < 2 ? double.NaN : Math.Sqrt(Math.Max(0, (t.ValueSquares[i] - (n * mean * mean)) / (n - 1)));
        double half = 1.959963984540054 * sd / Math.Sqrt(n);
        return new PersonaProfile(
            Interval.Of(Stats.Wilson(converted, n), 0.95),
            top,
            [.. mix.OrderByDescending(x => x.Share).ThenBy(x => x.Channel, StringComparer.Ordinal)],
            t.Responses[i],
            nps,
            Interval.Of(Stats.NpsInterval(t.Promoters[i], t.Detractors[i], t.Responses[i], 0.95, adjusted: true), 0.95),
            mean,
            double.IsNaN(mean) || double.IsNaN(half) ? new Interval(double.NaN, double.NaN, 0.95) : new Interval(mean - half, mean + half, 0.95),
            [.. Enumerable.Range(0, log.StageNames.Count).Select(st => (log.StageNames[st], n == 0 ? double.NaN : (double)t.Reached[i, st] / n))]);
    }

    // Per-persona sums of the single pass.
    private sealed class Tally(int k, int channels, int stages)
    {
        public Dictionary<string, int>[] Paths { get; } = [.. Enumerable.Range(0, k).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];

        public long[,] ChannelCounts { get; } = new long[k, channels + 1];

        public long[] Events { get; } = new long[k];

        public int[] Promoters { get; } = new int[k];

        public int[] Detractors { get; } = new int[k];

        public int[] Responses { get; } = new int[k];

        public double[] ValueSum { get; } = new double[k];

        public double[] ValueSquares { get; } = new double[k];

        public long[,] Reached { get; } = new long[k, stages];
    }
}
