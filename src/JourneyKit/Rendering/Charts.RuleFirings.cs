using System.Globalization;
using System.Text;
using JourneyKit.Rules;

namespace JourneyKit.Rendering;

public static partial class Charts
{
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
}
