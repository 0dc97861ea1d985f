using System.IO.Compression;
using System.Reflection;

namespace JourneyKit.Voice;

/// <summary>
/// VADER's lexicon (vaderSentiment by C.J. Hutto, MIT; see <c>Lexicon/LICENSE-vaderSentiment.txt</c>): 7,503 words,
/// emoticons and slang with their mean valence, read once from the compressed resource shipped in the assembly — nothing
/// is downloaded at run time. Looked up by span, so scoring allocates no lower-cased copies.
/// </summary>
internal static class VaderLexicon
{
    private static readonly Lazy<Dictionary<string, double>> Words = new(Load);

    public static Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Lookup => Words.Value.GetAlternateLookup<ReadOnlySpan<char>>();

    public static int Count => Words.Value.Count;

    private static Dictionary<string, double> Load()
    {
        using Stream resource = Assembly.GetExecutingAssembly().GetManifestResourceStream("JourneyKit.Voice.vader_lexicon.txt.gz")
            ?? throw new InvalidOperationException("The VADER lexicon resource is missing from the JourneyKit assembly.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress), System.Text.Encoding.UTF8);
        var words = new Dictionary<string, double>(8192, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            // word <tab> mean valence <tab> standard deviation <tab> ten raters' scores; a repeated word keeps its last line.
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            int next = tab < 0 ? -1 : line.IndexOf('\t', tab + 1);
            if (tab > 0)
            {
                words[line[..tab]] = double.Parse(next < 0 ? line.AsSpan(tab + 1) : line.AsSpan(tab + 1, next - tab - 1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return words;
    }
}
