using System.Globalization;
using System.Text;
using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Paths;
using JourneyKit.Personas;
using JourneyKit.Rules;

namespace JourneyKit.Rendering;

/// <summary>
/// One self-contained HTML file — inline CSS and SVG, no scripts, no external assets — that combines the journey map with
/// the analyses of an event log: the artefact to send to colleagues. Deterministic: the same input gives the same bytes.
/// </summary>
public static class HtmlReport
{
    /// <summary>
    /// Builds the report of a map and, when given, of an event log resolved through it: analyses the log with the stated
    /// defaults of <see cref="JourneyReportData.Analyze"/>, then renders (<see cref="Render"/>).
    /// </summary>
    /// <param name="map">The journey map.</param>
    /// <param name="log">An event log resolved through the map, or <see langword="null"/> for the map alone.</param>
    /// <param name="options">Title, number of variants, feedback scale.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">The log was built with another map.</exception>
    public static string Build(JourneyMap map, EventLog? log = null, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Render(map, log is null ? null : JourneyReportData.Analyze(map, log, options), options);
    }

    /// <summary>
    /// Renders a report from results the caller computed (with any filter, level, conversion state or model it chose):
    /// every section whose result is present in <paramref name="data"/> is drawn; absent ones are left out. Renders only —
    /// it analyses nothing.
    /// </summary>
    /// <param name="map">The journey map.</param>
    /// <param name="data">The results to show, or <see langword="null"/> for the map alone.</param>
    /// <param name="options">Title and number of variants.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public static string Render(JourneyMap map, JourneyReportData? data, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new HtmlReportOptions();
        string title = options.Title ?? map.Name;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Svg.Escape(title)}</title>");
        html.Append("<style>body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;color:#2c3e50;max-width:1400px}" +
                    "h1{font-size:26px}h2{font-size:19px;margin-top:36px;border-bottom:1px solid #dfe6e9;padding-bottom:4px}" +
                    "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #dfe6e9;padding:4px 10px;text-align:left;font-size:13px}" +
                    "th{background:#f5f6fa}.kpis{display:flex;gap:16px;flex-wrap:wrap}.kpi{background:#f5f6fa;border-radius:8px;padding:10px 16px}" +
                    ".kpi b{display:block;font-size:22px}.scroll{overflow-x:auto}pre{background:#f5f6fa;padding:8px;font-size:12px;overflow-x:auto}" +
                    ".cards{display:flex;gap:16px;flex-wrap:wrap}.card{border:1px solid #dfe6e9;border-radius:10px;padding:12px 16px;width:440px}" +
                    ".card h3{margin:0 0 6px 0;font-size:16px}.card p{margin:4px 0;font-size:13px}.card ul{margin:2px 0 6px 18px;padding:0;font-size:13px}.personas{margin-bottom:16px}.persona{background:#fbfbfd}.segment{color:#576574}.note{color:#576574;font-size:13px}" +
                    "@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;max-width:none}.scroll{overflow:visible}.card,table,svg{break-inside:avoid}h2{break-before:page;break-after:avoid}svg{max-width:100%;height:auto}}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Svg.Escape(title)}</h1>");
        if (map.Description is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Svg.Escape(map.Description)}</p>");
        }

        if (map.Personas.Count > 0)
        {
            // A card per persona, as journey-mapping tools show them: who, and what they want, need and hate.
            html.Append("<div class=\"cards personas\">");
            foreach (Persona persona in map.Personas)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"card persona\"><h3>{Svg.Escape(persona.Name)}</h3>");
                if (persona.Segment is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"segment\">Segment: {Svg.Escape(persona.Segment)}</p>");
                }

                if (persona.Description is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p>{Svg.Escape(persona.Description)}</p>");
                }

                foreach (var (heading, items) in new[] { ("Goals", persona.Goals), ("Needs", persona.Needs), ("Frustrations", persona.Frustrations) })
                {
                    if (items.Count > 0)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<p><b>{heading}</b></p><ul>").Append(string.Concat(items.Select(i => $"<li>{Svg.Escape(i)}</li>"))).Append("</ul>");
                    }
                }

                html.Append("</div>");
            }

            html.Append("</div>");
        }

        if (data is null)
        {
            html.Append("<h2>Journey map</h2><div class=\"scroll\">").Append(JourneyMapRenderer.RenderSvg(map)).Append("</div>");
            return html.Append("</body></html>\n").ToString();
        }

        html.Append("<div class=\"kpis\">");
        Kpi(html, "Customers", data.Customers.ToString("N0", CultureInfo.InvariantCulture));
        Kpi(html, "Events", data.Events.ToString("N0", CultureInfo.InvariantCulture));
        Kpi(html, "Converted (any conversion event)", double.IsNaN(data.ConvertedShare) ? "–" : data.ConvertedShare.ToString("P1", CultureInfo.InvariantCulture));
        if (data.JourneyDurations is { } durations)
        {
            Kpi(html, "Median journey", $"{durations.Median.TotalHours.ToString("F1", CultureInfo.InvariantCulture)} h");
        }

        if (data.NonLinearity is { } nonLinear)
        {
            Kpi(html, "Linearity index", nonLinear.LinearityIndex.ToString("F2", CultureInfo.InvariantCulture));
        }

        if (data.Conformance is { } conformanceKpi)
        {
            Kpi(html, "Follow the design", conformanceKpi.ConformingShare.ToString("P1", CultureInfo.InvariantCulture));
        }

        html.Append("</div>");

        // The map with observed emotions and per-stage metrics.
        var metrics = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var row in data.Conformance?.Stages ?? [])
        {
            var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"Reached by {row.Entered:N0} ({(double)row.Entered / Math.Max(1, data.Conformance!.Journeys):P0})") };
            if (data.StageNps is { } nps && nps.TryGetValue(row.StageId, out var stageNps) && stageNps.Responses > 0)
            {
                var (lo, hi) = stageNps.ConfidenceInterval();
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"NPS {stageNps.Score:F0} [{lo:F0}, {hi:F0}]"));
            }

            if (data.StageDwell is { } timed && timed.States.Contains(row.StageId) && timed.MeanDwellTime(row.StageId) != TimeSpan.MaxValue)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"Mean dwell {timed.MeanDwellTime(row.StageId).TotalHours:F1} h"));
            }

            metrics[row.StageId] = lines;
        }

        var renderOptions = new JourneyMapRenderOptions { StageMetrics = metrics, ObservedEmotions = data.ObservedEmotions };
        html.Append("<h2>Journey map</h2><div class=\"scroll\">").Append(JourneyMapRenderer.RenderSvg(map, renderOptions)).Append("</div>");

        if (data.Funnel is { } funnel)
        {
            html.Append("<h2>Funnel through the designed stages</h2>")
                .Append("<p class=\"note\">Each bar counts the journeys that reached a stage after every stage before it, in map order. ")
                .Append("The map's \"Reached by\" counts the journeys that entered a stage at all, in any order; \"Converted\" counts ")
                .Append("journeys with a conversion event, wherever it happened.</p>")
                .Append(Charts.Funnel(funnel));
        }

        if (data.Flows is { } flows)
        {
            html.Append("<h2>Where journeys go</h2><div class=\"scroll\">").Append(Charts.Sankey(flows)).Append("</div>");
        }

        if (data.Variants is { } variants)
        {
            html.Append("<h2>Most common stage paths</h2><table><tr><th>Path</th><th>Journeys</th><th>Share</th><th>Converts</th><th>Median duration</th></tr>");
            foreach (PathVariant v in variants.Take(Math.Clamp(options.TopVariants, 1, 100)))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(string.Join(" → ", v.Steps))}{(v.IsTruncated ? " → …" : "")}</td><td>{v.Count:N0}</td><td>{v.Share:P1}</td><td>{v.ConversionRate:P1}</td><td>{v.MedianDuration.TotalHours:F1} h</td></tr>");
            }

            html.Append("</table>");
        }

        if (data.NonLinearity is { } routes)
        {
            html.Append("<h2>Where customers double back</h2><table><tr><th>From</th><th>Back to</th><th>Times</th></tr>");
            foreach (StageRoute r in routes.BacktrackRoutes.Take(10))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(map.FindStage(r.From)?.Name ?? r.From)}</td><td>{Svg.Escape(map.FindStage(r.To)?.Name ?? r.To)}</td><td>{r.Count:N0}</td></tr>");
            }

            html.Append("</table>");
        }

        if (data.StageChain is { } chain)
        {
            html.Append("<h2>Stage transitions</h2><div class=\"scroll\">").Append(Charts.Heatmap(chain)).Append("</div>");
        }

        if (data.MarkovAttribution is { } markov)
        {
            html.Append("<h2>Which channels earn the conversions</h2><table><tr><th>Channel</th><th>Markov</th><th>Removal effect</th><th>Last touch</th><th>Shapley</th></tr>");
            foreach (ChannelCredit c in markov.Channels)
            {
                string lastTouch = data.LastTouchAttribution?.Channels.FirstOrDefault(x => x.Channel == c.Channel) is { } l ? l.Conversions.ToString("N1", CultureInfo.InvariantCulture) : "–";
                string shapley = data.ShapleyAttribution?.Channels.FirstOrDefault(x => x.Channel == c.Channel) is { } sh ? sh.Conversions.ToString("N1", CultureInfo.InvariantCulture) : "–";
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(map.FindChannel(c.Channel)?.Name ?? c.Channel)}</td><td>{c.Conversions:N1}</td><td>{markov.RemovalEffects[c.Channel]:P1}</td><td>{lastTouch}</td><td>{shapley}</td></tr>");
            }

            html.Append("</table>");
        }

        if (data.TimeToConversion is { } survival)
        {
            html.Append("<h2>Time to conversion</h2>").Append(Charts.Survival(survival, "Share not yet converted", "days"));
        }

        if (data.Personas is { } personas)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Personas from behaviour ({personas.Personas.Count} by {(personas.Candidates.Count > 1 ? "BIC" : "choice")}, {personas.Level.ToString().ToLowerInvariant()} level)</h2><div class=\"cards\">");
            IReadOnlyList<PersonaMatch> matches = personas.MatchDesigned(map);
            foreach (DiscoveredPersona p in personas.Personas)
            {
                string starts = string.Join(", ", p.Starts.Select(s => string.Create(CultureInfo.InvariantCulture, $"{Svg.Escape(s.State)} {s.Probability:P0}")));
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"card persona-card\"><h3>Persona {p.Index} · {p.Size:N0} customers ({p.Share:P0})</h3>");
                html.Append(CultureInfo.InvariantCulture, $"<p>{Svg.Escape(p.Description)}</p><p>Starts: {starts}</p>");
                html.Append(CultureInfo.InvariantCulture, $"<p>Converts {(double.IsNaN(p.ConversionRate) ? "–" : string.Create(CultureInfo.InvariantCulture, $"{p.ConversionRate:P1} [{p.ConversionInterval.Lower:P1}, {p.ConversionInterval.Upper:P1}]"))}; mean membership {p.MeanMembership:P0}</p>");
                if (p.NpsResponses > 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p>NPS {p.Nps:F0} [{p.NpsInterval.Lower:F0}, {p.NpsInterval.Upper:F0}] (n = {p.NpsResponses:N0})</p>");
                }

                html.Append("<p>Channels: ").Append(Svg.Escape(string.Join(", ", p.ChannelMix.Take(4).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {c.Share:P0}"))))).Append("</p>");
                html.Append("<p>Typical paths:<br>").Append(string.Join("<br>", p.TopPaths.Take(3).Select(x => Svg.Escape(x.ToString())))).Append("</p>");
                if (matches[p.Index].DesignedPersonaId is { } designed)
                {
                    string name = map.FindPersona(designed)?.Name ?? designed;
                    html.Append(CultureInfo.InvariantCulture, $"<p>{(matches[p.Index].IsCovered ? "Nearest designed persona" : "<b>Not covered</b> by a designed persona; nearest")}: {Svg.Escape(name)} ({matches[p.Index].Similarity:P0})</p>");
                }

                html.Append(Charts.PersonaSteps(personas, p.Index)).Append("</div>");
            }

            html.Append("</div>");
        }

        if (data.Rules is { } ruleResults)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Journey rules, back-tested as of {ruleResults.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC</h2>");
            html.Append("<table><tr><th>Rule</th><th>Fired</th><th>Customers</th><th>Pending</th><th>Recovered anyway</th></tr>");
            foreach (RuleSummary s in ruleResults.Summaries)
            {
                string share = double.IsNaN(s.RecoveredShare) ? "–" : s.RecoveredShare.ToString("P1", CultureInfo.InvariantCulture);
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(s.RuleName)}</td><td>{s.Fired:N0}</td><td>{s.FiredCustomers:N0}</td><td>{s.Pending:N0}</td><td>{share}</td></tr>");
            }

            html.Append("</table>");
            foreach (RuleSummary s in ruleResults.Summaries)
            {
                html.Append(Charts.RuleFirings(ruleResults, s.RuleName));
            }
        }

        if (data.DirectlyFollows is { } dfg)
        {
            html.Append("<h2>Directly-follows graph</h2><div class=\"scroll\">").Append(Charts.DirectlyFollows(dfg)).Append("</div>")
                .Append("<details><summary>Graphviz DOT</summary><pre>").Append(Svg.Escape(Charts.ToDot(dfg))).Append("</pre></details>");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void Kpi(StringBuilder html, string label, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"kpi\"><b>{Svg.Escape(value)}</b>{Svg.Escape(label)}</div>");
}
