using System.Globalization;
using System.Text;
using JourneyKit.Paths;

namespace JourneyKit.Rendering;

public static partial class Charts
{
    /// <summary>Draws flow (Sankey) data: one column per level, nodes sized by journeys, bands between levels.</summary>
    /// <param name="flow">The flow data from <see cref="PathAnalyzer.Flows(Events.EventLog, string, FlowDirection, int, int, CancellationToken)"/>.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flow"/> is null.</exception>
    public static string Sankey(FlowGraph flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        int levels = flow.Nodes.Count == 0 ? 1 : flow.Nodes.Max(n => n.Level) + 1;
        const double ColumnWidth = 190, NodeWidth = 14, Top = 50, Usable = 380, Pad = 8;
        const double LabelSlot = 14; // a node is given at least a label's height, so small ones' labels do not overlap
        double width = 60 + (levels * ColumnWidth);
        long maxLevelTotal = Math.Max(1, flow.Nodes.GroupBy(n => n.Level).Select(g => g.Sum(n => n.Count)).DefaultIfEmpty(1).Max());
        int maxNodes = Math.Max(1, flow.Nodes.GroupBy(n => n.Level).Select(g => g.Count()).DefaultIfEmpty(1).Max());
        double scale = (Usable - (Pad * (maxNodes - 1))) / maxLevelTotal;
        var box = new Dictionary<(int, string), (double X, double Y, double H)>();
        var body = new StringBuilder();
        string direction = flow.Direction == FlowDirection.Forward ? "after" : "before";
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"20\" y=\"26\" font-size=\"16\" font-weight=\"700\">{Svg.Escape($"Where journeys go {direction} {flow.Anchor}")}</text>");

        // One colour per distinct step: the built-in states always grey ((end) looks the same in every Sankey), the others
        // at the palette slot their name hashes to, or the next free one — the same step keeps its colour from chart to
        // chart unless two steps of one chart would share it.
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (FlowNode node in flow.Nodes.OrderBy(n => n.Level))
        {
            if (colours.ContainsKey(node.Name))
            {
                continue;
            }

            if (ReservedColour(node.Name) is { } fixedColour)
            {
                colours[node.Name] = fixedColour;
                continue;
            }

            int slot = (int)(StableHash(node.Name) % (uint)StepPalette.Length);
            for (int probe = 0; probe < StepPalette.Length && used.Contains(StepPalette[slot]); probe++)
            {
                slot = (slot + 1) % StepPalette.Length;
            }

            colours[node.Name] = StepPalette[slot];
            used.Add(StepPalette[slot]);
        }

        for (int level = 0; level < levels; level++)
        {
            string header = level == 0 ? flow.Anchor : flow.Direction == FlowDirection.Forward ? $"step +{level}" : $"step −{level}";
            body.Append(Svg.Text(30 + (level * ColumnWidth), Top - 10, header, 26, "font-size=\"11\" font-weight=\"700\" fill=\"#576574\" class=\"sankey-header\""));
        }

        double bottom = Top + Usable;
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
                y += Math.Max(h, LabelSlot) + Pad;
            }

            bottom = Math.Max(bottom, y);
        }

        double height = bottom + 40;

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

    // Colours of steps, without the greys kept for built-in states.
    private static readonly string[] StepPalette = ["#2e86de", "#0b7a5c", "#c0392b", "#b35c00", "#8854d0", "#00798c", "#5f27cd", "#a67c00"];

    private static string? ReservedColour(string step) => step switch
    {
        "(end)" => "#576574",
        "(start)" => "#2c3e50",
        "(other)" or "(unknown)" => "#7f8c8d",
        _ => null,
    };

    // FNV-1a over the UTF-16 code units: the same in every process (string.GetHashCode is randomized per process).
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
