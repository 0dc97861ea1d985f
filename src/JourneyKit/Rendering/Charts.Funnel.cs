using System.Globalization;
using System.Text;
using JourneyKit.Paths;

namespace JourneyKit.Rendering;

public static partial class Charts
{
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
                ? string.Create(CultureInfo.InvariantCulture, $"{step.ConversionRate:P1} go on [{step.ConversionInterval.Lower:P1}, {step.ConversionInterval.Upper:P1}]")
                : "completed";
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"funnel-step\"><title>{Svg.Escape($"{step.Name}: {step.Entered:N0} entered, {rate}")}</title>");
            body.Append(Svg.Text(20, y + 22, step.Name, 22, "font-weight=\"600\""));
            body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(180 + ((BarMax - w) / 2))}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(w)}\" height=\"32\" rx=\"4\" fill=\"#2e86de\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(180 + (BarMax / 2))}\" y=\"{Svg.N(y + 21)}\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"600\">{step.Entered.ToString("N0", CultureInfo.InvariantCulture)}</text>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(180 + BarMax + 12)}\" y=\"{Svg.N(y + 21)}\" font-size=\"11\">{Svg.Escape(rate)}</text></g>");
        }

        return Svg.Open(Width, height, "Funnel", $"Funnel of {funnel.Steps.Count} steps: {string.Join(", ", funnel.Steps.Select(s => $"{s.Name} {s.Entered}"))}.") + body + Svg.Close;
    }
}
