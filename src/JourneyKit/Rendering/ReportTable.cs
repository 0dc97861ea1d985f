using System.Globalization;
using System.Text;

namespace JourneyKit.Rendering;

/// <summary>
/// A table of the HTML report with a link that downloads it as CSV (a data URI: no script), so a CX team takes the
/// numbers to a spreadsheet. Cells are escaped for HTML; in the CSV, text that a spreadsheet would run as a formula
/// (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> first) is prefixed with an apostrophe, and numbers are written in full.
/// A header <c>"Shown|In the CSV"</c> names a column differently in the CSV (a duration shown as "3.2 days" is hours there).
/// </summary>
internal sealed class ReportTable(string fileName, params string[] headers)
{
    private readonly List<Cell[]> _rows = [];

    public int Count => _rows.Count;

    public void Row(params Cell[] cells) => _rows.Add(cells);

    public void AppendTo(StringBuilder html)
    {
        html.Append("<table><tr>").Append(string.Concat(headers.Select(h => $"<th>{Svg.Escape(h.Split('|')[0])}</th>"))).Append("</tr>");
        foreach (Cell[] row in _rows)
        {
            html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{Svg.Escape(c.Display)}</td>"))).Append("</tr>");
        }

        html.Append("</table>");
        var csv = new StringBuilder();
        csv.AppendJoin(',', headers.Select(h => Field(h.Split('|')[^1]))).Append("\r\n");
        foreach (Cell[] row in _rows)
        {
            csv.AppendJoin(',', row.Select(c => Field(c.Csv))).Append("\r\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"download\"><a download=\"{Svg.Escape(fileName)}.csv\" href=\"data:text/csv;charset=utf-8,{Uri.EscapeDataString(csv.ToString())}\">Download this table as CSV</a></p>");
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>A cell: what the page shows, and what the CSV holds.</summary>
    internal readonly record struct Cell(string Display, string Csv)
    {
        public static Cell Text(string text) => new(text, text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text);

        public static Cell Count(long value) => new(value.ToString("N0", CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));

        public static Cell Number(double value, string format) =>
            double.IsNaN(value) ? new("–", "") : new(value.ToString(format, CultureInfo.InvariantCulture), value.ToString("R", CultureInfo.InvariantCulture));

        public static Cell Share(double value) =>
            double.IsNaN(value) ? new("–", "") : new(value.ToString("P1", CultureInfo.InvariantCulture), value.ToString("R", CultureInfo.InvariantCulture));

        public static Cell Duration(TimeSpan value) => new(Internal.Show.Hours(value), value.TotalHours.ToString("R", CultureInfo.InvariantCulture));
    }
}
