using System.Text;
using System.Text.RegularExpressions;
using JourneyKit.Events;
using JourneyKit.Rendering;

namespace JourneyKit.Tests.Rendering;

public sealed partial class ReportExplainsItselfTests
{
    private static JourneyMap HostileChannels() =>
        JourneyMap.CreateBuilder("shop", "Shop")
            .AddStages(JourneyTemplates.FiveStage)
            .AddChannel("web", "=HYPERLINK(\"http://evil.example\",\"x\")", ChannelKind.Web)
            .AddChannel("email", "E-mail, \"weekly\"", ChannelKind.Email)
            .AddChannel("phone", "@SUM(A1:A9)", ChannelKind.Phone)
            .AddTouchpoint("ad", "Social ad", "awareness", "web", emotion: Emotion.From(0.5))
            .AddTouchpoint("compare", "Product comparison", "consideration", "email", emotion: Emotion.From(-0.5))
            .AddTouchpoint("call", "Sales call", "consideration", "phone", emotion: Emotion.From(0))
            .AddTouchpoint("checkout", "Checkout", "purchase", "web", emotion: Emotion.From(-1))
            .Build();

    private static string Report()
    {
        var map = HostileChannels();
        var log = new SyntheticJourneyGenerator(map, new SyntheticJourneyOptions { Customers = 300, Seed = 11 }).Generate();
        return HtmlReport.Build(map, log);
    }

    [Fact]
    public void EverySection_OpensWithASentenceSayingWhatItShowsAndHowToReadIt()
    {
        string html = Report();
        var headings = Heading().Matches(html);
        Assert.True(headings.Count >= 6, $"{headings.Count} sections");
        Assert.All(headings, h => Assert.True(h.Groups[2].Value.Trim().Length >= 40, $"section '{h.Groups[1].Value}' explains itself in '{h.Groups[2].Value}'"));
    }

    [Fact]
    public void EveryTable_DownloadsAsCsv_WithTheSameRowsAsShown()
    {
        string html = Report();
        var tables = Table().Matches(html);
        Assert.NotEmpty(tables);
        foreach (Match t in tables)
        {
            int shownRows = Regex.Count(t.Groups[1].Value, "<tr>");
            var csv = ParseCsv(Uri.UnescapeDataString(t.Groups[2].Value));
            Assert.Equal(shownRows, csv.Count);
            Assert.All(csv, row => Assert.Equal(csv[0].Count, row.Count));
        }
    }

    [Fact]
    public void CsvDownloads_KeepNamesThatLookLikeFormulasAsText_AndQuoteCommasAndQuotes()
    {
        string html = Report();
        var cells = Table().Matches(html).SelectMany(t => ParseCsv(Uri.UnescapeDataString(t.Groups[2].Value))).SelectMany(r => r).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"x\")", cells);
        Assert.Contains("'@SUM(A1:A9)", cells);
        Assert.Contains("E-mail, \"weekly\"", cells);
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '@');
        Assert.DoesNotContain("=HYPERLINK(\"http://evil.example\"", html, StringComparison.Ordinal); // the page escapes the quotes
    }

    // RFC 4180: fields separated by commas, records by CRLF, quoted fields double their quotes.
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(row);
        Assert.Equal(0, field.Length);
        return rows;
    }

    [GeneratedRegex("<h2>(.*?)</h2><p class=\"intro\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<table>(.*?)</table><p class=\"download\"><a download=\"[^\"]*\" href=\"data:text/csv;charset=utf-8,([^\"]*)\">", RegexOptions.Singleline)]
    private static partial Regex Table();
}
