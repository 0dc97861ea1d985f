namespace JourneyKit.Rendering;

/// <summary>Charts of analysis results as standalone, deterministic, accessible SVG (a file per chart: Charts.*.cs).</summary>
public static partial class Charts
{
    // Every colour keeps at least 3:1 contrast against the white background (WCAG 1.4.11 for graphical objects).
    private static readonly string[] Palette = ["#2e86de", "#0b7a5c", "#c0392b", "#b35c00", "#8854d0", "#00798c", "#5f27cd", "#7f8c8d", "#576574", "#a67c00"];
}
