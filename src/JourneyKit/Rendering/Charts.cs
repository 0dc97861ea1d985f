using System.Globalization;
using System.Text;
using JourneyKit.Markov;
using JourneyKit.Metrics;
using JourneyKit.Paths;
using JourneyKit.Personas;
using JourneyKit.Rules;

namespace JourneyKit.Rendering;

/// <summary>Charts of analysis results as standalone, deterministic, accessible SVG.</summary>
public static class Charts
{
    // Every colour keeps at least 3:1 contrast against the white background (WCAG 1.4.11 for graphical objects).
    private static readonly string[] Palette = ["#2e86de", "#0b7a5c", "#c0392b", "#b35c00", "#8854d0", "#00798c", "#5f27cd", "#7f8c8d", "#576574", "#a67c00"];

    /// <summary>Draws flow (Sankey) data: one column per level, nodes sized by journeys, bands between levels.</summary>
    /// <param name="flow">The flow data from <see cref="PathAnalyzer.Flows(Events.EventLog, string, FlowDirection, int, int)"/>.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flow"/> is null.</exception>
    public static string Sankey(FlowGraph flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        int levels = flow.Nodes.Count == 0 ? 1 : flow.Nodes.Max(n => n.Level) + 1;
        const double ColumnWidth = 190, NodeWidth = 14, Top = 50, Usable = 380, Pad = 8;
        double width = 60 + (levels * ColumnWidth), height = Top + Usable + 60;
        long maxLevelTotal = Math.Max(1, flow.Nodes.GroupBy(n => n.Level).Select(g => g.Sum(n => n.Count)).DefaultIfEmpty(1).Max());
        int maxNodes = Math.Max(1, flow.Nodes.GroupBy(n => n.Level).Select(g => g.Count()).DefaultIfEmpty(1).Max());
        double scale = (Usable - (Pad * (maxNodes - 1))) / maxLevelTotal;
        var box = new Dictionary<(int, string), (double X, double Y, double H)>();
        var body = new StringBuilder();
        string direction = flow.Direction == FlowDirection.Forward ? "after" : "before";
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"20\" y=\"26\" font-size=\"16\" font-weight=\"700\">{Svg.Escape($"Where journeys go {direction} {flow.Anchor}")}</text>");

        // One colour per distinct step, in order of first appearance: no two steps share one while the palette lasts.
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (FlowNode node in flow.Nodes.OrderBy(n => n.Level))
        {
            colours.TryAdd(node.Name, Palette[colours.Count % Palette.Length]);
        }

        for (int level = 0; level < levels; level++)
        {
            string header = level == 0 ? flow.Anchor : flow.Direction == FlowDirection.Forward ? $"step +{level}" : $"step −{level}";
            body.Append(Svg.Text(30 + (level * ColumnWidth), Top - 10, header, 26, "font-size=\"11\" font-weight=\"700\" fill=\"#576574\" class=\"sankey-header\""));
        }

        foreach (var level in flow.Nodes.GroupBy(n => n.Level))
        {
            double y = Top;
            foreach (FlowNode node in level)
            {
                double x = 30 + (level.Key * ColumnWidth), h = Math.Max(2, node.Count * scale);
                box[(node.Level, node.Name)] = (x, y, h);
                string colour = colours[node.Name];
                body.Append(CultureInfo.InvariantCulture, $"<g class=\"sankey-node\"><title>{Svg.Escape($"{node.Name}: {node.Count:N0}")}</title><rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(NodeWidth)}\" height=\"{Svg.N(h)}\" fill=\"{colour}\"/>");
                // A white halo keeps the label readable where it crosses the ribbons.
                body.Append(Svg.Text(x + NodeWidth + 4, y + Math.Min(h / 2, 14) + 4, $"{node.Name} ({node.Count.ToString("N0", CultureInfo.InvariantCulture)})", 24, "font-size=\"11\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\""));
                body.Append("</g>");
                y += h + Pad;
            }
        }

        var outOffset = new Dictionary<(int, string), double>();
        var inOffset = new Dictionary<(int, string), double>();
        foreach (FlowLink link in flow.Links)
        {
            if (!box.TryGetValue((link.Level, link.From), out var from) || !box.TryGetValue((link.Level + 1, link.To), out var to))
            {
                continue;
            }

            double thickness = Math.Max(1, link.Count * scale);
            double y1 = from.Y + outOffset.GetValueOrDefault((link.Level, link.From)) + (thickness / 2);
            double y2 = to.Y + inOffset.GetValueOrDefault((link.Level + 1, link.To)) + (thickness / 2);
            outOffset[(link.Level, link.From)] = outOffset.GetValueOrDefault((link.Level, link.From)) + thickness;
            inOffset[(link.Level + 1, link.To)] = inOffset.GetValueOrDefault((link.Level + 1, link.To)) + thickness;
            double x1 = from.X + NodeWidth, x2 = to.X, mid = (x1 + x2) / 2;
            body.Append(CultureInfo.InvariantCulture, $"<path class=\"sankey-link\" d=\"M{Svg.N(x1)},{Svg.N(y1)} C{Svg.N(mid)},{Svg.N(y1)} {Svg.N(mid)},{Svg.N(y2)} {Svg.N(x2)},{Svg.N(y2)}\" fill=\"none\" stroke=\"#576574\" stroke-opacity=\"0.25\" stroke-width=\"{Svg.N(thickness)}\"><title>{Svg.Escape($"{link.From} → {link.To}: {link.Count:N0}")}</title></path>");
        }

        return Svg.Open(width, height, $"Sankey: where journeys go {direction} {flow.Anchor}", $"Sankey diagram of {flow.Nodes.Count} steps over {levels} levels {direction} {flow.Anchor}.") + body + Svg.Close;
    }

    /// <summary>Draws a funnel: one bar per step, sized by journeys entered, labelled with the share going on.</summary>
    /// <param name="funnel">The funnel result.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="funnel"/> is null.</exception>
    public static string Funnel(FunnelResult funnel)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        const double Width = 960, BarMax = 420, Row = 44, Top = 50;
        double height = Top + (funnel.Steps.Count * Row) + 20;
        long first = Math.Max(1, funnel.Steps.Max(s => s.Entered));
        var body = new StringBuilder("<text x=\"20\" y=\"26\" font-size=\"16\" font-weight=\"700\">Funnel</text>");
        for (int i = 0; i < funnel.Steps.Count; i++)
        {
            var step = funnel.Steps[i];
            double w = Math.Max(2, BarMax * step.Entered / first), y = Top + (i * Row);
            string rate = i < funnel.Steps.Count - 1 && !double.IsNaN(step.ConversionRate)
                ? string.Create(CultureInfo.InvariantCulture, $"{step.ConversionRate:P1} go on [{step.ConfidenceLower:P1}, {step.ConfidenceUpper:P1}]")
                : "completed";
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"funnel-step\"><title>{Svg.Escape($"{step.Name}: {step.Entered:N0} entered, {rate}")}</title>");
            body.Append(Svg.Text(20, y + 22, step.Name, 22, "font-weight=\"600\""));
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(180 + ((BarMax - w) / 2))}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(w)}\" height=\"32\" rx=\"4\" fill=\"#2e86de\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(180 + (BarMax / 2))}\" y=\"{Svg.N(y + 21)}\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"600\">{step.Entered.ToString("N0", CultureInfo.InvariantCulture)}</text>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(180 + BarMax + 12)}\" y=\"{Svg.N(y + 21)}\" font-size=\"11\">{Svg.Escape(rate)}</text></g>");
        }

        return Svg.Open(Width, height, "Funnel", $"Funnel of {funnel.Steps.Count} steps: {string.Join(", ", funnel.Steps.Select(s => $"{s.Name} {s.Entered}"))}.") + body + Svg.Close;
    }

    /// <summary>
    /// Draws one rule's firings over time as bars (per day, or per several days when the history is long, at most 60
    /// bars), the part that recovered anyway (the customer did Y later) stacked in a lighter colour, and the episodes
    /// still pending at the end as a note.
    /// </summary>
    /// <param name="evaluation">A back-test from <see cref="RuleEngine.Evaluate(Events.EventLog, DateTimeOffset)"/>.</param>
    /// <param name="ruleName">The rule to draw.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No rule of the evaluation has that name.</exception>
    public static string RuleFirings(RuleEvaluation evaluation, string ruleName)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(ruleName);
        RuleSummary summary = evaluation[ruleName];
        const double Width = 640, Height = 260, L = 60, T = 44, W = 550, H = 160;
        long first = long.MaxValue;
        foreach (RuleFiring f in evaluation.Fired)
        {
            if (f.RuleName == ruleName)
            {
                first = Math.Min(first, f.FiredAt.UtcTicks);
            }
        }

        long end = evaluation.AsOf.UtcTicks;
        long dayTicks = TimeSpan.TicksPerDay;
        long startDay = first == long.MaxValue ? end / dayTicks : first / dayTicks;
        long days = Math.Max(1, (end / dayTicks) - startDay + 1);
        long perBar = Math.Max(1, (days + 59) / 60);
        int bars = (int)((days + perBar - 1) / perBar);
        var fired = new int[bars];
        var recovered = new int[bars];
        foreach (RuleFiring f in evaluation.Fired)
        {
            if (f.RuleName == ruleName)
            {
                fired[Math.Clamp((int)(((f.FiredAt.UtcTicks / dayTicks) - startDay) / perBar), 0, bars - 1)]++;
            }
        }

        foreach (RuleFiring f in evaluation.RecoveredAnyway)
        {
            if (f.RuleName == ruleName)
            {
                recovered[Math.Clamp((int)(((f.FiredAt.UtcTicks / dayTicks) - startDay) / perBar), 0, bars - 1)]++;
            }
        }

        int max = Math.Max(1, fired.Max());
        double barWidth = W / bars;
        string unit = perBar == 1 ? "day" : string.Create(CultureInfo.InvariantCulture, $"{perBar} days");
        var body = new StringBuilder();
        body.Append(Svg.Text(20, 24, summary.ToString(), 90, "font-size=\"14\" font-weight=\"700\""));
        body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{L}\" y1=\"{T + H}\" x2=\"{L + W}\" y2=\"{T + H}\" stroke=\"#bdc3c7\"/>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L - 6}\" y=\"{T + 4}\" text-anchor=\"end\" font-size=\"10\">{max:N0}</text>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L - 6}\" y=\"{T + H + 4}\" text-anchor=\"end\" font-size=\"10\">0</text>");
        for (int b = 0; b < bars; b++)
        {
            if (fired[b] == 0)
            {
                continue;
            }

            DateTime from = new DateTime((startDay + (b * perBar)) * dayTicks, DateTimeKind.Utc);
            double x = L + (b * barWidth) + 1, h = H * fired[b] / max, hr = H * recovered[b] / max;
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"rule-bar\"><title>{Svg.Escape(string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}: {fired[b]:N0} fired, {recovered[b]:N0} recovered anyway"))}</title>");
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(T + H - h)}\" width=\"{Svg.N(Math.Max(1, barWidth - 2))}\" height=\"{Svg.N(h - hr)}\" fill=\"#ee5253\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(T + H - hr)}\" width=\"{Svg.N(Math.Max(1, barWidth - 2))}\" height=\"{Svg.N(hr)}\" fill=\"#a67c00\"/></g>");
        }

        DateTime firstDay = new(startDay * dayTicks, DateTimeKind.Utc);
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L}\" y=\"{T + H + 16}\" font-size=\"10\">{firstDay:yyyy-MM-dd}</text>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L + W}\" y=\"{T + H + 16}\" text-anchor=\"end\" font-size=\"10\">{evaluation.AsOf.UtcDateTime:yyyy-MM-dd}</text>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L + (W / 2)}\" y=\"{T + H + 32}\" text-anchor=\"middle\" font-size=\"11\">firings per {unit}</text>");
        body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{L}\" y=\"{T + H + 42}\" width=\"10\" height=\"10\" fill=\"#ee5253\"/><text x=\"{L + 14}\" y=\"{T + H + 51}\" font-size=\"10\">fired, no Y since</text>");
        body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{L + 130}\" y=\"{T + H + 42}\" width=\"10\" height=\"10\" fill=\"#a67c00\"/><text x=\"{L + 144}\" y=\"{T + H + 51}\" font-size=\"10\">fired, then did Y anyway</text>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L + 320}\" y=\"{T + H + 51}\" font-size=\"10\">{summary.Pending:N0} pending at {evaluation.AsOf.UtcDateTime:yyyy-MM-dd HH:mm}</text>");
        return Svg.Open(Width, Height, $"Firings of rule {ruleName}", summary.ToString()) + body + Svg.Close;
    }

    /// <summary>
    /// Draws one behavioural persona's own steps as a small multiple: its most distinctive steps, each as a bar of the
    /// persona's probability beside everyone's, with the lift — drawn at one scale for every persona so they compare.
    /// </summary>
    /// <param name="result">A result of <see cref="PersonaDiscovery.MarkovMixture(Events.EventLog, MarkovMixtureOptions?)"/>.</param>
    /// <param name="persona">The persona index.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persona"/> is out of range.</exception>
    public static string PersonaSteps(PersonaDiscoveryResult result, int persona)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(persona);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(persona, result.Personas.Count);
        DiscoveredPersona p = result.Personas[persona];
        const double Width = 420, Row = 34, Top = 30, Label = 170, Bar = 180;
        IReadOnlyList<PersonaTransition> steps = p.DistinctiveTransitions;
        double height = Top + (Math.Max(1, steps.Count) * Row) + 24;
        var body = new StringBuilder();
        body.Append(Svg.Text(10, 18, $"Persona {persona}: its own steps (vs everyone)", 60, "font-size=\"13\" font-weight=\"700\""));
        for (int i = 0; i < steps.Count; i++)
        {
            PersonaTransition step = steps[i];
            double y = Top + (i * Row);
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"persona-step\"><title>{Svg.Escape(step.ToString())}</title>");
            body.Append(Svg.Text(10, y + 16, $"{step.From} → {step.To}", 26, "font-size=\"11\""));
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{Svg.N(y + 2)}\" width=\"{Svg.N(Math.Max(1, Bar * step.Probability))}\" height=\"11\" fill=\"{Palette[persona % Palette.Length]}\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{Svg.N(y + 15)}\" width=\"{Svg.N(Math.Max(1, Bar * step.PopulationProbability))}\" height=\"7\" fill=\"#7f8c8d\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label + Bar + 8}\" y=\"{Svg.N(y + 16)}\" font-size=\"11\">{step.Probability:P0} ({step.Lift:F1}×)</text></g>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{Svg.N(height - 8)}\" font-size=\"10\" fill=\"#576574\">coloured: this persona · grey: everyone · (lift)</text>");
        return Svg.Open(Width, height, $"Persona {persona} steps", p.Description) + body + Svg.Close;
    }

    /// <summary>Draws a Kaplan–Meier survival curve with its log-log confidence band.</summary>
    /// <param name="curve">The curve.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="timeUnit">The unit of the time axis, for the label.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Survival(KaplanMeierCurve curve, string title = "Survival", string timeUnit = "days")
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(timeUnit);
        const double Width = 640, Height = 340, L = 60, T = 40, W = 540, H = 240;
        double lastTime = curve.Steps.Count == 0 ? 1 : curve.Steps[^1].Time;
        double[] ticks = Svg.NiceTicks(lastTime, 5, days: timeUnit == "days");
        double maxT = Math.Max(1e-9, ticks[^1]);
        double X(double t) => L + (t / maxT * W);
        double Y(double s) => T + ((1 - s) * H);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"700\">{Svg.Escape(title)}</text>");
        body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{L}\" y=\"{T}\" width=\"{W}\" height=\"{H}\" fill=\"none\" stroke=\"#bdc3c7\"/>");
        for (int i = 0; i <= 4; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L - 6}\" y=\"{Svg.N(Y(i / 4.0) + 4)}\" text-anchor=\"end\" font-size=\"10\">{Svg.N(i / 4.0)}</text>");
        }

        foreach (double tick in ticks)
        {
            body.Append(CultureInfo.InvariantCulture, $"<text class=\"x-tick\" x=\"{Svg.N(X(tick))}\" y=\"{T + H + 16}\" text-anchor=\"middle\" font-size=\"10\">{Svg.N(tick)}</text>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{L + (W / 2)}\" y=\"{T + H + 34}\" text-anchor=\"middle\" font-size=\"11\">{Svg.Escape(timeUnit)}</text>");
        var upper = new List<string> { $"{Svg.N(X(0))},{Svg.N(Y(1))}" };
        var lower = new List<string> { $"{Svg.N(X(0))},{Svg.N(Y(1))}" };
        var line = new List<string> { $"{Svg.N(X(0))},{Svg.N(Y(1))}" };
        double previous = 1, previousLo = 1, previousHi = 1, lastX = double.NegativeInfinity;
        for (int i = 0; i < curve.Steps.Count; i++)
        {
            // At most one drop per half pixel: many thousands of event times would only bloat the drawing.
            var step = curve.Steps[i];
            if (i + 1 < curve.Steps.Count && X(curve.Steps[i + 1].Time) - lastX < 0.5)
            {
                continue;
            }

            lastX = X(step.Time);
            var (lo, hi) = curve.ConfidenceIntervalAt(step.Time);
            line.Add($"{Svg.N(X(step.Time))},{Svg.N(Y(previous))}");
            line.Add($"{Svg.N(X(step.Time))},{Svg.N(Y(step.Survival))}");
            upper.Add($"{Svg.N(X(step.Time))},{Svg.N(Y(previousHi))}");
            upper.Add($"{Svg.N(X(step.Time))},{Svg.N(Y(hi))}");
            lower.Add($"{Svg.N(X(step.Time))},{Svg.N(Y(previousLo))}");
            lower.Add($"{Svg.N(X(step.Time))},{Svg.N(Y(lo))}");
            (previous, previousLo, previousHi) = (step.Survival, lo, hi);
        }

        lower.Reverse();
        body.Append(CultureInfo.InvariantCulture, $"<polygon class=\"confidence-band\" points=\"{string.Join(' ', upper.Concat(lower))}\" fill=\"#2e86de\" fill-opacity=\"0.18\" stroke=\"none\"/>");
        body.Append(CultureInfo.InvariantCulture, $"<polyline class=\"survival-curve\" points=\"{string.Join(' ', line)}\" fill=\"none\" stroke=\"#2e86de\" stroke-width=\"2\"/>");
        string median = double.IsPositiveInfinity(curve.MedianSurvival) ? "not reached" : Svg.N(curve.MedianSurvival);
        return Svg.Open(Width, Height, title, $"Kaplan–Meier survival curve of {curve.Subjects} subjects with 95 % log-log confidence band; median {median} {timeUnit}.") + body + Svg.Close;
    }

    /// <summary>
    /// Draws a directly-follows graph as a layered diagram, left to right: a box per step with its frequency, arrows
    /// from <c>start</c> and to <c>end</c>, edge width by frequency and a label with the count and median time on each
    /// edge; edges that run against the flow (backtracks) dashed, repeats of a step as loops over its box. The layout is
    /// Sugiyama-style (cycle removal, layering, crossing reduction, coordinate assignment), deterministic, with no graph
    /// library. Large graphs show their most frequent steps and edges, and say so.
    /// </summary>
    /// <param name="graph">The graph, from <see cref="PathAnalyzer.DirectlyFollows(Events.EventLog, bool)"/>.</param>
    /// <param name="maxNodes">How many steps are drawn at most (the most frequent). Default 25. Range: 1..100.</param>
    /// <param name="maxEdges">How many edges are drawn at most (the most frequent among the drawn steps). Default 60. Range: 1..300 (the layout's work grows with edges × layers).</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public static string DirectlyFollows(DirectlyFollowsGraph graph, int maxNodes = 25, int maxEdges = 60)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxNodes, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdges, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEdges, 300);

        // The steps: by frequency (events at the step), then name; start and end as two extra nodes.
        var frequency = graph.Nodes.ToDictionary(v => v, v => graph.StartCounts.GetValueOrDefault(v), StringComparer.Ordinal);
        foreach (DfgEdge e in graph.Edges)
        {
            frequency[e.To] = frequency.GetValueOrDefault(e.To) + e.Count;
        }

        var steps = frequency.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(maxNodes).Select(kv => kv.Key).ToList();
        var index = steps.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        int start = steps.Count, end = steps.Count + 1;
        var among = graph.Edges.Where(e => index.ContainsKey(e.From) && index.ContainsKey(e.To)).ToList();
        var drawn = among
            .OrderByDescending(e => e.Count).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).Take(maxEdges).ToList();
        var edges = drawn.Select(e => (From: index[e.From], To: index[e.To], Count: e.Count, Label: $"{e.Count.ToString("N0", CultureInfo.InvariantCulture)} · {Internal.Show.Duration(e.MedianDuration)}")).ToList();
        edges.AddRange(steps.Where(v => graph.StartCounts.GetValueOrDefault(v) > 0).Select(v => (start, index[v], graph.StartCounts[v], graph.StartCounts[v].ToString("N0", CultureInfo.InvariantCulture))));
        edges.AddRange(steps.Where(v => graph.EndCounts.GetValueOrDefault(v) > 0).Select(v => (index[v], end, graph.EndCounts[v], graph.EndCounts[v].ToString("N0", CultureInfo.InvariantCulture))));

        var labels = new List<List<string>>();
        var sizes = new List<(double Width, double Height)>();
        foreach (string step in steps)
        {
            var lines = TextLayout.Wrap(step, 150, 12, 2, out _);
            lines.Add(frequency[step].ToString("N0", CultureInfo.InvariantCulture));
            labels.Add(lines);
            sizes.Add((Math.Clamp(lines.Max(l => TextLayout.Width(l, 12)) + 20, 70, 170), 12 + (lines.Count * 14)));
        }

        labels.Add(["start"]);
        labels.Add(["end"]);
        sizes.Add((56, 26));
        sizes.Add((56, 26));
        var layout = LayeredLayout.Compute(sizes, [.. edges.Select(e => (e.From, e.To, (double)e.Count))]);
        const double Left = 20, Top = 90;
        double width = Left + layout.Width + 40, height = Top + layout.Height + 60;
        long maxCount = Math.Max(1, edges.Select(e => e.Count).DefaultIfEmpty(1).Max());
        var body = new StringBuilder("<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"700\">Directly-follows graph</text>");
        bool cut = steps.Count < graph.Nodes.Count || drawn.Count < among.Count;
        string legend = "edge width: frequency · label: journeys · median time · dashed: backtrack, against the flow · loop: the step repeated" +
            (cut ? string.Create(CultureInfo.InvariantCulture, $" · showing the {steps.Count} most frequent of {graph.Nodes.Count:N0} steps and {drawn.Count} of {graph.Edges.Count:N0} edges") : "");
        body.Append(Svg.TextBlock(20, 42, legend, Math.Max(300, width - 40), 11, 3, 13, "fill=\"#576574\" class=\"dfg-legend\"").Markup);
        body.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({Svg.N(Left)},{Svg.N(Top)})\">");

        // Edges under the nodes; self-loops separately over their node.
        var routed = layout.Edges.ToDictionary(e => (e.From, e.To));
        foreach (var e in edges)
        {
            double thickness = 1 + (6.0 * e.Count / maxCount);
            string from = e.From == start ? "(start)" : steps[e.From], to = e.To == end ? "(end)" : steps[e.To];
            if (e.From == e.To)
            {
                var node = layout.Nodes[e.From];
                double top = node.Y - (node.Height / 2), x = node.X;
                body.Append(CultureInfo.InvariantCulture, $"<path class=\"dfg-loop\" data-from=\"{Svg.Escape(from)}\" d=\"M{Svg.N(x - 12)},{Svg.N(top)} C{Svg.N(x - 26)},{Svg.N(top - 30)} {Svg.N(x + 26)},{Svg.N(top - 30)} {Svg.N(x + 12)},{Svg.N(top)}\" fill=\"none\" stroke=\"#8854d0\" stroke-width=\"{Svg.N(thickness)}\" marker-end=\"url(#dfg-arrow-loop)\"><title>{Svg.Escape($"{from} repeated: {e.Label}")}</title></path>");
                body.Append(CultureInfo.InvariantCulture, $"<text class=\"dfg-label\" x=\"{Svg.N(x)}\" y=\"{Svg.N(top - 26)}\" text-anchor=\"middle\" font-size=\"10\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{Svg.Escape(e.Label)}</text>");
                continue;
            }

            var route = routed[(e.From, e.To)];
            var points = route.Points.ToList();
            if (route.Backward && points.Count == 2)
            {
                // A backtrack between neighbouring layers would lie on its forward twin: bend it below.
                points.Insert(1, ((points[0].X + points[1].X) / 2, ((points[0].Y + points[1].Y) / 2) + 26));
            }

            var d = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"M{Svg.N(points[0].X)},{Svg.N(points[0].Y)}"));
            for (int i = 1; i < points.Count; i++)
            {
                double dx = (points[i].X - points[i - 1].X) / 2;
                d.Append(CultureInfo.InvariantCulture, $" C{Svg.N(points[i - 1].X + dx)},{Svg.N(points[i - 1].Y)} {Svg.N(points[i].X - dx)},{Svg.N(points[i].Y)} {Svg.N(points[i].X)},{Svg.N(points[i].Y)}");
            }

            string style = route.Backward ? "stroke=\"#d35400\" stroke-dasharray=\"6 4\"" : "stroke=\"#576574\"";
            string marker = route.Backward ? "dfg-arrow-back" : "dfg-arrow";
            body.Append(CultureInfo.InvariantCulture, $"<path class=\"dfg-edge{(route.Backward ? " backtrack" : "")}\" data-from=\"{Svg.Escape(from)}\" data-to=\"{Svg.Escape(to)}\" d=\"{d}\" fill=\"none\" {style} stroke-opacity=\"0.75\" stroke-width=\"{Svg.N(thickness)}\" marker-end=\"url(#{marker})\"><title>{Svg.Escape($"{from} → {to}: {e.Label}")}</title></path>");
            var (mx, my) = Midpoint(points);
            body.Append(CultureInfo.InvariantCulture, $"<text class=\"dfg-label\" x=\"{Svg.N(mx)}\" y=\"{Svg.N(my - 4)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{(route.Backward ? "#a04000" : "#2c3e50")}\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{Svg.Escape(e.Label)}</text>");
        }

        for (int v = 0; v < layout.Nodes.Length; v++)
        {
            var node = layout.Nodes[v];
            double x = node.X - (node.Width / 2), y = node.Y - (node.Height / 2);
            bool terminal = v >= steps.Count;
            string name = v == start ? "(start)" : v == end ? "(end)" : steps[v];
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"dfg-node{(terminal ? " terminal" : "")}\" data-id=\"{Svg.Escape(name)}\"><title>{Svg.Escape(terminal ? name : $"{name}: {frequency[name]:N0} events")}</title>");
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(node.Width)}\" height=\"{Svg.N(node.Height)}\" rx=\"{(terminal ? 13 : 6)}\" fill=\"{(terminal ? "#2c3e50" : "#ffffff")}\" stroke=\"#2c3e50\" stroke-width=\"1.5\"/>");
            var lines = labels[v];
            for (int i = 0; i < lines.Count; i++)
            {
                bool count = !terminal && i == lines.Count - 1;
                body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(node.X)}\" y=\"{Svg.N(y + 17 + (i * 14))}\" text-anchor=\"middle\" font-size=\"{(count ? 10 : 12)}\" fill=\"{(terminal ? "#ffffff" : count ? "#576574" : "#2c3e50")}\"{(count ? "" : " font-weight=\"600\"")}>{Svg.Escape(lines[i])}</text>");
            }

            body.Append("</g>");
        }

        body.Append("</g>");
        string defs = "<defs>" + Arrow("dfg-arrow", "#576574") + Arrow("dfg-arrow-back", "#d35400") + Arrow("dfg-arrow-loop", "#8854d0") + "</defs>";
        string description = string.Create(CultureInfo.InvariantCulture, $"Directly-follows graph of {steps.Count} steps and {drawn.Count} edges, laid out in layers from start to end; backtracks dashed.");
        return Svg.Open(width, height, "Directly-follows graph", description) + defs + body + Svg.Close;
    }

    private static string Arrow(string id, string colour) =>
        $"<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>";

    // The middle of a route: the midpoint of its middle segment.
    private static (double X, double Y) Midpoint(List<(double X, double Y)> points)
    {
        int i = (points.Count - 1) / 2;
        return ((points[i].X + points[i + 1].X) / 2, (points[i].Y + points[i + 1].Y) / 2);
    }

    /// <summary>
    /// Draws a transition matrix as a heatmap (darker = more likely), with probabilities printed for up to 12 states. A
    /// chain with more than <paramref name="maxStates"/> states shows its most observed states (by transitions in and
    /// out) and merges the rest into one <c>(other)</c> row and column — the row weighted by observations, the column
    /// summed — and the picture says so; the output stays small whatever the chain's size.
    /// </summary>
    /// <param name="chain">The chain.</param>
    /// <param name="maxStates">How many states are drawn at most (besides <c>(other)</c>). Default 30. Range: 1..200.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxStates"/> is out of range.</exception>
    public static string Heatmap(MarkovChain chain, int maxStates = 30)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStates, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxStates, 200);
        int all = chain.States.Count;
        var (labels, p) = HeatmapMatrix(chain, maxStates);
        int n = labels.Length;
        bool merged = n < all;
        double cell = n <= 12 ? 48 : Math.Max(8, 560.0 / n), L = 170, T = 150;
        double width = L + (n * cell) + 110, height = T + (n * cell) + (merged ? 64 : 44);
        var body = new StringBuilder("<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"700\">Transition probabilities</text>");
        if (merged)
        {
            body.Append(Svg.Text(20, T + (n * cell) + 52, string.Create(CultureInfo.InvariantCulture, $"The {n - 1} most observed of {all:N0} states; the other {all - n + 1:N0} are merged into (other)."), 120, "font-size=\"11\" class=\"heat-note\""));
        }

        // Axis titles: rows are where a step comes from, columns where it goes.
        body.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-title\" x=\"{Svg.N(L + (n * cell / 2))}\" y=\"{Svg.N(T + (n * cell) + 30)}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"700\">to (next step)</text>");
        body.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-title\" transform=\"translate(16,{Svg.N(T + (n * cell / 2))}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"700\">from (current step)</text>");

        // Colour legend: the same shading as the cells, 0 to 1.
        double lx = L + (n * cell) + 30, ly = T, lh = Math.Min(200, Math.Max(80, n * cell));
        body.Append(CultureInfo.InvariantCulture, $"<g class=\"heat-legend\"><defs><linearGradient id=\"heat-scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\"><stop offset=\"0\" stop-color=\"{HeatFill(0)}\"/><stop offset=\"1\" stop-color=\"{HeatFill(1)}\"/></linearGradient></defs>");
        body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(lx)}\" y=\"{Svg.N(ly)}\" width=\"14\" height=\"{Svg.N(lh)}\" fill=\"url(#heat-scale)\" stroke=\"#bdc3c7\"/>");
        foreach (double v in (double[])[0, 0.5, 1])
        {
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(lx + 20)}\" y=\"{Svg.N(ly + ((1 - v) * lh) + 4)}\" font-size=\"10\">{Svg.N(v)}</text>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(lx)}\" y=\"{Svg.N(ly - 8)}\" font-size=\"10\">probability</text></g>");

        for (int i = 0; i < n; i++)
        {
            body.Append(Svg.Text(L - 6, T + (i * cell) + (cell / 2) + 4, labels[i], 20, "text-anchor=\"end\" font-size=\"11\""));
            body.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({Svg.N(L + (i * cell) + (cell / 2) + 4)},{Svg.N(T - 6)}) rotate(-60)\">{Svg.Text(0, 0, labels[i], 20, "font-size=\"11\"")}</g>");
            for (int j = 0; j < n; j++)
            {
                double v = p[i, j];
                string fill = HeatFill(v);
                body.Append(CultureInfo.InvariantCulture, $"<rect class=\"heat-cell\" x=\"{Svg.N(L + (j * cell))}\" y=\"{Svg.N(T + (i * cell))}\" width=\"{Svg.N(cell)}\" height=\"{Svg.N(cell)}\" fill=\"{fill}\" stroke=\"#ffffff\"><title>{Svg.Escape($"{labels[i]} → {labels[j]}: {v:P1}")}</title></rect>");
                if (n <= 12 && v > 0)
                {
                    body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(L + (j * cell) + (cell / 2))}\" y=\"{Svg.N(T + (i * cell) + (cell / 2) + 4)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{(v > 0.6 ? "#ffffff" : "#2c3e50")}\">{Svg.N(v)}</text>");
                }
            }
        }

        string description = merged
            ? string.Create(CultureInfo.InvariantCulture, $"Heatmap of a {all:N0}-state transition matrix, showing the {n - 1} most observed states and (other); rows are the state moved from.")
            : $"Heatmap of a {n}-state transition matrix; rows are the state moved from.";
        return Svg.Open(width, height, "Transition probabilities", description) + body + Svg.Close;
    }

    private static string HeatFill(double v)
    {
        int shade = (int)Math.Round(255 - (v * 200));
        return string.Create(CultureInfo.InvariantCulture, $"rgb({shade},{Math.Min(255, shade + 20)},255)");
    }

    // The drawn labels and probabilities: all states, or the top (maxStates) by observations plus "(other)".
    private static (string[] Labels, double[,] P) HeatmapMatrix(MarkovChain chain, int maxStates)
    {
        int all = chain.States.Count;
        if (all <= maxStates)
        {
            var full = new double[all, all];
            for (int i = 0; i < all; i++)
            {
                for (int j = 0; j < all; j++)
                {
                    full[i, j] = chain.P(i, j);
                }
            }

            return ([.. chain.States], full);
        }

        // Observations per state: transitions out plus expected transitions in (row total × probability).
        var weight = new double[all];
        for (int i = 0; i < all; i++)
        {
            double total = chain.RowTotal(i);
            weight[i] += total;
            for (int j = 0; j < all; j++)
            {
                weight[j] += total * chain.P(i, j);
            }
        }

        int[] top = [.. Enumerable.Range(0, all).OrderByDescending(i => weight[i]).ThenBy(i => i).Take(maxStates).Order()];
        var slot = new int[all];
        Array.Fill(slot, maxStates);
        for (int t = 0; t < top.Length; t++)
        {
            slot[top[t]] = t;
        }

        int n = maxStates + 1;
        var p = new double[n, n];
        var rowWeight = new double[n];
        for (int i = 0; i < all; i++)
        {
            int si = slot[i];
            // Unobserved rows (a chain from probabilities) count once, so "(other)" is then the plain mean of its rows.
            double w = si < maxStates ? 1 : Math.Max(chain.RowTotal(i), 0) + (chain.ObservationCount == 0 ? 1 : 0);
            rowWeight[si] += w;
            for (int j = 0; j < all; j++)
            {
                p[si, slot[j]] += w * chain.P(i, j);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                p[i, j] = rowWeight[i] > 0 ? p[i, j] / rowWeight[i] : 0;
            }
        }

        return ([.. top.Select(i => chain.States[i]), "(other)"], p);
    }

    /// <summary>Exports a directly-follows graph to Graphviz DOT, with start and end nodes and edge counts.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>DOT text (<c>digraph</c>); labels are quoted and escaped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static string ToDot(DirectlyFollowsGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = Ids(graph);
        var sb = new StringBuilder("digraph journeys {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n  start [label=\"start\", shape=circle];\n  end [label=\"end\", shape=doublecircle];\n");
        foreach (var (name, id) in ids)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {id} [label=\"{DotEscape(name)}\"];\n");
        }

        foreach (var (name, count) in graph.StartCounts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  start -> {ids[name]} [label=\"{count}\"];\n");
        }

        foreach (DfgEdge e in graph.Edges)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {ids[e.From]} -> {ids[e.To]} [label=\"{e.Count}\"];\n");
        }

        foreach (var (name, count) in graph.EndCounts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {ids[name]} -> end [label=\"{count}\"];\n");
        }

        return sb.Append("}\n").ToString();
    }

    /// <summary>Exports a directly-follows graph to a Mermaid flowchart, with start and end nodes and edge counts.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>Mermaid text (<c>flowchart LR</c>); labels are quoted with Mermaid entity escapes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static string ToMermaid(DirectlyFollowsGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = Ids(graph);
        var sb = new StringBuilder("flowchart LR\n  start((start))\n  end_((end))\n");
        foreach (var (name, id) in ids)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {id}[\"{MermaidEscape(name)}\"]\n");
        }

        foreach (var (name, count) in graph.StartCounts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  start -->|{count}| {ids[name]}\n");
        }

        foreach (DfgEdge e in graph.Edges)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {ids[e.From]} -->|{e.Count}| {ids[e.To]}\n");
        }

        foreach (var (name, count) in graph.EndCounts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {ids[name]} -->|{count}| end_\n");
        }

        return sb.ToString();
    }

    private static Dictionary<string, string> Ids(DirectlyFollowsGraph graph) =>
        graph.Nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => $"n{x.i}", StringComparer.Ordinal);

    // From the raw text (cleaned of characters no output may carry), never through HTML entities: a label that is
    // literally "&quot;" must stay "&quot;".
    private static string DotEscape(string text) =>
        Svg.Clean(text)
            .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string MermaidEscape(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in Svg.Clean(text))
        {
            sb.Append(c switch
            {
                '"' => "#quot;",
                '&' => "#amp;",
                '<' => "#lt;",
                '>' => "#gt;",
                '#' => "#35;",
                '|' => "#124;",
                '\n' or '\r' or '\t' => " ",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
