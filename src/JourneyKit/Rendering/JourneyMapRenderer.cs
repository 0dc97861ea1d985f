using System.Globalization;
using System.Text;
using JourneyKit.Metrics;

namespace JourneyKit.Rendering;

/// <summary>
/// Draws a journey map as SVG: stages as columns in map order; lanes of touchpoints grouped by channel, frontstage above
/// the line of visibility and backstage below; the designed (and observed) emotion curve; pain points marked by
/// severity; opportunities; an optional metrics row. Accessible (title and description), printable, and deterministic:
/// the same input gives the same bytes. All text from the map is escaped; long names are shortened with an ellipsis
/// and kept whole in a tooltip title.
/// </summary>
public static class JourneyMapRenderer
{
    private const double Left = 140, Gap = 10, TouchpointHeight = 26;

    /// <summary>Renders the map.</summary>
    /// <param name="map">The map.</param>
    /// <param name="options">Extras to draw; none by default.</param>
    /// <returns>A standalone SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stage width is out of range.</exception>
    public static string RenderSvg(JourneyMap map, JourneyMapRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new JourneyMapRenderOptions();
        if (!(options.StageWidth >= 120 && options.StageWidth <= 600)) // NaN fails both comparisons: reject it too
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StageWidth, "StageWidth must lie in [120, 600].");
        }

        double w = options.StageWidth;
        int stages = map.Stages.Count;
        double width = Left + (stages * (w + Gap)) + 20;
        var column = map.Stages.Select((s, i) => (s.Id, X: Left + (i * (w + Gap)))).ToDictionary(p => p.Id, p => p.X, StringComparer.Ordinal);
        var body = new StringBuilder();
        double y = 20;

        body.Append(Svg.Text(16, y + 4, map.Name, 80, "font-size=\"18\" font-weight=\"700\" class=\"map-title\""));
        body.Append(Svg.Text(width - 16, y + 4, map.State == JourneyMapState.Current ? "Current state (as-is)" : "Future state (to-be)", 40, "text-anchor=\"end\" fill=\"#555\""));
        y += 20;

        // Stage headers.
        foreach (Stage stage in map.Stages)
        {
            double x = column[stage.Id];
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"stage\" data-id=\"{Svg.Escape(stage.Id)}\"><title>{Svg.Escape(stage.Name)}{(stage.Goal is null ? "" : ": " + Svg.Escape(stage.Goal))}</title>");
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(w)}\" height=\"52\" rx=\"6\" fill=\"#2c3e50\"/>");
            body.Append(Svg.Text(x + 10, y + 21, stage.Name, (int)(w / 8), "fill=\"#ffffff\" font-weight=\"700\" font-size=\"14\""));
            if (stage.Goal is not null)
            {
                body.Append(Svg.Text(x + 10, y + 40, stage.Goal, (int)(w / 6.2), "fill=\"#dfe6e9\" font-size=\"11\""));
            }

            body.Append("</g>");
        }

        y += 64;

        // Lanes: one per channel for frontstage touchpoints, then the line of visibility and one backstage lane.
        var positions = new Dictionary<string, double>(StringComparer.Ordinal); // touchpoint → x centre (for the curve)
        var front = map.Touchpoints.Where(t => t.Lane == Lane.Frontstage).ToList();
        var back = map.Touchpoints.Where(t => t.Lane == Lane.Backstage).ToList();
        foreach (Channel channel in map.Channels.Where(c => front.Any(t => t.ChannelId == c.Id)))
        {
            y = DrawLane(body, map, front.Where(t => t.ChannelId == channel.Id).ToList(), $"{channel.Name}", channel.Kind.ToString(), y, width, w, column, positions, "channel-lane");
        }

        body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left - 130)}\" y1=\"{Svg.N(y + 4)}\" x2=\"{Svg.N(width - 10)}\" y2=\"{Svg.N(y + 4)}\" stroke=\"#7f8c8d\" stroke-dasharray=\"6 4\" class=\"line-of-visibility\"/>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(width - 12)}\" y=\"{Svg.N(y)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#7f8c8d\">line of visibility</text>");
        y += 12;
        if (back.Count > 0)
        {
            y = DrawLane(body, map, back, "Backstage", "behind the scenes", y, width, w, column, positions, "backstage-lane");
        }

        // Emotion curve.
        y = EmotionBand(body, map, options.ObservedEmotions, y + 8, width, column, positions, w);

        // Pain points and opportunities per stage.
        y = PainPoints(body, map, y, w, column);
        y = Opportunities(body, map, y, w, column);

        if (options.StageMetrics is { Count: > 0 } metrics)
        {
            y = Metrics(body, map, metrics, y, w, column);
        }

        double height = y + 16;
        string description = $"Journey map with {stages} stages ({string.Join(", ", map.Stages.Select(s => s.Name))}), {map.Touchpoints.Count} touchpoints on {map.Channels.Count} channels, {map.PainPoints.Count} pain points and {map.Opportunities.Count} opportunities.";
        return Svg.Open(width, height, "Journey map: " + map.Name, description) + body + Svg.Close;
    }

    private static double DrawLane(StringBuilder body, JourneyMap map, List<Touchpoint> touchpoints, string label, string sublabel, double y, double width, double w,
        Dictionary<string, double> column, Dictionary<string, double> positions, string cssClass)
    {
        int rows = Math.Max(1, map.Stages.Max(s => touchpoints.Count(t => t.StageId == s.Id)));
        double height = (rows * (TouchpointHeight + 6)) + 12;
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"{cssClass}\"><rect x=\"6\" y=\"{Svg.N(y)}\" width=\"{Svg.N(width - 12)}\" height=\"{Svg.N(height)}\" rx=\"4\" fill=\"#f5f6fa\"/>");
        body.Append(Svg.Text(14, y + 18, label, 18, "font-weight=\"600\""));
        body.Append(Svg.Text(14, y + 33, sublabel, 20, "font-size=\"10\" fill=\"#7f8c8d\""));
        foreach (Stage stage in map.Stages)
        {
            int row = 0;
            foreach (Touchpoint tp in touchpoints.Where(t => t.StageId == stage.Id))
            {
                double x = column[stage.Id] + 6, ty = y + 6 + (row * (TouchpointHeight + 6));
                string stroke = tp.Emotion is { } e ? Svg.EmotionColour(e.Value) : "#bdc3c7";
                string cls = "touchpoint" + (tp.IsMomentOfTruth ? " moment-of-truth" : "");
                string tooltip = tp.Name + (tp.Description is null ? "" : " — " + tp.Description) + (tp.Owner is null ? "" : $" (owner: {tp.Owner})");
                body.Append(CultureInfo.InvariantCulture, $"<g class=\"{cls}\" data-id=\"{Svg.Escape(tp.Id)}\"><title>{Svg.Escape(tooltip)}</title>");
                body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(ty)}\" width=\"{Svg.N(w - 12)}\" height=\"{Svg.N(TouchpointHeight)}\" rx=\"5\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"{(tp.IsMomentOfTruth ? 3 : 1.5)}\"/>");
                body.Append(Svg.Text(x + 8, ty + 17, (tp.IsMomentOfTruth ? "★ " : "") + tp.Name, (int)((w - 28) / 6.6)));
                body.Append("</g>");
                positions.TryAdd(tp.Id, x + ((w - 12) / 2));
                row++;
            }
        }

        body.Append("</g>");
        return y + height + 6;
    }

    private static double EmotionBand(StringBuilder body, JourneyMap map, IReadOnlyList<EmotionGap>? observed, double y, double width, Dictionary<string, double> column,
        Dictionary<string, double> positions, double w)
    {
        const double Height = 170, Scale = 35;
        double centre = y + (Height / 2);
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"emotion-curve\"><rect x=\"6\" y=\"{Svg.N(y)}\" width=\"{Svg.N(width - 12)}\" height=\"{Svg.N(Height)}\" rx=\"4\" fill=\"#fbfbfd\"/>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Emotion</text>");
        for (int level = -2; level <= 2; level++)
        {
            double ly = centre - (level * Scale);
            body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left - 20)}\" y1=\"{Svg.N(ly)}\" x2=\"{Svg.N(width - 12)}\" y2=\"{Svg.N(ly)}\" stroke=\"{(level == 0 ? "#95a5a6" : "#ecf0f1")}\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(Left - 26)}\" y=\"{Svg.N(ly + 4)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#7f8c8d\">{(level > 0 ? "+" : "")}{level}</text>");
        }

        // Points sit at their stage column, spread within it in journey order.
        var curve = map.EmotionCurve();
        var xs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in curve.GroupBy(p => p.StageId))
        {
            var items = group.ToList();
            for (int i = 0; i < items.Count; i++)
            {
                xs[items[i].TouchpointId] = column[group.Key] + ((i + 1) * w / (items.Count + 1));
            }
        }

        if (curve.Count > 1)
        {
            body.Append(CultureInfo.InvariantCulture, $"<polyline class=\"designed-curve\" fill=\"none\" stroke=\"#34495e\" stroke-width=\"2\" points=\"{string.Join(' ', curve.Select(p => $"{Svg.N(xs[p.TouchpointId])},{Svg.N(centre - (p.Emotion.Value * Scale))}"))}\"/>");
        }

        foreach (var p in curve)
        {
            string name = map.GetTouchpoint(p.TouchpointId).Name;
            body.Append(CultureInfo.InvariantCulture, $"<circle class=\"emotion-point\" data-id=\"{Svg.Escape(p.TouchpointId)}\" cx=\"{Svg.N(xs[p.TouchpointId])}\" cy=\"{Svg.N(centre - (p.Emotion.Value * Scale))}\" r=\"5\" fill=\"{Svg.EmotionColour(p.Emotion.Value)}\"><title>{Svg.Escape($"{name}: designed {p.Emotion}")}</title></circle>");
        }

        if (observed is { Count: > 0 })
        {
            var points = observed.Where(g => xs.ContainsKey(g.TouchpointId) || positions.ContainsKey(g.TouchpointId))
                .Select(g => (g, X: xs.TryGetValue(g.TouchpointId, out double x) ? x : positions[g.TouchpointId])).ToList();
            if (points.Count > 1)
            {
                body.Append(CultureInfo.InvariantCulture, $"<polyline class=\"observed-curve\" fill=\"none\" stroke=\"#8e44ad\" stroke-width=\"2\" stroke-dasharray=\"5 4\" points=\"{string.Join(' ', points.Select(p => $"{Svg.N(p.X)},{Svg.N(centre - (p.g.Observed.Value * Scale))}"))}\"/>");
            }

            foreach (var (g, x) in points)
            {
                body.Append(CultureInfo.InvariantCulture, $"<circle class=\"observed-point\" data-id=\"{Svg.Escape(g.TouchpointId)}\" cx=\"{Svg.N(x)}\" cy=\"{Svg.N(centre - (g.Observed.Value * Scale))}\" r=\"4\" fill=\"#8e44ad\"><title>{Svg.Escape($"{map.FindTouchpoint(g.TouchpointId)?.Name ?? g.TouchpointId}: observed {g.Observed} (n={g.Responses})")}</title></circle>");
            }

            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(width - 14)}\" y=\"{Svg.N(y + 18)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#8e44ad\">— — observed</text>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(width - 14)}\" y=\"{Svg.N(y + 32)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#34495e\">—— designed</text>");
        body.Append("</g>");
        return y + Height + 10;
    }

    private static double PainPoints(StringBuilder body, JourneyMap map, double y, double w, Dictionary<string, double> column)
    {
        var byStage = map.Stages.ToDictionary(s => s.Id, s => map.PainPointsIn(s.Id), StringComparer.Ordinal);
        int rows = Math.Max(1, byStage.Values.Max(p => p.Count));
        double height = 28 + (rows * 22);
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"pain-points\"><text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Pain points</text>");
        foreach (Stage stage in map.Stages)
        {
            int row = 0;
            foreach (PainPoint pain in byStage[stage.Id])
            {
                double x = column[stage.Id] + 12, py = y + 18 + (row * 22);
                body.Append(CultureInfo.InvariantCulture, $"<g class=\"pain\" data-id=\"{Svg.Escape(pain.Id)}\" data-severity=\"{pain.Severity}\"><title>{Svg.Escape($"{pain.Severity}: {pain.Description}")}</title>");
                body.Append(CultureInfo.InvariantCulture, $"<circle class=\"pain-point\" cx=\"{Svg.N(x)}\" cy=\"{Svg.N(py - 4)}\" r=\"{3 + (int)pain.Severity}\" fill=\"{Svg.SeverityColour(pain.Severity)}\"/>");
                body.Append(Svg.Text(x + 12, py, pain.Description, (int)((w - 30) / 6.2), "font-size=\"11\""));
                body.Append("</g>");
                row++;
            }
        }

        body.Append("</g>");
        return y + height;
    }

    private static double Opportunities(StringBuilder body, JourneyMap map, double y, double w, Dictionary<string, double> column)
    {
        if (map.Opportunities.Count == 0)
        {
            return y;
        }

        string StageOf(Opportunity o) =>
            o.PainPointIds.Select(id => map.FindPainPoint(id)).Where(p => p is not null)
                .Select(p => p!.StageId ?? map.GetTouchpoint(p.TouchpointId!).StageId).FirstOrDefault() ?? map.Stages[0].Id;
        var byStage = map.Opportunities.GroupBy(StageOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int rows = byStage.Values.Max(l => l.Count);
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"opportunities\"><text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Opportunities</text>");
        foreach (var (stageId, items) in byStage.OrderBy(kv => map.GetStage(kv.Key).Position))
        {
            for (int i = 0; i < items.Count; i++)
            {
                double x = column[stageId] + 6, oy = y + 18 + (i * 22);
                body.Append(CultureInfo.InvariantCulture, $"<g class=\"opportunity\" data-id=\"{Svg.Escape(items[i].Id)}\"><title>{Svg.Escape($"{items[i].Description} (impact {items[i].Impact}, effort {items[i].Effort})")}</title>");
                body.Append(Svg.Text(x, oy, "◆ " + items[i].Description, (int)((w - 14) / 6.2), "font-size=\"11\" fill=\"#1e8449\""));
                body.Append("</g>");
            }
        }

        body.Append("</g>");
        return y + 28 + (rows * 22);
    }

    private static double Metrics(StringBuilder body, JourneyMap map, IReadOnlyDictionary<string, IReadOnlyList<string>> metrics, double y, double w, Dictionary<string, double> column)
    {
        int rows = Math.Max(1, metrics.Values.Max(l => l.Count));
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"metrics\"><text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Metrics</text>");
        foreach (var (stageId, lines) in metrics)
        {
            if (!column.TryGetValue(stageId, out double x))
            {
                continue;
            }

            for (int i = 0; i < lines.Count; i++)
            {
                body.Append(Svg.Text(x + 6, y + 18 + (i * 18), lines[i], (int)((w - 10) / 6.2), "class=\"metric\" font-size=\"11\""));
            }
        }

        body.Append("</g>");
        return y + 28 + (rows * 18);
    }
}
