using System.Globalization;
using System.Text;
using JourneyKit.Paths;

namespace JourneyKit.Rendering;

public static partial class Charts
{
    /// <summary>Exports a directly-follows graph to Graphviz DOT, with start and end nodes and edge counts.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>DOT text (<c>digraph</c>); labels are quoted and escaped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static string ToDot(DirectlyFollowsGraph graph) =>
        Walk(
            graph,
            "digraph journeys {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n  start [label=\"start\", shape=circle];\n  end [label=\"end\", shape=doublecircle];\n",
            (id, name) => $"  {id} [label=\"{DotEscape(name)}\"];\n",
            (from, to, count) => string.Create(CultureInfo.InvariantCulture, $"  {from} -> {to} [label=\"{count}\"];\n"),
            "start",
            "end",
            "}\n");

    /// <summary>Exports a directly-follows graph to a Mermaid flowchart, with start and end nodes and edge counts.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>Mermaid text (<c>flowchart LR</c>); labels are quoted with Mermaid entity escapes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static string ToMermaid(DirectlyFollowsGraph graph) =>
        Walk(
            graph,
            "flowchart LR\n  start((start))\n  end_((end))\n",
            (id, name) => $"  {id}[\"{MermaidEscape(name)}\"]\n",
            (from, to, count) => string.Create(CultureInfo.InvariantCulture, $"  {from} -->|{count}| {to}\n"),
            "start",
            "end_",
            "");

    // The one walk both text formats share: header, a node per step, start edges, edges, end edges, footer.
    private static string Walk(DirectlyFollowsGraph graph, string header, Func<string, string, string> node, Func<string, string, long, string> edge, string start, string end, string footer)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = Ids(graph);
        var sb = new StringBuilder(header);
        foreach (var (name, id) in ids)
        {
            sb.Append(node(id, name));
        }

        foreach (var (name, count) in graph.StartCounts)
        {
            sb.Append(edge(start, ids[name], count));
        }

        foreach (DfgEdge e in graph.Edges)
        {
            sb.Append(edge(ids[e.From], ids[e.To], e.Count));
        }

        foreach (var (name, count) in graph.EndCounts)
        {
            sb.Append(edge(ids[name], end, count));
        }

        return sb.Append(footer).ToString();
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
