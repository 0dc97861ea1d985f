using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Discovery;

/// <summary>One pass over a log's columns: per touchpoint, how it is used (the numbers every discovery choice rests on).</summary>
internal sealed class TouchpointTally
{
    private TouchpointTally(int touchpoints, int channels)
    {
        Channels = channels;
        Events = new long[touchpoints];
        Journeys = new long[touchpoints];
        Converting = new long[touchpoints];
        Exits = new long[touchpoints];
        After = new long[touchpoints];
        Ratings = new long[touchpoints];
        FirstStepSum = new double[touchpoints];
        RatingSum = new double[touchpoints];
        ChannelCounts = new long[touchpoints * (channels + 1)];
        Dwell = new int[touchpoints][];
        DwellCount = new long[touchpoints];
    }

    public int Channels { get; }

    public long[] Events { get; }

    public long[] Journeys { get; }

    public long[] Converting { get; }

    public long[] Exits { get; }

    public long[] After { get; }

    public long[] Ratings { get; }

    public double[] FirstStepSum { get; }

    public double[] RatingSum { get; }

    /// <summary>Touchpoint-major: channel c of touchpoint t at t × (channels + 1) + c; the last slot counts events without a channel.</summary>
    public long[] ChannelCounts { get; }

    /// <summary>Per touchpoint, a log histogram of the time to the journey's next event (allocated on first use).</summary>
    public int[][] Dwell { get; }

    public long[] DwellCount { get; }

    public long TotalJourneys { get; private set; }

    public long ConvertingJourneys { get; private set; }

    public double MinRating { get; private set; } = double.PositiveInfinity;

    public double MaxRating { get; private set; } = double.NegativeInfinity;

    public static TouchpointTally Of(EventLog log, CancellationToken cancellationToken)
    {
        int n = log.TouchpointNames.Count;
        var t = new TouchpointTally(n, log.ChannelNames.Count);
        ReadOnlySpan<int> offsets = log.CustomerOffsets, touchpoints = log.TouchpointIds, channels = log.ChannelIds;
        ReadOnlySpan<long> ticks = log.UtcTicks;
        ReadOnlySpan<EventOutcome> outcomes = log.Outcomes;
        ReadOnlySpan<double> feedback = log.Feedback;
        var seen = new int[n];
        int width = t.Channels + 1;
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int from = offsets[c], to = offsets[c + 1];
            if (from == to)
            {
                continue;
            }

            int firstConversion = outcomes[from..to].IndexOf(EventOutcome.Conversion);
            bool converts = firstConversion >= 0;
            t.TotalJourneys++;
            t.ConvertingJourneys += converts ? 1 : 0;
            for (int e = from; e < to; e++)
            {
                int tp = touchpoints[e];
                t.Events[tp]++;
                if (seen[tp] != c + 1)
                {
                    seen[tp] = c + 1;
                    t.Journeys[tp]++;
                    t.FirstStepSum[tp] += e - from;
                    t.Converting[tp] += converts ? 1 : 0;
                }

                t.ChannelCounts[(tp * width) + (channels[e] >= 0 ? channels[e] : t.Channels)]++;
                if (converts && e - from > firstConversion)
                {
                    t.After[tp]++;
                }

                if (!feedback.IsEmpty && !double.IsNaN(feedback[e]))
                {
                    t.Ratings[tp]++;
                    t.RatingSum[tp] += feedback[e];
                    t.MinRating = Math.Min(t.MinRating, feedback[e]);
                    t.MaxRating = Math.Max(t.MaxRating, feedback[e]);
                }

                if (e + 1 < to)
                {
                    (t.Dwell[tp] ??= new int[LogHistogram.Buckets])[LogHistogram.Bucket(ticks[e + 1] - ticks[e])]++;
                    t.DwellCount[tp]++;
                }
            }

            if (!converts)
            {
                t.Exits[touchpoints[to - 1]]++;
            }
        }

        return t;
    }

    public TimeSpan MedianDwell(int tp) =>
        Dwell[tp] is { } histogram ? TimeSpan.FromTicks((long)LogHistogram.Quantile(histogram, DwellCount[tp], 0.5)) : TimeSpan.Zero;
}
