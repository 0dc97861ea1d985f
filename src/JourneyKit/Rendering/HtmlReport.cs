using System.Globalization;
using System.Text;
using JourneyKit.Discovery;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Rendering;

/// <summary>
/// One self-contained HTML file — inline CSS and SVG, no scripts, no external assets — that combines the journey map with
/// the analyses of an event log: the artefact to send to colleagues. Every section opens with what it shows, how to read
/// it and its caveats; every table downloads as CSV. Deterministic: the same input gives the same bytes.
/// </summary>
public static partial class HtmlReport
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;color:#2c3e50;max-width:1400px}" +
        "h1{font-size:26px}h2{font-size:19px;margin-top:36px;border-bottom:1px solid #dfe6e9;padding-bottom:4px}" +
        "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #dfe6e9;padding:4px 10px;text-align:left;font-size:13px}" +
        "th{background:#f5f6fa}.kpis{display:flex;gap:16px;flex-wrap:wrap}.kpi{background:#f5f6fa;border-radius:8px;padding:10px 16px}" +
        ".kpi b{display:block;font-size:22px}.scroll{overflow-x:auto}.scroll svg{max-width:100%;height:auto}pre{background:#f5f6fa;padding:8px;font-size:12px;overflow-x:auto}" +
        ".cards{display:flex;gap:16px;flex-wrap:wrap}.card{border:1px solid #dfe6e9;border-radius:10px;padding:12px 16px;width:440px;max-width:100%;box-sizing:border-box}" +
        ".card h3{margin:0 0 6px 0;font-size:16px}.card p{margin:4px 0;font-size:13px}.card ul{margin:2px 0 6px 18px;padding:0;font-size:13px}.personas{margin-bottom:16px}.persona{background:#fbfbfd}.segment{color:#576574}" +
        ".note,.intro{color:#576574;font-size:13px;max-width:960px}.download{font-size:12px;margin:2px 0 12px 0}.warning{color:#a04000;font-size:13px}" +
        "@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;max-width:none}.scroll{overflow:visible}.card,table,svg{break-inside:avoid}h2{break-before:page;break-after:avoid}svg{max-width:100%;height:auto}.download{display:none}}";

    /// <summary>
    /// Builds the report of a map and, when given, of an event log resolved through it: analyses the log with the stated
    /// defaults of <see cref="JourneyReportData.Analyze"/>, then renders (<see cref="Render"/>).
    /// </summary>
    /// <param name="map">The journey map.</param>
    /// <param name="log">An event log built with the map; or read without one, or built with another map (it is then resolved through this map: touchpoints and channels kept, stages from this map); or <see langword="null"/> for the map alone.</param>
    /// <param name="options">Title, number of variants, feedback scale.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked between its analyses and inside the long ones).</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">The log names a touchpoint or channel the map lacks.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static string Build(JourneyMap map, EventLog? log = null, HtmlReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Render(map, log is null ? null : JourneyReportData.Analyze(map, log, options, cancellationToken), options);
    }

    /// <summary>
    /// Builds the report of a log that has no hand-made map: discovers a draft map from its events
    /// (<see cref="MapDiscovery.Discover"/>), says so on the page, and reports the log through it.
    /// </summary>
    /// <param name="log">The events.</param>
    /// <param name="options">Title, number of variants, feedback scale.</param>
    /// <param name="discovery">How the draft is discovered; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the discovery and the analysis.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">The log cannot yield a map (see <see cref="MapDiscovery.Discover"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static string Build(EventLog log, HtmlReportOptions? options = null, MapDiscoveryOptions? discovery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var draft = MapDiscovery.Discover(log, discovery, cancellationToken);
        options ??= new HtmlReportOptions();
        string notice = "This journey map was discovered from the events, not drawn by hand: " + draft.StageChoice +
            string.Create(CultureInfo.InvariantCulture, $" {draft.ForwardShare:P1} of the steps stay in their stage or move forward under the discovered order. Edit it and commit it as your designed map.");
        return Build(draft.Map, log, options with { Notice = options.Notice is null ? notice : options.Notice + " " + notice }, cancellationToken);
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
        options.Validate();
        string title = options.Title ?? map.Name;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Svg.Escape(title)}</title>");
        html.Append("<style>").Append(Style).Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Svg.Escape(title)}</h1>");
        if (map.Description is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Svg.Escape(map.Description)}</p>");
        }

        if (options.Notice is { } notice)
        {
            html.Append("<p class=\"note\">").Append(Svg.Escape(notice)).Append("</p>");
        }

        DesignedPersonas(html, map);
        if (data is null)
        {
            Section(html, "Journey map", "The designed journey: stages left to right, touchpoints on the channel lane they use, the designed emotion along the way, pain points and the opportunities that address them.");
            html.Append("<div class=\"scroll\">").Append(JourneyMapRenderer.RenderSvg(map)).Append("</div>");
            return html.Append("</body></html>\n").ToString();
        }

        Kpis(html, data);
        MapSection(html, map, data);
        FunnelSection(html, data);
        FlowSection(html, data);
        VariantSection(html, data, options);
        RepresentativeSection(html, data);
        BacktrackSection(html, map, data);
        TransitionSection(html, data);
        AttributionSection(html, map, data);
        TimeToConversionSection(html, data);
        WhatIfSection(html, data);
        VoiceSection(html, map, data);
        PersonaSection(html, map, data);
        RuleSection(html, data);
        ExperimentSection(html, data);
        DirectlyFollowsSection(html, data);
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>A section's heading and the plain sentences that open it: what it shows, how to read it, its caveats.</summary>
    private static void Section(StringBuilder html, string heading, string intro)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Svg.Escape(heading)}</h2><p class=\"intro\">{Svg.Escape(intro)}</p>");
    }

    private static void Kpi(StringBuilder html, string label, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"kpi\"><b>{Svg.Escape(value)}</b>{Svg.Escape(label)}</div>");

    private static void Kpis(StringBuilder html, JourneyReportData data)
    {
        html.Append("<div class=\"kpis\">");
        Kpi(html, "Customers", data.Customers.ToString("N0", CultureInfo.InvariantCulture));
        Kpi(html, "Events", data.Events.ToString("N0", CultureInfo.InvariantCulture));
        Kpi(html, "Converted (any conversion event)", Show.Percent(data.ConvertedShare));
        if (data.JourneyDurations is { } durations)
        {
            Kpi(html, "Median journey", Show.Hours(durations.Median));
        }

        if (data.NonLinearity is { } nonLinear)
        {
            Kpi(html, "Linearity index", nonLinear.LinearityIndex.ToString("F2", CultureInfo.InvariantCulture));
        }

        if (data.Conformance is { } conformance)
        {
            Kpi(html, "Follow the design", conformance.ConformingShare.ToString("P1", CultureInfo.InvariantCulture));
        }

        html.Append("</div>");
    }
}
