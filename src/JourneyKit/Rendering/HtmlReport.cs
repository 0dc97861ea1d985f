using System.Globalization;
using System.Text;
using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;

namespace JourneyKit.Rendering;

/// <summary>
/// One self-contained HTML file — inline CSS and SVG, no scripts, no external assets — that combines the journey map with
/// the analyses of an event log: the artefact to send to colleagues. Deterministic: the same input gives the same bytes.
/// </summary>
public static class HtmlReport
{
    /// <summary>Builds the report.</summary>
    /// <param name="map">The journey map.</param>
    /// <param name="log">An event log resolved through the map, or <see langword="null"/> for the map alone.</param>
    /// <param name="options">Title, number of variants, feedback scale.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">The log was built with another map.</exception>
    public static string Build(JourneyMap map, EventLog? log = null, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new HtmlReportOptions();
        if (log is not null && !ReferenceEquals(log.Map, map))
        {
            throw new ArgumentException("The log must have been built with this journey map (new EventLogBuilder(map)).", nameof(log));
        }

        string title = options.Title ?? map.Name;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Svg.Escape(title)}</title>");
        html.Append("<style>body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;color:#2c3e50;max-width:1400px}" +
                    "h1{font-size:26px}h2{font-size:19px;margin-top:36px;border-bottom:1px solid #dfe6e9;padding-bottom:4px}" +
                    "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #dfe6e9;padding:4px 10px;text-align:left;font-size:13px}" +
                    "th{background:#f5f6fa}.kpis{display:flex;gap:16px;flex-wrap:wrap}.kpi{background:#f5f6fa;border-radius:8px;padding:10px 16px}" +
                    ".kpi b{display:block;font-size:22px}.scroll{overflow-x:auto}pre{background:#f5f6fa;padding:8px;font-size:12px;overflow-x:auto}" +
                    "@media print{.scroll{overflow:visible}}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Svg.Escape(title)}</h1>");
        if (map.Description is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Svg.Escape(map.Description)}</p>");
        }

        if (map.Personas.Count > 0)
        {
            html.Append("<p>Persona: ").Append(string.Join("; ", map.Personas.Select(p => $"<b>{Svg.Escape(p.Name)}</b>{(p.Segment is null ? "" : $" (segment {Svg.Escape(p.Segment)})")}"))).Append("</p>");
        }

        if (log is null)
        {
            html.Append("<h2>Journey map</h2><div class=\"scroll\">").Append(JourneyMapRenderer.RenderSvg(map)).Append("</div>");
            return html.Append("</body></html>\n").ToString();
        }

        var stages = new PathAnalyzer(new PathAnalyzerOptions { Level = PathLevel.Stage, CollapseRepeats = true });
        var durations = stages.JourneyDurations(log);
        int converted = log.Journeys.Count(j => j.Outcomes.Contains(EventOutcome.Conversion));
        var nonLinear = stages.NonLinearity(log);
        var conformance = stages.Conformance(log);
        html.Append("<div class=\"kpis\">");
        Kpi(html, "Customers", log.CustomerCount.ToString("N0", CultureInfo.InvariantCulture));
        Kpi(html, "Events", log.EventCount.ToString("N0", CultureInfo.InvariantCulture));
        Kpi(html, "Converted", log.CustomerCount == 0 ? "–" : ((double)converted / log.CustomerCount).ToString("P1", CultureInfo.InvariantCulture));
        Kpi(html, "Median journey", $"{durations.Median.TotalHours.ToString("F1", CultureInfo.InvariantCulture)} h");
        Kpi(html, "Linearity index", nonLinear.LinearityIndex.ToString("F2", CultureInfo.InvariantCulture));
        Kpi(html, "Follow the design", conformance.ConformingShare.ToString("P1", CultureInfo.InvariantCulture));
        html.Append("</div>");

        // The map with observed emotions and per-stage metrics.
        bool hasFeedback = !log.Feedback.IsEmpty;
        var nps = hasFeedback ? NetPromoterScore.ByStep(log, PathLevel.Stage) : new Dictionary<string, NpsResult>();
        var timed = ContinuousTimeMarkovChain.FromEventLog(log, PathLevel.Stage, "(converted)");
        var metrics = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var row in conformance.Stages)
        {
            var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"Entered {row.Entered:N0} ({(double)row.Entered / Math.Max(1, conformance.Journeys):P0})") };
            if (nps.TryGetValue(row.StageId, out var stageNps) && stageNps.Responses > 0)
            {
                var (lo, hi) = stageNps.ConfidenceInterval();
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"NPS {stageNps.Score:F0} [{lo:F0}, {hi:F0}]"));
            }

            if (timed.States.Contains(row.StageId) && timed.MeanDwellTime(row.StageId) != TimeSpan.MaxValue)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"Mean dwell {timed.MeanDwellTime(row.StageId).TotalHours:F1} h"));
            }

            metrics[row.StageId] = lines;
        }

        var renderOptions = new JourneyMapRenderOptions
        {
            StageMetrics = metrics,
            ObservedEmotions = hasFeedback ? ObservedEmotions.Compare(log, options.FeedbackScale.Minimum, options.FeedbackScale.Maximum) : null,
        };
        html.Append("<h2>Journey map</h2><div class=\"scroll\">").Append(JourneyMapRenderer.RenderSvg(map, renderOptions)).Append("</div>");

        // Funnel over the designed stages and the flows after the first stage.
        var funnel = stages.Funnel(log, new FunnelDefinition(map.Stages.Select((s, i) => FunnelStep.Where(s.Name, (l, e) => l.StageIds[e] == i)).ToList()));
        html.Append("<h2>Funnel through the designed stages</h2>").Append(Charts.Funnel(funnel));
        if (log.StageIds.Contains(0))
        {
            html.Append("<h2>Where journeys go</h2><div class=\"scroll\">").Append(Charts.Sankey(stages.Flows(log, map.Stages[0].Id, FlowDirection.Forward, 4, 5))).Append("</div>");
        }

        // Variants and backtracks.
        html.Append("<h2>Most common stage paths</h2><table><tr><th>Path</th><th>Journeys</th><th>Share</th><th>Converts</th><th>Median duration</th></tr>");
        foreach (PathVariant v in stages.Variants(log, Math.Clamp(options.TopVariants, 1, 100)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(string.Join(" → ", v.Steps))}{(v.IsTruncated ? " → …" : "")}</td><td>{v.Count:N0}</td><td>{v.Share:P1}</td><td>{v.ConversionRate:P1}</td><td>{v.MedianDuration.TotalHours:F1} h</td></tr>");
        }

        html.Append("</table><h2>Where customers double back</h2><table><tr><th>From</th><th>Back to</th><th>Times</th></tr>");
        foreach (StageRoute r in nonLinear.BacktrackRoutes.Take(10))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(map.FindStage(r.From)?.Name ?? r.From)}</td><td>{Svg.Escape(map.FindStage(r.To)?.Name ?? r.To)}</td><td>{r.Count:N0}</td></tr>");
        }

        html.Append("</table>");

        // Markov chain of stages and attribution by channel.
        var chain = MarkovChain.FromEventLog(log, PathLevel.Stage, new MarkovEstimationOptions { EndState = "(lost)" }, "(converted)");
        html.Append("<h2>Stage transitions</h2><div class=\"scroll\">").Append(Charts.Heatmap(chain)).Append("</div>");
        var paths = PathRecord.FromEventLog(log, PathLevel.Channel);
        if (paths.Any(p => p.Conversions > 0))
        {
            var markov = MarkovAttribution.Compute(paths);
            var last = HeuristicAttribution.Compute(paths, HeuristicModel.LastTouch);
            var shapley = ShapleyAttribution.Compute(paths);
            html.Append("<h2>Which channels earn the conversions</h2><table><tr><th>Channel</th><th>Markov</th><th>Removal effect</th><th>Last touch</th><th>Shapley</th></tr>");
            foreach (ChannelCredit c in markov.Channels)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(map.FindChannel(c.Channel)?.Name ?? c.Channel)}</td><td>{c.Conversions:N1}</td><td>{markov.RemovalEffects[c.Channel]:P1}</td><td>{last.Channels.First(x => x.Channel == c.Channel).Conversions:N1}</td><td>{shapley.Channels.First(x => x.Channel == c.Channel).Conversions:N1}</td></tr>");
            }

            html.Append("</table>");
        }

        // Time to conversion as survival: journeys that never convert were still unconverted when the data ends, so they
        // are censored at the end of the log (censoring them at their last event would let the curve fall to 0).
        long dataEnd = log.EventCount == 0 ? 0 : log.UtcTicks.ToArray().Max();
        var observations = log.Journeys.Where(j => j.Count > 0).Select(j =>
        {
            int k = j.Outcomes.IndexOf(EventOutcome.Conversion);
            long end = k >= 0 ? j.UtcTicks[k] : dataEnd;
            return new SurvivalObservation(TimeSpan.FromTicks(end - j.UtcTicks[0]).TotalDays, k >= 0);
        });
        html.Append("<h2>Time to conversion</h2>").Append(Charts.Survival(KaplanMeier.Fit(observations), "Share not yet converted", "days"));
        html.Append("<h2>Directly-follows graph (Graphviz DOT)</h2><details><summary>Show DOT</summary><pre>")
            .Append(Svg.Escape(Charts.ToDot(stages.DirectlyFollows(log)))).Append("</pre></details>");
        return html.Append("</body></html>\n").ToString();
    }

    private static void Kpi(StringBuilder html, string label, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"kpi\"><b>{Svg.Escape(value)}</b>{Svg.Escape(label)}</div>");
}
