namespace JourneyKit.Rendering;

/// <summary>
/// A layered (Sugiyama-style) layout of a directed graph, left to right, written for the directly-follows graph because
/// no .NET graph layout package is available to depend on: (1) cycle removal — a depth-first search from the sources in
/// a fixed order reverses the edges that close a cycle (drawn as backtracks); (2) layering by longest path; (3) long
/// edges split by dummy nodes, one per layer they cross; (4) crossing reduction by the barycentre heuristic, alternating
/// sweeps, keeping the best order seen; (5) coordinates: nodes in a layer stacked in that order, then pulled toward the
/// mean position of their neighbours while keeping order and a minimum gap. Deterministic: ties break by node index.
/// </summary>
internal sealed class LayeredLayout
{
    private const double LayerGap = 120, NodeGap = 28;

    private LayeredLayout(Node[] nodes, Edge[] edges, double height)
    {
        Nodes = nodes;
        Edges = edges;
        Height = height;
    }

    /// <summary>A node: its centre and size (real nodes only; dummies are folded into edge routes).</summary>
    public readonly record struct Node(double X, double Y, double Width, double Height);

    /// <summary>An edge's route (first point on the source's box, last on the target's), and whether it runs backwards.</summary>
    public sealed record Edge(int From, int To, IReadOnlyList<(double X, double Y)> Points, bool Backward);

    public Node[] Nodes { get; }

    public Edge[] Edges { get; }

    public double Width => Nodes.Length == 0 ? 0 : Nodes.Max(n => n.X + (n.Width / 2));

    /// <summary>Gets the height of the drawing: nodes and the routes of long edges (which pass through their dummy nodes).</summary>
    public double Height { get; }

    /// <summary>Lays out nodes of the given sizes and edges (self-loops are ignored here; the drawing adds them).</summary>
    public static LayeredLayout Compute(IReadOnlyList<(double Width, double Height)> sizes, IReadOnlyList<(int From, int To, double Weight)> edges)
    {
        int n = sizes.Count;
        var links = edges.Where(e => e.From != e.To).ToList();
        bool[] reversed = RemoveCycles(n, links);
        var dag = links.Select((e, i) => reversed[i] ? (From: e.To, To: e.From) : (e.From, e.To)).ToList();
        int[] layer = LongestPathLayers(n, dag);
        var (layerOf, chains) = SplitLongEdges(layer, dag);
        int total = layerOf.Count, layers = total == 0 ? 0 : layerOf.Max() + 1;
        var up = Enumerable.Range(0, total).Select(_ => new List<int>()).ToArray();
        var down = Enumerable.Range(0, total).Select(_ => new List<int>()).ToArray();
        foreach (var chain in chains)
        {
            for (int i = 0; i + 1 < chain.Count; i++)
            {
                down[chain[i]].Add(chain[i + 1]);
                up[chain[i + 1]].Add(chain[i]);
            }
        }

        var order = ReduceCrossings(layerOf, layers, up, down);
        double Size(int v) => v < n ? sizes[v].Height : 0;
        double[] y = Coordinates(order, up, down, Size);
        double layerWidth = n == 0 ? 0 : sizes.Max(s => s.Width);
        double X(int v) => (layerWidth / 2) + (layerOf[v] * (layerWidth + LayerGap));
        var nodes = Enumerable.Range(0, n).Select(v => new Node(X(v), y[v], sizes[v].Width, sizes[v].Height)).ToArray();
        var routes = new Edge[links.Count];
        for (int i = 0; i < links.Count; i++)
        {
            var chain = chains[i];
            var points = new List<(double X, double Y)>();
            int first = chain[0], last = chain[^1];
            points.Add((X(first) + (sizes[first].Width / 2), y[first]));
            for (int c = 1; c + 1 < chain.Count; c++)
            {
                points.Add((X(chain[c]), y[chain[c]]));
            }

            points.Add((X(last) - (sizes[last].Width / 2), y[last]));
            if (reversed[i])
            {
                points.Reverse();
            }

            routes[i] = new Edge(links[i].From, links[i].To, points, reversed[i]);
        }

        double height = Enumerable.Range(0, total).Select(v => y[v] + (Size(v) / 2)).DefaultIfEmpty(0).Max();
        return new LayeredLayout(nodes, routes, height);
    }

    // 1. Cycle removal: DFS from nodes without incoming edges (then any unvisited), heavier edges first; the edges that
    // close a cycle are reversed.
    private static bool[] RemoveCycles(int n, List<(int From, int To, double Weight)> links)
    {
        var outgoing = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var indegree = new int[n];
        for (int i = 0; i < links.Count; i++)
        {
            outgoing[links[i].From].Add(i);
            indegree[links[i].To]++;
        }

        foreach (var list in outgoing)
        {
            list.Sort((a, b) => links[b].Weight != links[a].Weight ? links[b].Weight.CompareTo(links[a].Weight) : links[a].To.CompareTo(links[b].To));
        }

        var state = new int[n]; // 0 new, 1 on stack, 2 done
        var reversed = new bool[links.Count];
        void Visit(int root)
        {
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < outgoing[node].Count)
                {
                    stack.Push((node, next + 1));
                    int e = outgoing[node][next], to = links[e].To;
                    if (state[to] == 1)
                    {
                        reversed[e] = true;
                    }
                    else if (state[to] == 0)
                    {
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }

        for (int v = 0; v < n; v++)
        {
            if (indegree[v] == 0 && state[v] == 0)
            {
                Visit(v);
            }
        }

        for (int v = 0; v < n; v++)
        {
            if (state[v] == 0)
            {
                Visit(v);
            }
        }

        return reversed;
    }

    // 2. Layers by longest path from the sources (Kahn order on the acyclic graph).
    private static int[] LongestPathLayers(int n, List<(int From, int To)> dag)
    {
        var layer = new int[n];
        var dagOut = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var dagIn = new int[n];
        foreach (var (from, to) in dag)
        {
            dagOut[from].Add(to);
            dagIn[to]++;
        }

        var ready = new Queue<int>(Enumerable.Range(0, n).Where(v => dagIn[v] == 0));
        while (ready.Count > 0)
        {
            int v = ready.Dequeue();
            foreach (int w in dagOut[v])
            {
                layer[w] = Math.Max(layer[w], layer[v] + 1);
                if (--dagIn[w] == 0)
                {
                    ready.Enqueue(w);
                }
            }
        }

        return layer;
    }

    // 3. Dummy nodes for edges that cross layers; each edge becomes a chain of unit segments. Dummies follow the real
    // nodes in numbering; the result gives every node's layer.
    private static (List<int> LayerOf, List<List<int>> Chains) SplitLongEdges(int[] layer, List<(int From, int To)> dag)
    {
        var layerOf = new List<int>(layer);
        var chains = new List<List<int>>();
        foreach (var (from, to) in dag)
        {
            var chain = new List<int> { from };
            for (int l = layer[from] + 1; l < layer[to]; l++)
            {
                layerOf.Add(l);
                chain.Add(layerOf.Count - 1);
            }

            chain.Add(to);
            chains.Add(chain);
        }

        return (layerOf, chains);
    }

    // 4. Crossing reduction: barycentre sweeps, alternating direction, keeping the order with the fewest crossings.
    private static List<int>[] ReduceCrossings(List<int> layerOf, int layers, List<int>[] up, List<int>[] down)
    {
        int total = layerOf.Count;
        var order = Enumerable.Range(0, layers).Select(l => Enumerable.Range(0, total).Where(v => layerOf[v] == l).ToList()).ToArray();
        var position = new double[total];
        foreach (var list in order)
        {
            for (int i = 0; i < list.Count; i++)
            {
                position[list[i]] = i;
            }
        }

        var best = order.Select(l => l.ToList()).ToArray();
        long bestCrossings = Crossings(order, down, position);
        for (int sweep = 0; sweep < 12 && bestCrossings > 0; sweep++)
        {
            bool downward = sweep % 2 == 0;
            for (int k = 1; k < layers; k++)
            {
                int l = downward ? k : layers - 1 - k;
                var neighbours = downward ? up : down;
                order[l] = [.. order[l].OrderBy(v => neighbours[v].Count == 0 ? position[v] : neighbours[v].Average(u => position[u])).ThenBy(v => position[v])];
                for (int i = 0; i < order[l].Count; i++)
                {
                    position[order[l][i]] = i;
                }
            }

            long crossings = Crossings(order, down, position);
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = order.Select(list => list.ToList()).ToArray();
            }
        }

        return best;
    }

    // 5. Coordinates: y stacked in order, then relaxed toward neighbours with order and gaps kept; the drawing starts at
    // the top (the highest node or route touches y = 0).
    private static double[] Coordinates(List<int>[] order, List<int>[] up, List<int>[] down, Func<int, double> size)
    {
        var y = new double[up.Length];
        foreach (var list in order)
        {
            double cursor = 0;
            foreach (int v in list)
            {
                y[v] = cursor + (size(v) / 2);
                cursor += size(v) + NodeGap;
            }
        }

        for (int round = 0; round < 8; round++)
        {
            foreach (var list in order)
            {
                foreach (int v in list)
                {
                    var near = up[v].Concat(down[v]).ToList();
                    if (near.Count > 0)
                    {
                        y[v] = (y[v] + near.Average(u => y[u])) / 2;
                    }
                }

                // Keep the order and the gaps: push down where needed, then shift the layer to start at 0 or more.
                for (int i = 1; i < list.Count; i++)
                {
                    double min = y[list[i - 1]] + (size(list[i - 1]) / 2) + NodeGap + (size(list[i]) / 2);
                    y[list[i]] = Math.Max(y[list[i]], min);
                }

                if (list.Count > 0)
                {
                    double shift = Math.Max(0, (size(list[0]) / 2) - y[list[0]]);
                    foreach (int v in list)
                    {
                        y[v] += shift;
                    }
                }
            }
        }

        double highest = Enumerable.Range(0, y.Length).Select(v => y[v] - (size(v) / 2)).DefaultIfEmpty(0).Min();
        for (int v = 0; v < y.Length; v++)
        {
            y[v] -= highest;
        }

        return y;
    }

    private static long Crossings(List<int>[] order, List<int>[] down, double[] position)
    {
        long crossings = 0;
        foreach (var list in order)
        {
            var segments = list.SelectMany(v => down[v].Select(w => (A: position[v], B: position[w]))).ToList();
            for (int i = 0; i < segments.Count; i++)
            {
                for (int j = i + 1; j < segments.Count; j++)
                {
                    if ((segments[i].A - segments[j].A) * (segments[i].B - segments[j].B) < 0)
                    {
                        crossings++;
                    }
                }
            }
        }

        return crossings;
    }
}
