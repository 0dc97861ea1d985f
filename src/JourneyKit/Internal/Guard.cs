using System.Collections.ObjectModel;

namespace JourneyKit.Internal;

/// <summary>Shared argument checks and defensive copies for the domain types.</summary>
internal static class Guard
{
    /// <summary>Ids: not blank, no surrounding white space, no control characters, at most 200 characters.</summary>
    public const int MaxIdLength = 200;

    public static string Id(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("An id must not be empty or white space.", paramName);
        }

        if (value.Length != value.Trim().Length)
        {
            throw new ArgumentException($"Id '{Clip(value)}' has leading or trailing white space.", paramName);
        }

        if (value.Length > MaxIdLength)
        {
            throw new ArgumentException($"Id '{Clip(value.AsSpan(0, 20))}…' is {value.Length} characters long; ids may have at most {MaxIdLength}.", paramName);
        }

        if (ReservedLabel(value) is { } reserved)
        {
            throw new ArgumentException($"Id '{Clip(value)}' {reserved}", paramName);
        }

        if (value.AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 || value.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0)
        {
            throw new ArgumentException($"Id '{Clip(value)}' contains a control character; ids are printable text.", paramName);
        }

        return Unicode(value, paramName);
    }

    /// <summary>
    /// Why a label (an id, or a touchpoint, channel or stage of the event log) collides with the labels JourneyKit makes
    /// itself, or null when it does not: names in parentheses such as <c>(unknown)</c>, <c>(start)</c>, <c>(other)</c> are
    /// the built-in states and buckets, and <c> &gt; </c> joins the steps of a path or a higher-order Markov state.
    /// </summary>
    public static string? ReservedLabel(ReadOnlySpan<char> label) =>
        label.Length >= 2 && label[0] == '(' && label[^1] == ')'
            ? "is reserved: names in parentheses such as (unknown), (start), (end), (other) are JourneyKit's built-in labels."
            : label.Contains(" > ", StringComparison.Ordinal)
                ? "contains ' > ', which JourneyKit reserves to join the steps of a path or a higher-order Markov state."
                : null;

    public static string Name(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A name must not be empty or white space.", paramName);
        }

        return Unicode(value, paramName);
    }

    /// <summary>
    /// Input text for an error message: at most 80 characters, with control, format and bidirectional characters
    /// (a BOM, U+202E) and lone surrogates shown as <c>\uXXXX</c> so that nothing in a message is invisible or reorders it.
    /// </summary>
    public static string Clip(ReadOnlySpan<char> text)
    {
        const int Max = 80;
        var sb = new System.Text.StringBuilder(Math.Min(text.Length, Max) + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (sb.Length >= Max - 1)
            {
                sb.Append('…');
                break;
            }

            char c = text[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || IsInvisible(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether the text is well-formed UTF-16 (no lone surrogates), so that it survives UTF-8 and JSON losslessly.</summary>
    public static bool IsValidUnicode(ReadOnlySpan<char> text)
    {
        int i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return true;
        }

        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    // Format characters that change how text is shown: BOM, zero-width, bidirectional embeddings, overrides, isolates.
    private static bool IsInvisible(char c) =>
        c is '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u2060' || IsBidiControl(c);

    /// <summary>Bidirectional controls (embeddings, overrides, isolates, marks), which can make text read backwards.</summary>
    public static bool IsBidiControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static string Unicode(string value, string paramName) =>
        IsValidUnicode(value)
            ? value
            : throw new ArgumentException($"'{Clip(value)}' is not valid Unicode (a lone surrogate); it could not be saved and read back.", paramName);

    public static string? Optional(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : IsValidUnicode(value) ? value
        : throw new ArgumentException($"'{Clip(value)}' is not valid Unicode (a lone surrogate); it could not be saved and read back.", nameof(value));

    public static IReadOnlyList<string> Texts(IEnumerable<string>? values, string paramName)
    {
        if (values is null)
        {
            return [];
        }

        var copy = new List<string>();
        int index = 0;
        foreach (string? value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"Item {index} is empty; list entries must not be empty.", paramName);
            }

            copy.Add(Unicode(value, paramName));
            index++;
        }

        return copy.AsReadOnly();
    }

    public static IReadOnlyList<string> Ids(IEnumerable<string>? values, string paramName)
    {
        if (values is null)
        {
            return [];
        }

        var copy = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? value in values)
        {
            Id(value, paramName);
            if (!seen.Add(value!))
            {
                throw new ArgumentException($"Id '{value}' is listed twice.", paramName);
            }

            copy.Add(value!);
        }

        return copy.AsReadOnly();
    }

    public static IReadOnlyDictionary<string, string> Attributes(IEnumerable<KeyValuePair<string, string>>? values, string paramName)
    {
        if (values is null)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var copy = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("Attribute keys must not be empty.", paramName);
            }

            ArgumentNullException.ThrowIfNull(value, paramName);
            if (!copy.TryAdd(Unicode(key, paramName), Unicode(value, paramName)))
            {
                throw new ArgumentException($"Attribute '{key}' is given twice.", paramName);
            }
        }

        return new ReadOnlyDictionary<string, string>(copy);
    }
}
