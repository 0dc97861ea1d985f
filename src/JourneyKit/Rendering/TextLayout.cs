namespace JourneyKit.Rendering;

/// <summary>
/// Measures and wraps text for the font the drawings declare (<see cref="Svg.Font"/>: Arial, or the metric-compatible
/// Liberation Sans and Helvetica), with the published advance widths of that face (Adobe's Helvetica AFM, in thousandths
/// of an em), so a layout is the same on every machine and the text fits where the browser draws it. Characters outside
/// the table are measured wide (a full em for CJK and other wide scripts, 0.65 em otherwise): a line may end early, never
/// overflow.
/// </summary>
internal static class TextLayout
{
    private const string Ellipsis = "…";

    // Advance widths of U+0020..U+007E.
    private static readonly short[] Ascii =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,      // p-z { | } ~
    ];

    /// <summary>The width of a text in pixels at a font size (pixels per em).</summary>
    public static double Width(ReadOnlySpan<char> text, double fontSize)
    {
        double units = 0;
        foreach (char c in text)
        {
            units += Advance(c);
        }

        return units * fontSize / 1000;
    }

    private static int Advance(char c) => c switch
    {
        >= ' ' and <= '~' => Ascii[c - ' '],
        '…' => 1000,
        '★' or '◆' or '●' => 1000,
        '–' => 556,
        '—' => 1000,
        '’' or '‘' => 222,
        '“' or '”' => 333,
        '→' => 1000,
        >= '\u00C0' and <= '\u024F' => 722,                   // accented Latin: as wide as the widest base letters
        >= '\u1100' and <= '\uFFEF' => 1000,                  // CJK, Hangul, full-width forms and other wide scripts
        _ => 650,
    };

    /// <summary>
    /// Wraps a text to lines no wider than <paramref name="maxWidth"/>, breaking between words; a word wider than a whole
    /// line is broken between characters (it could not be shown otherwise), unless <c>breakWords</c> is false. Beyond <paramref name="maxLines"/> lines the
    /// last shown line ends with an ellipsis at a word boundary, and <paramref name="truncated"/> says so.
    /// </summary>
    public static List<string> Wrap(string text, double maxWidth, double fontSize, int maxLines, out bool truncated, bool breakWords = true)
    {
        var lines = new List<string>();
        truncated = false;
        string[] words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string current = "";
        foreach (string word in words)
        {
            string candidate = current.Length == 0 ? word : current + " " + word;
            if (Width(candidate, fontSize) <= maxWidth)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
                current = "";
            }

            // A word too wide for any line: cut it between characters (or, when asked not to, give it a line of its own).
            string rest = word;
            while (breakWords && Width(rest, fontSize) > maxWidth && rest.Length > 1)
            {
                // Characters are added while the running width fits: linear in the word's length.
                int fit = 1;
                double used = Advance(rest[0]) * fontSize / 1000;
                while (fit < rest.Length && used + (Advance(rest[fit]) * fontSize / 1000) <= maxWidth)
                {
                    used += Advance(rest[fit]) * fontSize / 1000;
                    fit++;
                }

                if (fit < rest.Length && char.IsHighSurrogate(rest[fit - 1]))
                {
                    fit = Math.Max(1, fit - 1);
                }

                lines.Add(rest[..fit]);
                rest = rest[fit..];
            }

            current = rest;
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count <= maxLines)
        {
            return lines;
        }

        truncated = true;
        var kept = lines.GetRange(0, maxLines);
        string last = kept[^1];
        while (Width(last + Ellipsis, fontSize) > maxWidth && last.Contains(' ', StringComparison.Ordinal))
        {
            last = last[..last.LastIndexOf(' ')];
        }

        // A line that is a piece of a cut word has no word boundary left: make room for the ellipsis character by character.
        while (Width(last + Ellipsis, fontSize) > maxWidth && last.Length > 1)
        {
            last = last[..^(char.IsLowSurrogate(last[^1]) && last.Length > 2 ? 2 : 1)];
        }

        kept[^1] = last + Ellipsis;
        return kept;
    }
}
