using System.Globalization;
using System.Text;
using JourneyKit.Markov;

namespace JourneyKit.Rendering;

public static partial class Charts
{
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
}
