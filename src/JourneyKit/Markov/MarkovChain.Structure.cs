using MathNet.Numerics.LinearAlgebra;

namespace JourneyKit.Markov;

/// <content>The chain's structure: closed classes (Tarjan's strongly connected components) and mean passage times.</content>
public sealed partial class MarkovChain
{
    // Closed communicating classes: strongly connected components with no edge leaving them.
    private List<List<int>> ClosedClasses()
    {
        RequireAnalysable();
        var component = StronglyConnected();
        int count = component.Max() + 1;
        var closed = Enumerable.Repeat(true, count).ToArray();
        for (int i = 0; i < StateCount; i++)
        {
            for (int j = 0; j < StateCount; j++)
            {
                if (P(i, j) > 0 && component[i] != component[j])
                {
                    closed[component[i]] = false;
                }
            }
        }

        return Enumerable.Range(0, count).Where(c => closed[c])
            .Select(c => Enumerable.Range(0, StateCount).Where(i => component[i] == c).ToList()).ToList();
    }

    // Tarjan's algorithm, iterative.
    private int[] StronglyConnected()
    {
        int n = StateCount, index = 0, components = 0;
        var order = Enumerable.Repeat(-1, n).ToArray();
        var low = new int[n];
        var component = Enumerable.Repeat(-1, n).ToArray();
        var onStack = new bool[n];
        var stack = new Stack<int>();
        var work = new Stack<(int Node, int Next)>();
        for (int root = 0; root < n; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, next) = work.Pop();
                if (next == 0)
                {
                    order[v] = low[v] = index++;
                    stack.Push(v);
                    onStack[v] = true;
                }
                else
                {
                    low[v] = Math.Min(low[v], low[next - 1]);
                }

                bool descended = false;
                for (int w = next; w < n; w++)
                {
                    if (P(v, w) <= 0)
                    {
                        continue;
                    }

                    if (order[w] < 0)
                    {
                        work.Push((v, w + 1));
                        work.Push((w, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], order[w]);
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[v] == order[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = components;
                    }
                    while (w != v);
                    components++;
                }
            }
        }

        return component;
    }

    // Expected steps to reach j from every state; +∞ where j may never be reached.
    private double[] PassageTimes(int j)
    {
        int n = StateCount;

        // States that reach j with probability 1: start from those that can reach j at all, then drop any state with an
        // edge to a state outside the set (it may wander off for ever), until stable.
        var reaches = new bool[n];
        reaches[j] = true;
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int i = 0; i < n; i++)
            {
                if (!reaches[i] && Enumerable.Range(0, n).Any(k => reaches[k] && P(i, k) > 0))
                {
                    reaches[i] = changed = true;
                }
            }
        }

        var sure = (bool[])reaches.Clone();
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int i = 0; i < n; i++)
            {
                if (sure[i] && i != j && Enumerable.Range(0, n).Any(k => P(i, k) > 0 && !sure[k]))
                {
                    sure[i] = false;
                    changed = true;
                }
            }
        }

        int[] members = [.. Enumerable.Range(0, n).Where(i => sure[i] && i != j)];
        var times = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        times[j] = 0;
        if (members.Length > 0)
        {
            // (I − P restricted to the members) m = 1, solved with LU.
            var a = Matrix<double>.Build.Dense(members.Length, members.Length, (r, c) => (r == c ? 1 : 0) - P(members[r], members[c]));
            var m = a.LU().Solve(Vector<double>.Build.Dense(members.Length, 1));
            for (int k = 0; k < members.Length; k++)
            {
                times[members[k]] = m[k];
            }
        }

        return times;
    }
}
