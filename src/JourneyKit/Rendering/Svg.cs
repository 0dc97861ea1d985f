using System.Globalization;
using System.Text;
using JourneyKit.Internal;

namespace JourneyKit.Rendering;

/// <summary>Small, deterministic SVG/HTML building blocks: escaping, number formatting, truncation.</summary>
internal static class Svg
{
    // One face with published metrics (Arial; Liberation Sans and Helvetica share its widths), so TextLayout measures what
    // the browser draws.
    public const string Font = "font-family=\"Arial, 'Liberation Sans', Helvetica, sans-serif\"";

    /// <summary>
    /// Text as any output may carry it: characters XML 1.0 cannot carry (control characters other than tab, line feed
    /// and carriage return, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, and bidirectional controls (U+202A–U+202E,
    /// U+2066–U+2069, U+200E/U+200F, U+061C), which could make a label read backwards, are removed.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (Guard.IsBidiControl(c))
            {
                continue;
            }
            else if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Escapes text for XML and HTML content or attributes, after <see cref="Clean"/> (invalid characters become
    /// U+FFFD, bidirectional controls are removed).
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        text = Clean(text);
        var sb = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Shortens text to at most <paramref name="max"/> characters (by text elements) with an ellipsis.</summary>
    public static string Truncate(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, Math.Max(1, max - 1)) + "…";
    }

    /// <summary>A coordinate or size, rounded to 2 decimals; a non-finite number is a bug upstream and throws.</summary>
    public static string N(double value) =>
        double.IsFinite(value)
            ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"A drawing coordinate is {value.ToString(CultureInfo.InvariantCulture)}; every size and position must be finite.");

    /// <summary>A text element whose full content is kept in a title child when it had to be shortened.</summary>
    public static string Text(double x, double y, string text, int maxChars, string attributes = "")
    {
        string shown = Truncate(text, maxChars);
        string title = shown.Length == text.Length ? "" : $"<title>{Escape(text)}</title>";
        return $"<text x=\"{N(x)}\" y=\"{N(y)}\" {attributes}>{title}{Escape(shown)}</text>";
    }

    /// <summary>
    /// A wrapped text block: lines no wider than <paramref name="maxWidth"/> at <paramref name="fontSize"/> (bold measured
    /// 10 % wider), at most <paramref name="maxLines"/>, the full text in a title child when it had to be shortened.
    /// </summary>
    /// <returns>The markup and the number of lines drawn.</returns>
    public static (string Markup, int Lines) TextBlock(double x, double y, string text, double maxWidth, double fontSize, int maxLines, double lineHeight, string attributes = "", bool bold = false)
    {
        var lines = TextLayout.Wrap(text, bold ? maxWidth / 1.1 : maxWidth, fontSize, maxLines, out bool truncated);
        var markup = new System.Text.StringBuilder();
        markup.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(fontSize)}\" {attributes}>");
        if (truncated)
        {
            markup.Append(CultureInfo.InvariantCulture, $"<title>{Escape(text)}</title>");
        }

        for (int i = 0; i < lines.Count; i++)
        {
            markup.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{N(x)}\" dy=\"{N(i == 0 ? 0 : lineHeight)}\">{Escape(lines[i])}</tspan>");
        }

        return (markup.Append("</text>").ToString(), Math.Max(1, lines.Count));
    }

    // The accessible name is an aria-label on the element itself: id references (aria-labelledby) would collide when a
    // report holds several charts, and every chart would be announced with the first one's title.
    public static string Open(double width, double height, string title, string description) =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-label=\"{Escape(title)}\" {Font} font-size=\"12\">" +
        $"<title>{Escape(title)}</title><desc>{Escape(description)}</desc>" +
        $"<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";

    public const string Close = "</svg>";

    /// <summary>
    /// Axis ticks a reader takes in at a glance: steps of 1, 2 or 5 × 10ⁿ (with <paramref name="days"/> and a range of a day or more, whole days and, from
    /// a week up, 7, 14 or 28 days), from 0 to the first tick at or above <paramref name="max"/>, about <paramref name="target"/> of them.
    /// </summary>
    public static double[] NiceTicks(double max, int target = 5, bool days = false)
    {
        if (!(max > 0) || !double.IsFinite(max))
        {
            return [0, 1];
        }

        double raw = max / Math.Max(1, target);
        double step;
        if (days && max >= 1)
        {
            step = raw <= 1 ? 1 : raw <= 2 ? 2 : raw <= 5 ? 5 : raw <= 7 ? 7 : raw <= 14 ? 14 : raw <= 28 ? 28 : NiceStep(raw);
        }
        else
        {
            step = NiceStep(raw);
        }

        int count = (int)Math.Ceiling((max / step) - 1e-9);
        var ticks = new double[count + 1];
        for (int i = 0; i <= count; i++)
        {
            ticks[i] = i * step;
        }

        return ticks;
    }

    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    /// <summary>A colour from red (−2) through grey (0) to green (+2); each at least 3:1 against white.</summary>
    public static string EmotionColour(double value) => value switch
    {
        <= -1.25 => "#c0392b",
        <= -0.25 => "#ca6f1e",
        < 0.25 => "#7f8c8d",
        < 1.25 => "#4e8a2e",
        _ => "#1e8449",
    };

    public static string SeverityColour(Severity severity) => severity switch
    {
        Severity.Critical => "#8e1b10",
        Severity.High => "#c0392b",
        Severity.Medium => "#ca6f1e",
        _ => "#a67c00",
    };
}
