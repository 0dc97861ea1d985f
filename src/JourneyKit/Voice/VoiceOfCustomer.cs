using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Voice;

/// <summary>
/// Hears the customers' own words on the journey: scores every comment (VADER), places it on the customer's journey,
/// summarises sentiment and a heuristic emotion per touchpoint, stage and channel, finds the phrases that set each
/// touchpoint and stage apart, and turns strongly negative ones into pain-point candidates. Runs on the device.
/// </summary>
public static class VoiceOfCustomer
{
    /// <summary>
    /// Analyses comments against an event log. A comment that names its touchpoint stays there; one that does not is
    /// placed on the customer's latest event at or before it within <see cref="VoiceOptions.PlacementWindow"/> (so a
    /// ticket lands on the step that caused it). A comment for a customer the log lacks, before the customer's first
    /// event, or too long after the latest one is kept in the result, scored, and counted with its reason — never dropped.
    /// </summary>
    /// <param name="log">The event log.</param>
    /// <param name="comments">The comments (any order).</param>
    /// <param name="options">Language (English only), placement window, phrase settings, interval level.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked every 4,096 comments).</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="comments"/> (or one of them) is null.</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="NotSupportedException">The language is not English.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static VoiceAnalysis Analyze(EventLog log, IEnumerable<CustomerComment> comments, VoiceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(comments);
        options ??= new VoiceOptions();
        options.Validate();
        Vader.RequireEnglish(options.Language);
        var input = comments as IReadOnlyList<CustomerComment> ?? [.. comments];
        for (int i = 0; i < input.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(input[i], nameof(comments));
        }

        // Scoring and placing are independent per comment: in parallel, each result at its comment's index (the log's
        // lookup tables are built first, on this thread).
        _ = log.FindCustomer(string.Empty);
        _ = log.FindTouchpoint(string.Empty);
        var scored = new ScoredComment[input.Count];
        Parallel.For(0, (input.Count + 4095) / 4096, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            for (int i = chunk * 4096, end = Math.Min(input.Count, i + 4096); i < end; i++)
            {
                scored[i] = Score(log, input[i], options);
            }
        });

        var placed = scored.Where(c => c.IsPlaced).ToList();
        var stageOrder = log.Map?.Stages.Select(s => s.Id).ToList();
        var (touchpointPhrases, stagePhrases) = Phrases(placed, options, cancellationToken);
        return new VoiceAnalysis(
            Array.AsReadOnly(scored),
            Summaries(placed, c => c.Touchpoint, options, null).AsReadOnly(),
            Summaries(placed, c => c.Stage, options, stageOrder).AsReadOnly(),
            Summaries(placed, c => c.Channel, options, null).AsReadOnly(),
            touchpointPhrases.AsReadOnly(),
            stagePhrases.AsReadOnly(),
            Candidates(touchpointPhrases, placed, options).AsReadOnly());
    }

    private static ScoredComment Score(EventLog log, CustomerComment comment, VoiceOptions options)
    {
        bool truncated = comment.Text.Length > options.MaxCommentLength;
        var text = Scored(comment, options);
        var scores = Vader.Score(text);
        var emotions = TextWords.Emotions(text);
        var (placement, touchpoint, stage, channel) = Place(log, comment, options.PlacementWindow);
        return new ScoredComment(comment, scores, placement, touchpoint, stage, channel ?? comment.Channel, emotions, truncated);
    }

    private static (CommentPlacement, string?, string?, string?) Place(EventLog log, CustomerComment comment, TimeSpan window)
    {
        int customer = log.FindCustomer(comment.CustomerId);
        int latest = customer < 0 ? -1 : LatestAtOrBefore(log, customer, comment.Timestamp.UtcTicks);
        if (comment.Touchpoint is { } stated)
        {
            // A stated touchpoint stays; its stage from the map, else from the customer's latest event there.
            Touchpoint? designed = log.Map?.FindTouchpoint(stated);
            string? stage = designed?.StageId;
            string? channel = designed?.ChannelId;
            int tp = log.FindTouchpoint(stated);
            for (int e = latest; stage is null && e >= 0 && e >= log.CustomerOffsets[customer]; e--)
            {
                if (log.TouchpointIds[e] == tp)
                {
                    stage = Name(log.StageNames, log.StageIds, e);
                    channel ??= Name(log.ChannelNames, log.ChannelIds, e);
                }
            }

            return (CommentPlacement.Stated, stated, stage, channel);
        }

        if (customer < 0)
        {
            return (CommentPlacement.UnknownCustomer, null, null, null);
        }

        if (latest < 0)
        {
            return (CommentPlacement.BeforeFirstEvent, null, null, null);
        }

        if (comment.Timestamp.UtcTicks - log.UtcTicks[latest] > window.Ticks)
        {
            return (CommentPlacement.OutsideWindow, null, null, null);
        }

        return (CommentPlacement.LatestEvent, log.TouchpointNames[log.TouchpointIds[latest]], Name(log.StageNames, log.StageIds, latest), Name(log.ChannelNames, log.ChannelIds, latest));
    }

    // The customer's last event at or before the ticks (events are in time order within a customer), or −1.
    private static int LatestAtOrBefore(EventLog log, int customer, long ticks)
    {
        int from = log.CustomerOffsets[customer], to = log.CustomerOffsets[customer + 1];
        int index = log.UtcTicks[from..to].BinarySearch(ticks);
        int position = index >= 0 ? index : ~index - 1;
        if (index >= 0)
        {
            // The last of several events at the same instant.
            while (from + position + 1 < to && log.UtcTicks[from + position + 1] == ticks)
            {
                position++;
            }
        }

        return position < 0 ? -1 : from + position;
    }

    private static string? Name(IReadOnlyList<string> names, ReadOnlySpan<int> ids, int e) =>
        ids.IsEmpty || ids[e] < 0 ? null : names[ids[e]];

    private static List<SentimentSummary> Summaries(List<ScoredComment> placed, Func<ScoredComment, string?> key, VoiceOptions options, List<string>? order)
    {
        var summaries = placed.Where(c => key(c) is not null).GroupBy(c => key(c)!, StringComparer.Ordinal).Select(g =>
        {
            var values = g.Select(c => c.Scores.Compound).ToArray();
            double mean = values.Average();
            var (lower, upper) = Stats.MeanInterval(mean, values.Sum(v => (v - mean) * (v - mean)), values.Length, options.IntervalLevel);
            var interval = new Interval(Math.Max(-1, lower), Math.Min(1, upper), options.IntervalLevel);   // NaN stays NaN
            var ranked = g.SelectMany(c => c.Emotions).GroupBy(l => l, StringComparer.Ordinal)
                .Select(l => (Label: l.Key, Count: (long)l.Count()))
                .OrderByDescending(l => l.Count).ThenBy(l => l.Label, StringComparer.Ordinal).ToList();
            var labels = ranked.ToDictionary(l => l.Label, l => l.Count, StringComparer.Ordinal);
            return new SentimentSummary(
                g.Key,
                values.Length,
                mean,
                interval,
                (double)values.Count(v => v <= -SentimentScores.PolarityThreshold) / values.Length,
                (double)values.Count(v => v >= SentimentScores.PolarityThreshold) / values.Length,
                Emotion.From(Math.Clamp(2 * mean, -2, 2), ranked.Count > 0 ? ranked[0].Label : null),
                labels);
        });
        return order is null
            ? [.. summaries.OrderByDescending(s => s.Comments).ThenBy(s => s.Name, StringComparer.Ordinal)]
            : [.. summaries.OrderBy(s => order.IndexOf(s.Name) is var i && i >= 0 ? i : int.MaxValue).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static (List<KeyPhrase> Touchpoints, List<KeyPhrase> Stages) Phrases(List<ScoredComment> placed, VoiceOptions options, CancellationToken cancellationToken)
    {
        var touchpointGroups = Groups(placed, c => c.Touchpoint);
        var stageGroups = Groups(placed, c => c.Stage);
        var vocabulary = new PhraseCounter.Vocabulary();
        var byTouchpoint = new PhraseCounter(touchpointGroups.Count, vocabulary);
        var byStage = new PhraseCounter(stageGroups.Count, vocabulary);
        var phrases = new HashSet<long>();
        for (int i = 0; i < placed.Count; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ScoredComment c = placed[i];
            byTouchpoint.Phrases(Scored(c.Comment, options), phrases);
            byTouchpoint.Add(touchpointGroups[c.Touchpoint!], phrases, c.Scores.Compound, i);
            if (c.Stage is not null)
            {
                byStage.Add(stageGroups[c.Stage], phrases, c.Scores.Compound, i);
            }
        }

        return (Ranked(byTouchpoint, touchpointGroups, placed, options), Ranked(byStage, stageGroups, placed, options));
    }

    private static ReadOnlySpan<char> Scored(CustomerComment comment, VoiceOptions options) =>
        comment.Text.AsSpan(0, Math.Min(comment.Text.Length, options.MaxCommentLength));

    private static Dictionary<string, int> Groups(List<ScoredComment> placed, Func<ScoredComment, string?> key)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in placed)
        {
            if (key(c) is { } name)
            {
                groups.TryAdd(name, groups.Count);
            }
        }

        return groups;
    }

    // Each group's top phrases with their most negative comments as examples (kept while counting: no second pass).
    private static List<KeyPhrase> Ranked(PhraseCounter counter, Dictionary<string, int> groups, List<ScoredComment> placed, VoiceOptions options) =>
        [.. groups.OrderBy(g => g.Value).SelectMany(g => counter.Top(g.Value, options.TopPhrases, options.MinimumPhraseComments).Select(p =>
            new KeyPhrase(g.Key, counter.Text(p.Phrase), p.Comments, p.Z, p.MeanCompound, [.. p.Examples.Take(options.Examples).Select(i => placed[i].Comment.Text)])))];

    private static List<PainPointCandidate> Candidates(List<KeyPhrase> phrases, List<ScoredComment> placed, VoiceOptions options)
    {
        var stageOf = placed.Where(c => c.Touchpoint is not null && c.Stage is not null)
            .GroupBy(c => c.Touchpoint!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(c => c.Stage!).OrderByDescending(s => s.Count()).First().Key, StringComparer.Ordinal);
        return [.. phrases.Where(p => p.MeanCompound <= options.PainPointThreshold)
            .OrderBy(p => p.MeanCompound).ThenByDescending(p => p.Comments)
            .Select(p => new PainPointCandidate(
                p.Group,
                stageOf.GetValueOrDefault(p.Group),
                p.Phrase,
                p.Comments,
                p.MeanCompound,
                p.MeanCompound <= -0.6 ? Severity.High : p.MeanCompound <= -0.45 ? Severity.Medium : Severity.Low,
                [$"{p.Comments:N0} comments at '{p.Group}' use '{p.Phrase}', mean sentiment {p.MeanCompound:+0.00;-0.00} (z {p.Score:0.0} against other touchpoints)", .. p.Examples.Select(e => $"\"{Guard.Clip(e)}\"")]))];
    }
}
