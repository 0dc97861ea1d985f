using System.Globalization;
using System.Text;
using JourneyKit.Metrics;

namespace JourneyKit.Rendering;

public static partial class Charts
{
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
        body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{L + W - 190}\" y1=\"{T - 14}\" x2=\"{L + W - 174}\" y2=\"{T - 14}\" stroke=\"#2e86de\" stroke-width=\"2\"/><text x=\"{L + W - 170}\" y=\"{T - 10}\" font-size=\"10\">estimate</text>");
        body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{L + W - 116}\" y=\"{T - 20}\" width=\"16\" height=\"10\" fill=\"#2e86de\" fill-opacity=\"0.18\"/><text x=\"{L + W - 96}\" y=\"{T - 10}\" font-size=\"10\">95 % band</text>");
        string median = double.IsPositiveInfinity(curve.MedianSurvival) ? "not reached" : Svg.N(curve.MedianSurvival);
        return Svg.Open(Width, Height, title, $"Kaplan–Meier survival curve of {curve.Subjects} subjects with 95 % log-log confidence band; median {median} {timeUnit}.") + body + Svg.Close;
    }
}
