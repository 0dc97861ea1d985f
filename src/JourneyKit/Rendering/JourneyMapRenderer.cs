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
    /// <exception cref="InvalidOptionsException">The stage width is out of range.</exception>
    public static string RenderSvg(JourneyMap map, JourneyMapRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new JourneyMapRenderOptions();
        options.Validate();

        double w = options.StageWidth;
        int stages = map.Stages.Count;
        double width = Left + (stages * (w + Gap)) + 20;
        var column = map.Stages.Select((s, i) => (s.Id, X: Left + (i * (w + Gap)))).ToDictionary(p => p.Id, p => p.X, StringComparer.Ordinal);
        var body = new StringBuilder();
        double y = 20;

        body.Append(Svg.Text(16, y + 4, map.Name, 80, "font-size=\"18\" font-weight=\"700\" class=\"map-title\""));
        body.Append(Svg.Text(width - 16, y + 4, map.State == JourneyMapState.Current ? "Current state (as-is)" : "Future state (to-be)", 40, "text-anchor=\"end\" fill=\"#555\""));
        y += 20;

        // Stage headers: names and goals wrapped to the column (measured), the header as tall as the tallest.
        var headers = new List<(double X, Stage Stage, string Name, string? Goal, double Height)>();
        foreach (Stage stage in map.Stages)
        {
            double x = column[stage.Id];
            var (name, nameLines) = Svg.TextBlock(x + 10, y + 21, stage.Name, w - 20, 14, 2, 17, "fill=\"#ffffff\" font-weight=\"700\" class=\"stage-name\"", bold: true);
            double goalTop = y + 21 + ((nameLines - 1) * 17) + 19;
            string? goal = null;
            int goalLines = 0;
            if (stage.Goal is not null)
            {
                (goal, goalLines) = Svg.TextBlock(x + 10, goalTop, stage.Goal, w - 20, 11, 4, 13, "fill=\"#dfe6e9\" class=\"stage-goal\"");
            }

            headers.Add((x, stage, name, goal, (goalTop - y) + (goalLines == 0 ? -8 : ((goalLines - 1) * 13) + 4)));
        }

        double headerHeight = Math.Max(52, headers.Max(h => h.Height) + 8);
        foreach (var (x, stage, name, goal, _) in headers)
        {
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"stage\" data-id=\"{Svg.Escape(stage.Id)}\"><title>{Svg.Escape(stage.Name)}{(stage.Goal is null ? "" : ": " + Svg.Escape(stage.Goal))}</title>");
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(w)}\" height=\"{Svg.N(headerHeight)}\" rx=\"6\" fill=\"#2c3e50\"/>");
            body.Append(name).Append(goal).Append("</g>");
        }

        y += headerHeight + 12;

        // Each point of the emotion curve is numbered, and its touchpoint's card carries the same number: the curve is
        // read against the cards on paper too, where tooltips do not exist.
        var numbers = map.EmotionCurve().Select((p, i) => (p.TouchpointId, Number: i + 1)).ToDictionary(p => p.TouchpointId, p => p.Number, StringComparer.Ordinal);

        // Lanes: one per channel for frontstage touchpoints, then the line of visibility and one backstage lane.
        var positions = new Dictionary<string, double>(StringComparer.Ordinal); // touchpoint → x centre (for the curve)
        var front = map.Touchpoints.Where(t => t.Lane == Lane.Frontstage).ToList();
        var back = map.Touchpoints.Where(t => t.Lane == Lane.Backstage).ToList();
        foreach (Channel channel in map.Channels.Where(c => front.Any(t => t.ChannelId == c.Id)))
        {
            y = DrawLane(body, map, front.Where(t => t.ChannelId == channel.Id).ToList(), $"{channel.Name}", channel.Kind.ToString(), y, width, w, column, positions, numbers, "channel-lane");
        }

        body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left - 130)}\" y1=\"{Svg.N(y + 4)}\" x2=\"{Svg.N(width - 10)}\" y2=\"{Svg.N(y + 4)}\" stroke=\"#7f8c8d\" stroke-dasharray=\"6 4\" class=\"line-of-visibility\"/>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(width - 12)}\" y=\"{Svg.N(y)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#7f8c8d\">line of visibility</text>");
        y += 12;
        if (back.Count > 0)
        {
            y = DrawLane(body, map, back, "Backstage", "behind the scenes", y, width, w, column, positions, numbers, "backstage-lane");
        }

        // Emotion curve: left out when nothing is designed or observed (an empty band would read as "all neutral").
        if (numbers.Count > 0 || options.ObservedEmotions is { Count: > 0 })
        {
            y = EmotionBand(body, map, options.ObservedEmotions, y + 8, width, column, positions, numbers, w);
        }

        // Pain points and opportunities per stage.
        y = PainPoints(body, map, y, w, column);
        y = Opportunities(body, map, y, w, column);

        if (options.StageMetrics is { Count: > 0 } metrics)
        {
            y = Metrics(body, map, metrics, y, w, column);
        }

        y = Legend(body, y + 6, width, options.ObservedEmotions is { Count: > 0 });
        double height = y + 16;
        string description = $"Journey map with {stages} stages ({string.Join(", ", map.Stages.Select(s => s.Name))}), {map.Touchpoints.Count} touchpoints on {map.Channels.Count} channels, {map.PainPoints.Count} pain points and {map.Opportunities.Count} opportunities.";
        return Svg.Open(width, height, "Journey map: " + map.Name, description) + body + Svg.Close;
    }

    private static double DrawLane(StringBuilder body, JourneyMap map, List<Touchpoint> touchpoints, string label, string sublabel, double y, double width, double w,
        Dictionary<string, double> column, Dictionary<string, double> positions, Dictionary<string, int> numbers, string cssClass)
    {
        // Cards first (their wrapped names decide the lane's height), then the lane behind them.
        var cards = new StringBuilder();
        double tallest = TouchpointHeight;
        foreach (Stage stage in map.Stages)
        {
            double ty = y + 6;
            foreach (Touchpoint tp in touchpoints.Where(t => t.StageId == stage.Id))
            {
                double x = column[stage.Id] + 6;
                string stroke = tp.Emotion is { } e ? Svg.EmotionColour(e.Value) : "#7f8c8d";
                string cls = "touchpoint" + (tp.IsMomentOfTruth ? " moment-of-truth" : "");
                string tooltip = tp.Name + (tp.Description is null ? "" : " — " + tp.Description) + (tp.Owner is null ? "" : $" (owner: {tp.Owner})");
                bool numbered = numbers.TryGetValue(tp.Id, out int number);
                double indent = numbered ? 22 : 8;
                var (name, lines) = Svg.TextBlock(x + indent, ty + 17, (tp.IsMomentOfTruth ? "★ " : "") + tp.Name, w - 32 - indent, 12, 3, 14, "class=\"touchpoint-name\"");
                double h = TouchpointHeight + ((lines - 1) * 14);
                cards.Append(CultureInfo.InvariantCulture, $"<g class=\"{cls}\" data-id=\"{Svg.Escape(tp.Id)}\"><title>{Svg.Escape(tooltip)}</title>");
                cards.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(ty)}\" width=\"{Svg.N(w - 12)}\" height=\"{Svg.N(h)}\" rx=\"5\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"{(tp.IsMomentOfTruth ? 3 : 1.5)}\"/>");
                cards.Append(name);
                if (numbered)
                {
                    cards.Append(CultureInfo.InvariantCulture, $"<circle class=\"card-number\" cx=\"{Svg.N(x + 11)}\" cy=\"{Svg.N(ty + 13)}\" r=\"7\" fill=\"{stroke}\"/><text x=\"{Svg.N(x + 11)}\" y=\"{Svg.N(ty + 16)}\" text-anchor=\"middle\" font-size=\"8\" font-weight=\"700\" fill=\"#ffffff\">{number}</text>");
                }

                // The card's pain points as severity dots on its right edge, so a pain point is tied to where it happens.
                int dot = 0;
                foreach (PainPoint pain in map.PainPoints.Where(p => p.TouchpointId == tp.Id))
                {
                    cards.Append(CultureInfo.InvariantCulture, $"<circle class=\"card-pain\" data-pain=\"{Svg.Escape(pain.Id)}\" cx=\"{Svg.N(x + w - 22 - (dot * 9))}\" cy=\"{Svg.N(ty + 8)}\" r=\"3.5\" fill=\"{Svg.SeverityColour(pain.Severity)}\"><title>{Svg.Escape($"Pain point ({pain.Severity}): {pain.Description}")}</title></circle>");
                    dot++;
                }

                cards.Append("</g>");
                positions.TryAdd(tp.Id, x + ((w - 12) / 2));
                ty += h + 6;
            }

            tallest = Math.Max(tallest, ty - y - 6);
        }

        var (labelText, labelLines) = Svg.TextBlock(14, y + 18, label, Left - 24, 12, 2, 14, "font-weight=\"600\" class=\"lane-name\"", bold: true);
        double sublabelY = y + 33 + ((labelLines - 1) * 14);
        var (sublabelText, _) = Svg.TextBlock(14, sublabelY, sublabel, Left - 24, 10, 1, 12, "fill=\"#7f8c8d\"");
        double height = Math.Max(tallest + 12, sublabelY - y + 10);
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"{cssClass}\"><rect x=\"6\" y=\"{Svg.N(y)}\" width=\"{Svg.N(width - 12)}\" height=\"{Svg.N(height)}\" rx=\"4\" fill=\"#f5f6fa\"/>");
        body.Append(labelText).Append(sublabelText).Append(cards).Append("</g>");
        return y + height + 6;
    }

    private static double EmotionBand(StringBuilder body, JourneyMap map, IReadOnlyList<EmotionGap>? observed, double y, double width, Dictionary<string, double> column,
        Dictionary<string, double> positions, Dictionary<string, int> numbers, double w)
    {
        // The plot: five levels, the designed curve (numbered dots) and the observed one (small dots, dashed). Words go
        // below it, in a strip of their own — each point's touchpoint name and emotion word, led to by a dotted line —
        // so that no label lies under a curve or a dot, wherever the curves run.
        const double Scale = 30, PlotTop = 30, LineHeight = 11;
        var curve = map.EmotionCurve();
        double centre = y + PlotTop + (2 * Scale) + 8;
        double plotBottom = centre + (2 * Scale) + 12;

        // Points sit at their stage column, spread within it in journey order.
        var xs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in curve.GroupBy(p => p.StageId))
        {
            var items = group.ToList();
            for (int i = 0; i < items.Count; i++)
            {
                xs[items[i].TouchpointId] = column[group.Key] + ((i + 1) * w / (items.Count + 1));
            }
        }

        // The strip: labels alternate between two tiers within a stage, so each has two slots' width; names wrap to two lines.
        var labels = new StringBuilder();
        double tierHeight = (3 * LineHeight) + 8, stripTop = plotBottom + 14;
        foreach (var group in curve.GroupBy(p => p.StageId))
        {
            double slot = 2 * w / (group.Count() + 1);
            int index = 0;
            foreach (var p in group)
            {
                double cx = xs[p.TouchpointId], cy = centre - (p.Emotion.Value * Scale);
                double top = stripTop + ((index++ % 2) * tierHeight);
                string name = map.GetTouchpoint(p.TouchpointId).Name;
                var lines = TextLayout.Wrap(name, Math.Max(30, slot - 8), 10, 2, out _);
                string value = p.Emotion.Value.ToString("+0.#;−0.#;0", CultureInfo.InvariantCulture);
                string word = p.Emotion.Label is { } l ? $"{l} ({value})" : value;
                if (TextLayout.Width(word, 10) > slot - 8 && p.Emotion.Label is { } label)
                {
                    word = label; // the value is on the plot; the word is what a reader reads
                }

                var words = TextLayout.Wrap(word, Math.Max(30, slot - 8), 10, 1, out _);
                labels.Append(CultureInfo.InvariantCulture, $"<line class=\"emotion-leader\" x1=\"{Svg.N(cx)}\" y1=\"{Svg.N(cy + 8)}\" x2=\"{Svg.N(cx)}\" y2=\"{Svg.N(top - 2)}\" stroke=\"#bdc3c7\" stroke-dasharray=\"1 3\"/>");
                for (int i = 0; i < lines.Count; i++)
                {
                    labels.Append(CultureInfo.InvariantCulture, $"<text class=\"emotion-name\" x=\"{Svg.N(cx)}\" y=\"{Svg.N(top + 9 + (i * LineHeight))}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#2c3e50\">{Svg.Escape(lines[i])}</text>");
                }

                labels.Append(CultureInfo.InvariantCulture, $"<text class=\"emotion-label\" x=\"{Svg.N(cx)}\" y=\"{Svg.N(top + 9 + (lines.Count * LineHeight))}\" text-anchor=\"middle\" font-size=\"10\" font-style=\"italic\" fill=\"{Svg.EmotionColour(p.Emotion.Value)}\">{Svg.Escape(words[0])}</text>");
            }
        }

        bool twoTiers = curve.GroupBy(p => p.StageId).Any(g => g.Count() > 1);
        double height = (stripTop - y) + ((twoTiers ? 2 : 1) * tierHeight) + 4;
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"emotion-curve\"><rect x=\"6\" y=\"{Svg.N(y)}\" width=\"{Svg.N(width - 12)}\" height=\"{Svg.N(height)}\" rx=\"4\" fill=\"#fbfbfd\"/>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Emotion</text>");
        for (int level = -2; level <= 2; level++)
        {
            double ly = centre - (level * Scale);
            body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left - 20)}\" y1=\"{Svg.N(ly)}\" x2=\"{Svg.N(width - 12)}\" y2=\"{Svg.N(ly)}\" stroke=\"{(level == 0 ? "#95a5a6" : "#ecf0f1")}\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(Left - 26)}\" y=\"{Svg.N(ly + 4)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#7f8c8d\">{(level > 0 ? "+" : "")}{level}</text>");
        }

        body.Append(labels);
        if (curve.Count > 1)
        {
            body.Append(CultureInfo.InvariantCulture, $"<polyline class=\"designed-curve\" fill=\"none\" stroke=\"#34495e\" stroke-width=\"2\" points=\"{string.Join(' ', curve.Select(p => $"{Svg.N(xs[p.TouchpointId])},{Svg.N(centre - (p.Emotion.Value * Scale))}"))}\"/>");
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

        foreach (var p in curve)
        {
            double cx = xs[p.TouchpointId], cy = centre - (p.Emotion.Value * Scale);
            string name = map.GetTouchpoint(p.TouchpointId).Name;
            body.Append(CultureInfo.InvariantCulture, $"<circle class=\"emotion-point\" data-id=\"{Svg.Escape(p.TouchpointId)}\" cx=\"{Svg.N(cx)}\" cy=\"{Svg.N(cy)}\" r=\"7\" fill=\"{Svg.EmotionColour(p.Emotion.Value)}\"><title>{Svg.Escape($"{numbers[p.TouchpointId]}. {name}: designed {p.Emotion}")}</title></circle>");
            body.Append(CultureInfo.InvariantCulture, $"<text class=\"emotion-number\" x=\"{Svg.N(cx)}\" y=\"{Svg.N(cy + 3)}\" text-anchor=\"middle\" font-size=\"8\" font-weight=\"700\" fill=\"#ffffff\">{numbers[p.TouchpointId]}</text>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(width - 14)}\" y=\"{Svg.N(y + 32)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#34495e\">—— designed</text>");
        body.Append("</g>");
        return y + height + 10;
    }

    private static double PainPoints(StringBuilder body, JourneyMap map, double y, double w, Dictionary<string, double> column)
    {
        if (map.PainPoints.Count == 0)
        {
            return y; // no row for nothing
        }

        double bottom = y + 28;
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"pain-points\"><text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Pain points</text>");
        foreach (Stage stage in map.Stages)
        {
            double py = y + 18;
            foreach (PainPoint pain in map.PainPointsIn(stage.Id))
            {
                double x = column[stage.Id] + 12;
                string where = pain.TouchpointId is { } tp ? map.FindTouchpoint(tp)?.Name ?? tp : "the stage";
                body.Append(CultureInfo.InvariantCulture, $"<g class=\"pain\" data-id=\"{Svg.Escape(pain.Id)}\" data-severity=\"{pain.Severity}\"><title>{Svg.Escape($"{pain.Severity} at {where}: {pain.Description}")}</title>");
                body.Append(CultureInfo.InvariantCulture, $"<circle class=\"pain-point\" cx=\"{Svg.N(x)}\" cy=\"{Svg.N(py - 4)}\" r=\"{3 + (int)pain.Severity}\" fill=\"{Svg.SeverityColour(pain.Severity)}\"/>");
                var (text, lines) = Svg.TextBlock(x + 12, py, pain.Description, w - 30, 11, 4, 13, "class=\"pain-text\"");
                body.Append(text).Append("</g>");
                py += 9 + (lines * 13);
            }

            bottom = Math.Max(bottom, py + 4);
        }

        body.Append("</g>");
        return Math.Max(bottom, y + 50);
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
        double bottom = y + 28;
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"opportunities\"><text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Opportunities</text>");
        foreach (var (stageId, items) in byStage.OrderBy(kv => map.GetStage(kv.Key).Position))
        {
            double oy = y + 18;
            foreach (Opportunity item in items)
            {
                double x = column[stageId] + 6;
                body.Append(CultureInfo.InvariantCulture, $"<g class=\"opportunity\" data-id=\"{Svg.Escape(item.Id)}\"><title>{Svg.Escape($"{item.Description} (impact {item.Impact}, effort {item.Effort})")}</title>");
                var (text, lines) = Svg.TextBlock(x, oy, "◆ " + item.Description, w - 14, 11, 4, 13, "fill=\"#1e8449\" class=\"opportunity-text\"");
                body.Append(text).Append("</g>");
                oy += 9 + (lines * 13);
            }

            bottom = Math.Max(bottom, oy + 4);
        }

        body.Append("</g>");
        return bottom;
    }

    private static double Metrics(StringBuilder body, JourneyMap map, IReadOnlyDictionary<string, IReadOnlyList<string>> metrics, double y, double w, Dictionary<string, double> column)
    {
        double bottom = y + 28;
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"metrics\"><text x=\"14\" y=\"{Svg.N(y + 18)}\" font-weight=\"600\">Metrics</text>");
        foreach (var (stageId, lines) in metrics)
        {
            if (!column.TryGetValue(stageId, out double x))
            {
                continue;
            }

            double my = y + 18;
            foreach (string line in lines)
            {
                var (text, count) = Svg.TextBlock(x + 6, my, line, w - 12, 11, 2, 13, "class=\"metric\"");
                body.Append(text);
                my += 5 + (count * 13);
            }

            bottom = Math.Max(bottom, my + 4);
        }

        body.Append("</g>");
        return bottom;
    }

    // What the marks mean: card borders, the star, severity dots and the two curves.
    private static double Legend(StringBuilder body, double y, double width, bool observed)
    {
        var items = new StringBuilder();
        double x = 14;
        void Item(string mark, string text)
        {
            // Items flow into as many rows as the map's width needs.
            double itemWidth = 18 + TextLayout.Width(text, 11);
            if (x + itemWidth > width - 12 && x > 74)
            {
                x = 74;
                y += 20;
            }

            items.Append(CultureInfo.InvariantCulture, $"<g class=\"legend-item\" transform=\"translate({Svg.N(x)},{Svg.N(y)})\">{mark}<text x=\"18\" y=\"12\" font-size=\"11\">{Svg.Escape(text)}</text></g>");
            x += 18 + TextLayout.Width(text, 11) + 22;
        }

        items.Append(CultureInfo.InvariantCulture, $"<text class=\"legend-title\" x=\"{Svg.N(x)}\" y=\"{Svg.N(y + 12)}\" font-size=\"11\" font-weight=\"700\">Legend</text>");
        x += 60;
        foreach (var (value, word) in new[] { (-2.0, "very negative"), (-1.0, "negative"), (0.0, "neutral"), (1.0, "positive"), (2.0, "very positive") })
        {
            Item($"<rect x=\"0\" y=\"2\" width=\"14\" height=\"12\" rx=\"3\" fill=\"#ffffff\" stroke=\"{Svg.EmotionColour(value)}\" stroke-width=\"2\"/>", word);
        }

        Item("<text x=\"0\" y=\"12\" font-size=\"12\">★</text>", "moment of truth");
        foreach (Severity severity in Enum.GetValues<Severity>())
        {
            Item($"<circle cx=\"7\" cy=\"8\" r=\"{3 + (int)severity}\" fill=\"{Svg.SeverityColour(severity)}\"/>", severity.ToString().ToLowerInvariant() + " pain");
        }

        Item("<line x1=\"0\" y1=\"8\" x2=\"14\" y2=\"8\" stroke=\"#34495e\" stroke-width=\"2\"/>", "designed emotion");
        if (observed)
        {
            Item("<line x1=\"0\" y1=\"8\" x2=\"14\" y2=\"8\" stroke=\"#8e44ad\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>", "observed emotion");
        }

        body.Append("<g class=\"legend\">").Append(items).Append("</g>");
        return y + 22;
    }
}
