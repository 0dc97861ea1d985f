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
        var paths = new Dictionary<string, int>[k];
        var channelCounts = new long[k, log.ChannelNames.Count + 1];
        var events = new long[k];
        var promoters = new int[k];
        var detractors = new int[k];
        var responses = new int[k];
        var valueSum = new double[k];
        var valueSquares = new double[k];
        ReadOnlySpan<int> stageIds = log.StageIds;
        var reached = new long[k, log.StageNames.Count];
        var seen = new bool[log.StageNames.Count];
        for (int i = 0; i < k; i++)
        {
            paths[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

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
            paths[p][key] = paths[p].GetValueOrDefault(key) + 1;
            events[p] += to - from;
            Array.Clear(seen);
            for (int e = from; e < to; e++)
            {
                if (stageIds[e] >= 0 && !seen[stageIds[e]])
                {
                    seen[stageIds[e]] = true;
                    reached[p, stageIds[e]]++;
                }
            }

            double total = 0;
            double latest = double.NaN;
            for (int e = from; e < to; e++)
            {
                channelCounts[p, channels[e] >= 0 ? channels[e] : log.ChannelNames.Count]++;
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
                responses[p]++;
                promoters[p] += latest >= 9 ? 1 : 0;
                detractors[p] += latest <= 6 ? 1 : 0;
            }

            valueSum[p] += total;
            valueSquares[p] += total * total;
        }

        var profiles = new PersonaProfile[k];
        for (int i = 0; i < k; i++)
        {
            int n = sizes[i];
            var top = paths[i].OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(5)
                .Select(x => new PersonaPath(x.Key.Split('\u001f'), x.Value, n == 0 ? double.NaN : (double)x.Value / n)).ToList();
            var mix = new List<(string Channel, double Share)>();
            for (int ch = 0; ch <= log.ChannelNames.Count; ch++)
            {
                if (channelCounts[i, ch] > 0)
                {
                    mix.Add((ch < log.ChannelNames.Count ? log.ChannelNames[ch] : LevelColumns.Unknown, (double)channelCounts[i, ch] / events[i]));
                }
            }

            double nps = responses[i] == 0 ? double.NaN : 100.0 * (promoters[i] - detractors[i]) / responses[i];
            double mean = values.IsEmpty || n == 0 ? double.NaN : valueSum[i] / n;
            double sd = n < 2 ? double.NaN : Math.Sqrt(Math.Max(0, (valueSquares[i] - (n * mean * mean)) / (n - 1)));
            double half = 1.959963984540054 * sd / Math.Sqrt(n);
            profiles[i] = new PersonaProfile(
                Interval.Of(Stats.Wilson(converted[i], n), 0.95),
                top,
                [.. mix.OrderByDescending(x => x.Share).ThenBy(x => x.Channel, StringComparer.Ordinal)],
                responses[i],
                nps,
                Interval.Of(Stats.NpsInterval(promoters[i], detractors[i], responses[i], 0.95, adjusted: true), 0.95),
                mean,
                double.IsNaN(mean) || double.IsNaN(half) ? new Interval(double.NaN, double.NaN, 0.95) : new Interval(mean - half, mean + half, 0.95),
                [.. Enumerable.Range(0, log.StageNames.Count).Select(st => (log.StageNames[st], n == 0 ? double.NaN : (double)reached[i, st] / n))]);
        }

        return profiles;
    }
}
