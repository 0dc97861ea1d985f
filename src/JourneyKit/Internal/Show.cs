using System.Globalization;

namespace JourneyKit.Internal;

/// <summary>Rounded, human figures for ToString: what a person reads in a log line or a debugger.</summary>
internal static class Show
{
    /// <summary>A duration in the largest fitting unit with one decimal: "3.2 d", "4.0 h", "12.5 min", "40.0 s", "–" for none.</summary>
    public static string Duration(TimeSpan span) =>
        span == TimeSpan.Zero ? "0"
        : Math.Abs(span.TotalDays) >= 1 ? F($"{span.TotalDays:0.0} d")
        : Math.Abs(span.TotalHours) >= 1 ? F($"{span.TotalHours:0.0} h")
        : Math.Abs(span.TotalMinutes) >= 1 ? F($"{span.TotalMinutes:0.0} min")
        : F($"{span.TotalSeconds:0.0} s");

    /// <summary>A duration as a report reads it: minutes under an hour, hours up to 48, days beyond ("12 min", "25.5 h", "3.2 days").</summary>
    public static string Hours(TimeSpan span) =>
        span == TimeSpan.Zero ? "0 h"
        : Math.Abs(span.TotalHours) < 1 ? F($"{span.TotalMinutes:0} min")
        : Math.Abs(span.TotalHours) < 48 ? F($"{span.TotalHours:0.0} h")
        : F($"{span.TotalDays:0.0} days");

    /// <summary>A share as a percentage with one decimal; "–" for NaN.</summary>
    public static string Percent(double share) => double.IsNaN(share) ? "–" : F($"{share * 100:0.0} %");

    /// <summary>A number with four significant digits; "–" for NaN.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "–" : F($"{value:G4}");

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => F($"{value:N0}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
