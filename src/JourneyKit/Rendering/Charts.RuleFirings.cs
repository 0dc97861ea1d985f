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
    /// <param name="evaluation">A back-test from <see cref="RuleEngine.Evaluate(Events.EventLog, DateTimeOffset, CancellationToken)"/>.</param>
    /// <param name="ruleName">The rule to draw.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No rule of the evaluation has that name.</exception>
    public static string RuleFirings(RuleEvaluation evaluation, string ruleName)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(ruleName);
        RuleSummary summary = evaluation[ruleName];
        const double Width = 720, Height = 260, L = 60, T = 44, W = 630, H = 160;
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
        // The legend names what the rule waits for, and the part of the chart still open at the as-of moment is shaded:
        // episodes that started there are pending (not yet due), so its bars are low by construction.
        int index = evaluation.Summaries.ToList().FindIndex(x => x.RuleName == ruleName);
        JourneyRule? rule = index >= 0 && index < evaluation.Definitions.Count ? evaluation.Definitions[index] : null;
        string awaited = rule switch
        {
            { Kind: RuleKind.Stall } => "another stage",
            { Follow: { Kind: ConditionKind.Touchpoint, Id: { } id } } => Internal.Guard.Clip(id.AsSpan(0, Math.Min(id.Length, 24))),
            { Follow: { } follow } => Internal.Guard.Clip(follow.ToString().AsSpan(0, Math.Min(follow.ToString().Length, 24))),
            _ => "the follow-up",
        };
        bool waits = rule?.Kind is RuleKind.Absence or RuleKind.Stall;
        TimeSpan window = index >= 0 && index < evaluation.Windows.Count ? evaluation.Windows[index] : TimeSpan.Zero;
        if (waits && window > TimeSpan.Zero)
        {
            double from = Math.Max(L, L + W - (W * window.Ticks / (double)(days * dayTicks)));
            body.Append(CultureInfo.InvariantCulture, $"<rect class=\"censored\" x=\"{Svg.N(from)}\" y=\"{T}\" width=\"{Svg.N(L + W - from)}\" height=\"{H}\" fill=\"#576574\" fill-opacity=\"0.08\"><title>Episodes started here are not due by the as-of moment: pending, not fired</title></rect>");
        }

        double lx = L;
        void Key(string colour, string text)
        {
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(lx)}\" y=\"{T + H + 42}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{Svg.N(lx + 14)}\" y=\"{T + H + 51}\" font-size=\"10\">{Svg.Escape(text)}</text>");
            lx += 14 + TextLayout.Width(text, 10) + 16;
        }

        Key("#ee5253", waits ? $"fired, no {awaited} since" : "fired");
        if (waits)
        {
            Key("#a67c00", $"fired, then {awaited} anyway");
            Key("#e8ebee", "pending: not yet due");
        }

        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(lx)}\" y=\"{T + H + 51}\" font-size=\"10\">{summary.Pending:N0} pending at {evaluation.AsOf.UtcDateTime:yyyy-MM-dd HH:mm}</text>");
        return Svg.Open(Width, Height, $"Firings of rule {ruleName}", summary.ToString()) + body + Svg.Close;
    }
}
