namespace JourneyKit.Internal;

/// <summary>
/// "Did you mean": the labels nearest a misspelled one, for error messages. Labels are compared case-insensitively with
/// <c>-</c>, <c>_</c>, <c>.</c> and white space as one separator (<c>white-paper</c> is <c>White_Paper</c>), by edit distance.
/// </summary>
internal static class Closest
{
    /// <summary>Up to <paramref name="count"/> labels close to <paramref name="name"/> (nearest first, then ordinal), or the first few labels when none is close.</summary>
    public static IReadOnlyList<string> To(string name, IEnumerable<string> labels, int count = 3)
    {
        string key = Fold(name);
        var scored = new List<(int Distance, string Label)>();
        var all = new List<string>();
        foreach (string label in labels)
        {
            all.Add(label);
            int distance = Distance(key, Fold(label), Math.Max(2, key.Length / 3));
            if (distance >= 0)
            {
                scored.Add((distance, label));
            }
        }

        return scored.Count > 0
            ? [.. scored.OrderBy(s => s.Distance).ThenBy(s => s.Label, StringComparer.Ordinal).Take(count).Select(s => s.Label)]
            : [.. all.Order(StringComparer.Ordinal).Take(count)];
    }

    /// <summary>A message tail: "closest: a, b, c" or "the log has: a, b, c, … (N in all)" or "it has none".</summary>
    public static string Describe(string name, IReadOnlyCollection<string> labels, string what, string owner = "the log")
    {
        if (labels.Count == 0)
        {
            return $"{owner} has no {what}s";
        }

        IReadOnlyList<string> near = To(name, labels);
        bool close = Distance(Fold(name), Fold(near[0]), Math.Max(2, Fold(name).Length / 3)) >= 0;
        string list = string.Join(", ", near.Select(l => $"'{Guard.Clip(l)}'"));
        return close ? $"closest: {list}" : $"{owner}'s {what}s include {list}{(labels.Count > near.Count ? $", … ({Show.Count(labels.Count)} in all)" : "")}";
    }

    private static string Fold(string text)
    {
        var chars = new char[text.Length];
        int n = 0;
        foreach (char c in text)
        {
            chars[n++] = c is '-' or '_' or '.' || char.IsWhiteSpace(c) ? ' ' : char.ToLowerInvariant(c);
        }

        return new string(chars, 0, n);
    }

    // Levenshtein distance, or −1 when it exceeds the limit (the rows stop early).
    private static int Distance(string a, string b, int limit) => EditDistance.Of(a.AsSpan(), b.AsSpan(), limit);
}
