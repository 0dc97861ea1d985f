using System.Globalization;
using System.Text;
using JourneyKit.Paths;

namespace JourneyKit.Rendering;

public static partial class Charts
{
    /// <summary>
    /// Draws a directly-follows graph as a layered diagram, left to right: a box per step with its frequency, arrows
    /// from <c>start</c> and to <c>end</c>, edge width by frequency and a label with the count and median time on each
    /// edge; edges that run against the flow (backtracks) dashed, repeats of a step as loops over its box. The layout is
    /// Sugiyama-style (cycle removal, layering, crossing reduction, coordinate assignment), deterministic, with no graph
    /// library. Large graphs show their most frequent steps and edges, and say so.
    /// </summary>
    /// <param name="graph">The graph, from <see cref="PathAnalyzer.DirectlyFollows(Events.EventLog, bool, CancellationToken)"/>.</param>
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
        var edges = drawn.Select(e => (From: index[e.From], To: index[e.To], Count: e.Count, Label: $"{e.Count.ToString("N0", CultureInfo.InvariantCulture)} · {Internal.Show.Hours(e.MedianDuration)}")).ToList();
        edges.AddRange(steps.Where(v => graph.StartCounts.GetValueOrDefault(v) > 0).Select(v => (start, index[v], graph.StartCounts[v], graph.StartCounts[v].ToString("N0", CultureInfo.InvariantCulture))));
        edges.AddRange(steps.Where(v => graph.EndCounts.GetValueOrDefault(v) > 0).Select(v => (index[v], end, graph.EndCounts[v], graph.EndCounts[v].ToString("N0", CultureInfo.InvariantCulture))));

        var (labels, sizes) = DfgBoxes(steps, frequency);
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

        // Edges under the nodes; self-loops separately over their node. Labels are placed afterwards, most frequent edge
        // first, each at the first point along its own edge (from the middle outwards) where it lies on no other label,
        // no node and no arrowhead.
        var routed = layout.Edges.ToDictionary(e => (e.From, e.To));
        var placed = new List<(double X0, double Y0, double X1, double Y1)>();
        for (int v = 0; v < layout.Nodes.Length; v++)
        {
            var node = layout.Nodes[v];
            placed.Add((node.X - (node.Width / 2) - 2, node.Y - (node.Height / 2) - 2, node.X + (node.Width / 2) + 2, node.Y + (node.Height / 2) + 2));
        }

        var curves = new List<(int Edge, List<(double X, double Y)> Samples)>();
        var labelled = new List<(string Markup, long Count, int Edge, List<(double X, double Y)> Samples, bool Backward)>();
        foreach (var e in edges)
        {
            double thickness = 1 + (6.0 * e.Count / maxCount);
            string from = e.From == start ? "(start)" : steps[e.From], to = e.To == end ? "(end)" : steps[e.To];
            if (e.From == e.To)
            {
                var node = layout.Nodes[e.From];
                double top = node.Y - (node.Height / 2), x = node.X;
                body.Append(CultureInfo.InvariantCulture, $"<path class=\"dfg-loop\" data-from=\"{Svg.Escape(from)}\" d=\"M{Svg.N(x - 12)},{Svg.N(top)} C{Svg.N(x - 26)},{Svg.N(top - 30)} {Svg.N(x + 26)},{Svg.N(top - 30)} {Svg.N(x + 12)},{Svg.N(top)}\" fill=\"none\" stroke=\"#8854d0\" stroke-width=\"{Svg.N(thickness)}\" marker-end=\"url(#dfg-arrow-loop)\"><title>{Svg.Escape($"{from} repeated: {e.Label}")}</title></path>");
                placed.Add((x - 14, top - 6, x + 14, top + 4)); // its arrowhead
                labelled.Add((e.Label, e.Count, -1, [(x, top - 26)], false));
                continue;
            }

            var route = routed[(e.From, e.To)];
            var points = route.Points.ToList();
            if (route.Backward && points.Count == 2)
            {
                // A backtrack between neighbouring layers would lie on its forward twin: bend it below.
                points.Insert(1, ((points[0].X + points[1].X) / 2, ((points[0].Y + points[1].Y) / 2) + 26));
            }

            var (d, samples) = SmoothPath(points);

            string style = route.Backward ? "stroke=\"#d35400\" stroke-dasharray=\"6 4\"" : "stroke=\"#576574\"";
            string marker = route.Backward ? "dfg-arrow-back" : "dfg-arrow";
            body.Append(CultureInfo.InvariantCulture, $"<path class=\"dfg-edge{(route.Backward ? " backtrack" : "")}\" data-from=\"{Svg.Escape(from)}\" data-to=\"{Svg.Escape(to)}\" d=\"{d}\" fill=\"none\" {style} stroke-opacity=\"0.75\" stroke-width=\"{Svg.N(thickness)}\" marker-end=\"url(#{marker})\"><title>{Svg.Escape($"{from} → {to}: {e.Label}")}</title></path>");
            var tip = points[^1];
            placed.Add((tip.X - 9, tip.Y - 9, tip.X + 9, tip.Y + 9)); // its arrowhead
            labelled.Add((e.Label, e.Count, curves.Count, samples, route.Backward));
            curves.Add((curves.Count, samples));
        }

        PlaceDfgLabels(body, labelled, placed);

        DrawDfgNodes(body, layout, labels, steps, frequency);

        body.Append("</g>");
        string defs = "<defs>" + Arrow("dfg-arrow", "#576574") + Arrow("dfg-arrow-back", "#d35400") + Arrow("dfg-arrow-loop", "#8854d0") + "</defs>";
        string description = string.Create(CultureInfo.InvariantCulture, $"Directly-follows graph of {steps.Count} steps and {drawn.Count} edges, laid out in layers from start to end; backtracks dashed.");
        return Svg.Open(width, height, "Directly-follows graph", description) + defs + body + Svg.Close;
    }

    // A smooth path through the route's points (horizontal tangents at each), and 17 samples per segment along it, where
    // a label may go.
    private static (string Path, List<(double X, double Y)> Samples) SmoothPath(List<(double X, double Y)> points)
    {
        var d = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"M{Svg.N(points[0].X)},{Svg.N(points[0].Y)}"));
        var samples = new List<(double X, double Y)>();
        for (int i = 1; i < points.Count; i++)
        {
            double dx = (points[i].X - points[i - 1].X) / 2;
            var (c1, c2) = ((points[i - 1].X + dx, points[i - 1].Y), (points[i].X - dx, points[i].Y));
            d.Append(CultureInfo.InvariantCulture, $" C{Svg.N(c1.Item1)},{Svg.N(c1.Item2)} {Svg.N(c2.Item1)},{Svg.N(c2.Item2)} {Svg.N(points[i].X)},{Svg.N(points[i].Y)}");
            for (int k = 0; k <= 16; k++)
            {
                samples.Add(Bezier(points[i - 1], c1, c2, points[i], k / 16.0));
            }
        }

        return (d.ToString(), samples);
    }

    // Labels, most frequent edge first, each at the first sample along its own edge (from the middle outwards) where it
    // lies on no other label, node or arrowhead (or, failing that, where it overlaps least).
    private static void PlaceDfgLabels(StringBuilder body, List<(string Markup, long Count, int Edge, List<(double X, double Y)> Samples, bool Backward)> labelled, List<(double X0, double Y0, double X1, double Y1)> placed)
    {
    foreach (var (text, _, _, samples, backward) in labelled.OrderByDescending(l => l.Count))
    {
        double halfWidth = (TextLayout.Width(text, 10) / 2) + 3;
        (double X, double Y) best = samples[samples.Count / 2];
        double bestOverlap = double.PositiveInfinity;
        foreach (int k in Enumerable.Range(0, samples.Count).OrderBy(k => Math.Abs(k - (samples.Count / 2))))
        {
            var (x, y) = samples[k];
            var box = (x - halfWidth, y - 14, x + halfWidth, y);
            double overlap = placed.Sum(b => Overlap(box, b));
            if (overlap < bestOverlap)
            {
                (best, bestOverlap) = ((x, y), overlap);
                if (overlap == 0)
                {
                    break;
                }
            }
        }

        placed.Add((best.X - halfWidth, best.Y - 14, best.X + halfWidth, best.Y));
        body.Append(CultureInfo.InvariantCulture, $"<text class=\"dfg-label\" x=\"{Svg.N(best.X)}\" y=\"{Svg.N(best.Y - 4)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{(backward ? "#a04000" : "#2c3e50")}\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{Svg.Escape(text)}</text>");
    }
    }

    // Each box's lines (the name wrapped to two lines, then the frequency) and size; start and end last.
    private static (List<List<string>> Labels, List<(double Width, double Height)> Sizes) DfgBoxes(List<string> steps, Dictionary<string, long> frequency)
    {
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
        return (labels, sizes);
    }

    // The boxes: a step's wrapped name and frequency; start and end as dark terminals.
    private static void DrawDfgNodes(StringBuilder body, LayeredLayout layout, List<List<string>> labels, List<string> steps, Dictionary<string, long> frequency)
    {
        int start = steps.Count, end = steps.Count + 1;
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
    }

    private static string Arrow(string id, string colour) =>
        $"<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>";

    private static (double X, double Y) Bezier((double X, double Y) p0, (double X, double Y) p1, (double X, double Y) p2, (double X, double Y) p3, double t)
    {
        double u = 1 - t;
        double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
        return ((a * p0.X) + (b * p1.X) + (c * p2.X) + (d * p3.X), (a * p0.Y) + (b * p1.Y) + (c * p2.Y) + (d * p3.Y));
    }

    private static double Overlap((double X0, double Y0, double X1, double Y1) a, (double X0, double Y0, double X1, double Y1) b) =>
        Math.Max(0, Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0)) * Math.Max(0, Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0));
}
