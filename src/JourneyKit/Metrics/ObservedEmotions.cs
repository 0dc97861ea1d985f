using JourneyKit.Events;

namespace JourneyKit.Metrics;

/// <summary>The observed emotion curve: feedback per touchpoint on the journey map's emotion scale, against the design.</summary>
public static class ObservedEmotions
{
    /// <summary>The observed emotion curve against the design: the name before the API grammar settled on named analyses.</summary>
    /// <param name="log">The log, built with a map.</param>
    /// <param name="scaleMinimum">The lowest feedback score.</param>
    /// <param name="scaleMaximum">The highest feedback score.</param>
    /// <returns>One gap per touchpoint with feedback (see <see cref="Gaps"/>).</returns>
    [Obsolete("Use ObservedEmotions.Gaps: an analysis is named for what it returns. AgainstDesign will be removed in 2.0.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static IReadOnlyList<EmotionGap> AgainstDesign(EventLog log, double scaleMinimum = 0, double scaleMaximum = 10) =>
        Gaps(log, scaleMinimum, scaleMaximum);

    /// <summary>
    /// Maps the mean feedback at each touchpoint onto the −2..+2 emotion scale (linearly from the feedback scale) and puts
    /// it next to the designed emotion, in journey order.
    /// </summary>
    /// <param name="log">The log, built with a map.</param>
    /// <param name="scaleMinimum">The lowest feedback score (0 for NPS, 1 for CSAT).</param>
    /// <param name="scaleMaximum">The highest feedback score (10 for NPS, 5 for CSAT).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>One gap per touchpoint with feedback, in journey order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The log has no map.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is empty, or a feedback score lies outside it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<EmotionGap> Gaps(EventLog log, double scaleMinimum = 0, double scaleMaximum = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        var map = log.Map ?? throw new InvalidOperationException("The observed emotion curve needs the map's touchpoints: build the log with new EventLogBuilder(map).");
        var sums = new double[log.TouchpointNames.Count];
        var counts = new long[sums.Length];
        var feedback = log.Feedback;
        var touchpoints = log.TouchpointIds;
        for (int e = 0; e < feedback.Length; e++)
        {
            if ((e & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!double.IsNaN(feedback[e]))
            {
                sums[touchpoints[e]] += feedback[e];
                counts[touchpoints[e]]++;
            }
        }

        var gaps = new List<EmotionGap>();
        foreach (Stage stage in map.Stages)
        {
            foreach (Touchpoint tp in map.TouchpointsIn(stage.Id))
            {
                int id = log.TouchpointNames.ToList().IndexOf(tp.Id);
                if (id >= 0 && counts[id] > 0)
                {
                    var observed = Emotion.FromScale(sums[id] / counts[id], scaleMinimum, scaleMaximum);
                    gaps.Add(new EmotionGap(stage.Id, tp.Id, tp.Emotion, observed, counts[id]));
                }
            }
        }

        return gaps.AsReadOnly();
    }
}
