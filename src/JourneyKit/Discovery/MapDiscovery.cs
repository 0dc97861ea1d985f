using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Discovery;

/// <summary>
/// Drafts a current-state journey map from events alone (after Bernard &amp; Andritsos, "A process mining based model for
/// customer journey mapping", CAiSE 2017 forum): stages from how touchpoints are used, channels, emotions from
/// feedback, moments of truth and pain points with their evidence — and a handful of representative journeys.
/// </summary>
public static partial class MapDiscovery
{
    /// <summary>
    /// Discovers a draft map. Each touchpoint is described by the step at which journeys first reach it and the share of
    /// its events after a conversion (both standardised, weighted by events); touchpoints sorted by typical step are cut
    /// into stages exactly (least within-stage spread); the number of stages, unless given, follows the
    /// criterion of <see cref="MapDiscoveryOptions.Stages"/>. Channel = the touchpoint's most frequent channel;
    /// emotion = its mean rating mapped linearly to −2..+2 (only where there is feedback); moments of truth = the largest
    /// positive conversion lifts; pain points = unusual exits, backtracks, long dwell and low feedback, each with its numbers.
    /// </summary>
    /// <param name="log">The events (any log: with or without a map; touchpoint labels become the map's touchpoint ids).</param>
    /// <param name="options">Number of stages, limits, feedback scale, personas; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the discovery (checked between customers).</param>
    /// <returns>The draft map and how each choice was made.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The log has no events; more stages are asked than the log has touchpoints; a label cannot be a map id (the message lists them); or ratings fall outside 0–10 with no stated scale.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MapDiscoveryResult Discover(EventLog log, MapDiscoveryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= new MapDiscoveryOptions();
        options.Validate();
        if (log.EventCount == 0)
        {
            throw new ArgumentException("The event log has no events; there is no journey to draw a map from.", nameof(log));
        }

        RequireValidIds(log);
        int n = log.TouchpointNames.Count;
        if (options.Stages is { } asked && asked > n)
        {
            throw new ArgumentException($"{asked} stages were asked for, but the log has {n} touchpoint{(n == 1 ? "" : "s")}; a stage needs at least one.", nameof(options));
        }

        var tally = TouchpointTally.Of(log, cancellationToken);
        var (stageOf, stageCount, choice, clustered) = ChooseStages(log, tally, options);
        var stages = DescribeStages(log, tally, stageOf, stageCount);
        var (forward, transitions, backFrom, transFrom) = Transitions(log, stageOf, cancellationToken);
        var scale = FeedbackScale(tally, options);
        var evidence = Enumerable.Range(0, n).Select(tp => Evidence(log, tally, tp, stages[stageOf[tp]].Id, clustered[tp])).ToList();
        var painPoints = DiscoveredPainPoints.Find(log, tally, stages, stageOf, evidence, backFrom, transFrom, scale, 1 - ((double)forward / Math.Max(1, transitions)), options);
        var map = BuildMap(log, options, tally, stages, evidence, painPoints, scale, (double)forward / Math.Max(1, transitions), cancellationToken);
        var byLabel = evidence.ToDictionary(e => e.Touchpoint, StringComparer.Ordinal);
        var ordered = stages.SelectMany(s => s.Touchpoints).Select(label => byLabel[label]).ToList();
        return new MapDiscoveryResult(map, stages, ordered, [.. painPoints.Select(p => p.Evidence)], transitions == 0 ? double.NaN : (double)forward / transitions, transitions, choice);
    }

    private static void RequireValidIds(EventLog log)
    {
        var bad = new List<string>();
        foreach (string label in log.TouchpointNames.Concat(log.ChannelNames))
        {
            try
            {
                Guard.Id(label, "label");
            }
            catch (ArgumentException)
            {
                bad.Add(Guard.Clip(label));
            }
        }

        if (bad.Count > 0)
        {
            throw new ArgumentException(
                $"{bad.Count} touchpoint or channel label(s) cannot be map ids (at most {Guard.MaxIdLength} printable characters, not in parentheses), so the draft could not conform to the log: " +
                string.Join(", ", bad.Take(10).Select(b => $"'{b}'")) + ". Rename them when reading the log (IngestOptions) and discover again.",
                nameof(log));
        }
    }

    // The clustered touchpoints (most frequent first, up to the cap) cut into stages; the rest join the nearest stage.
    private static (int[] StageOf, int Stages, string Choice, bool[] Clustered) ChooseStages(EventLog log, TouchpointTally t, MapDiscoveryOptions options)
    {
        int n = log.TouchpointNames.Count;
        double FirstStep(int tp) => t.FirstStepSum[tp] / Math.Max(1, t.Journeys[tp]);
        double AfterShare(int tp) => (double)t.After[tp] / Math.Max(1, t.Events[tp]);
        int[] byFrequency = [.. Enumerable.Range(0, n).Where(tp => t.Events[tp] > 0).OrderByDescending(tp => t.Events[tp]).ThenBy(tp => log.TouchpointNames[tp], StringComparer.Ordinal)];
        int[] members = [.. byFrequency.Take(options.MaxClusteredTouchpoints).OrderBy(FirstStep).ThenBy(tp => log.TouchpointNames[tp], StringComparer.Ordinal)];
        double[] weights = [.. members.Select(tp => (double)t.Events[tp])];
        var features = new List<double[]> { Standardised([.. members.Select(FirstStep)], weights) };
        if (t.ConvertingJourneys > 0)
        {
            features.Add(Standardised([.. members.Select(AfterShare)], weights));
        }

        var cuts = StageSegmentation.Segment([.. features], weights, Math.Min(options.MaxStages, members.Length));
        double total = cuts[0].Spread;
        double Explained(int k) => total <= 0 ? 1 : 1 - (cuts[k - 1].Spread / total);
        int chosen = Math.Min(options.Stages ?? (total <= 0 ? 1 : Enumerable.Range(1, cuts.Length - 1).FirstOrDefault(k => Explained(k + 1) - Explained(k) < options.MinimumStageGain, cuts.Length)), cuts.Length);
        string explained = string.Join(", ", Enumerable.Range(1, cuts.Length).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k}: {Explained(k):P1}")));
        string choice = options.Stages is { } given
            ? string.Create(CultureInfo.InvariantCulture, $"{chosen} stages as asked{(chosen < given ? $" (of {given}: only {members.Length} touchpoints were clustered)" : "")}; they explain {Explained(chosen):P1} of the spread of the touchpoints' descriptions.")
            : string.Create(CultureInfo.InvariantCulture, $"{chosen} stage{(chosen == 1 ? "" : "s")}: the fewest after which one more would explain less than {options.MinimumStageGain:P0} more of the spread of the touchpoints' descriptions (first step reached, share after a conversion); spread explained by k stages: ") + explained + ".";

        var stageOf = new int[n];
        var clustered = new bool[n];
        var starts = cuts[chosen - 1].Starts;
        for (int i = 0; i < members.Length; i++)
        {
            stageOf[members[i]] = starts.Count(s => s <= i) - 1;
            clustered[members[i]] = true;
        }

        // Typical step per stage (event-weighted), for the touchpoints beyond the cap (and those without events).
        var typical = Enumerable.Range(0, chosen).Select(s =>
        {
            var inStage = members.Where(tp => stageOf[tp] == s).ToList();
            return inStage.Sum(tp => t.Events[tp] * FirstStep(tp)) / Math.Max(1, inStage.Sum(tp => t.Events[tp]));
        }).ToArray();
        foreach (int tp in Enumerable.Range(0, n).Where(tp => !clustered[tp]))
        {
            stageOf[tp] = Enumerable.Range(0, chosen).MinBy(s => Math.Abs(typical[s] - FirstStep(tp)));
        }

        if (members.Length < byFrequency.Length)
        {
            choice += string.Create(CultureInfo.InvariantCulture, $" The {members.Length} most frequent touchpoints were clustered (MaxClusteredTouchpoints); the other {n - members.Length} joined the stage of the nearest typical step.");
        }

        return (stageOf, chosen, choice, clustered);
    }

    private static double[] Standardised(double[] values, double[] weights)
    {
        double w = weights.Sum();
        double mean = values.Zip(weights, (v, x) => v * x).Sum() / w;
        double sd = Math.Sqrt(values.Zip(weights, (v, x) => x * (v - mean) * (v - mean)).Sum() / w);
        return [.. values.Select(v => sd > 0 ? (v - mean) / sd : 0)];
    }

    private static List<DiscoveredStage> DescribeStages(EventLog log, TouchpointTally t, int[] stageOf, int stages) =>
        [.. Enumerable.Range(0, stages).Select(s =>
        {
            var members = Enumerable.Range(0, stageOf.Length).Where(tp => stageOf[tp] == s)
                .OrderByDescending(tp => t.Events[tp]).ThenBy(tp => log.TouchpointNames[tp], StringComparer.Ordinal).ToList();
            long events = members.Sum(tp => t.Events[tp]);
            double typical = members.Sum(tp => t.FirstStepSum[tp] / Math.Max(1, t.Journeys[tp]) * t.Events[tp]) / Math.Max(1, events);
            // Short enough for a stage header: the most frequent touchpoint (the full list is in the stage's description).
            string top = members.Count == 0 ? "(empty)" : log.TouchpointNames[members[0]];
            string name = top.Length <= 22 ? top : top[..21] + "…";
            return new DiscoveredStage(string.Create(CultureInfo.InvariantCulture, $"stage-{s + 1}"), name, s, [.. members.Select(tp => log.TouchpointNames[tp])], typical, events);
        })];

    // One more pass: transitions that stay or move forward under the stage order, and per touchpoint those that go back.
    private static (long Forward, long Transitions, long[] BackFrom, long[] TransFrom) Transitions(EventLog log, int[] stageOf, CancellationToken cancellationToken)
    {
        ReadOnlySpan<int> offsets = log.CustomerOffsets, touchpoints = log.TouchpointIds;
        var back = new long[stageOf.Length];
        var from = new long[stageOf.Length];
        long forward = 0, all = 0;
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int e = offsets[c] + 1; e < offsets[c + 1]; e++)
            {
                int a = touchpoints[e - 1], b = touchpoints[e];
                all++;
                from[a]++;
                if (stageOf[b] >= stageOf[a])
                {
                    forward++;
                }
                else
                {
                    back[a]++;
                }
            }
        }

        return (forward, all, back, from);
    }

    private static (double Minimum, double Maximum)? FeedbackScale(TouchpointTally t, MapDiscoveryOptions options)
    {
        if (options.FeedbackScale is { } given)
        {
            return t.MinRating < given.Minimum || t.MaxRating > given.Maximum
                ? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Ratings run from {t.MinRating} to {t.MaxRating}, outside the stated feedback scale [{given.Minimum}, {given.Maximum}]."), nameof(options))
                : given;
        }

        if (double.IsPositiveInfinity(t.MinRating))
        {
            return null;
        }

        return t.MinRating >= 1 && t.MaxRating <= 5 ? (1, 5)
            : t.MinRating >= 0 && t.MaxRating <= 10 ? (0, 10)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Ratings run from {t.MinRating} to {t.MaxRating}: not a 1–5 or 0–10 scale. State it in MapDiscoveryOptions.FeedbackScale."), nameof(options));
    }

    private static TouchpointEvidence Evidence(EventLog log, TouchpointTally t, int tp, string stageId, bool clustered)
    {
        long journeys = Math.Max(1, t.Journeys[tp]);
        double overall = (double)t.ConvertingJourneys / Math.Max(1, t.TotalJourneys);
        double rate = (double)t.Converting[tp] / journeys;
        int width = t.Channels + 1;
        var mix = Enumerable.Range(0, width).Where(c => t.ChannelCounts[(tp * width) + c] > 0)
            .Select(c => (Channel: c < t.Channels ? log.ChannelNames[c] : "(unknown)", Share: (double)t.ChannelCounts[(tp * width) + c] / Math.Max(1, t.Events[tp])))
            .OrderByDescending(m => m.Share).ThenBy(m => m.Channel, StringComparer.Ordinal).ToList();
        return new TouchpointEvidence(log.TouchpointNames[tp], stageId, clustered, t.Events[tp], t.Journeys[tp], t.FirstStepSum[tp] / journeys,
            (double)t.After[tp] / Math.Max(1, t.Events[tp]), rate, rate - overall, (double)t.Exits[tp] / journeys, t.MedianDwell(tp), mix,
            t.Ratings[tp], t.Ratings[tp] == 0 ? double.NaN : t.RatingSum[tp] / t.Ratings[tp]);
    }

    internal static string EmotionLabel(double value) =>
        value <= -1.2 ? "frustrated" : value <= -0.4 ? "dissatisfied" : value < 0.4 ? "neutral" : value < 1.2 ? "satisfied" : "delighted";
}
