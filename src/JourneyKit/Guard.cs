using System.Collections.ObjectModel;

namespace JourneyKit;

/// <summary>Shared argument checks and defensive copies for the domain types.</summary>
internal static class Guard
{
    /// <summary>Ids: not blank, no surrounding white space, at most 200 characters.</summary>
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
            throw new ArgumentException($"Id '{value}' has leading or trailing white space.", paramName);
        }

        if (value.Length > MaxIdLength)
        {
            throw new ArgumentException($"Id '{value[..20]}…' is {value.Length} characters long; ids may have at most {MaxIdLength}.", paramName);
        }

        return value;
    }

    public static string Name(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A name must not be empty or white space.", paramName);
        }

        return value;
    }

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

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

            copy.Add(value);
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
            if (!copy.TryAdd(key, value))
            {
                throw new ArgumentException($"Attribute '{key}' is given twice.", paramName);
            }
        }

        return new ReadOnlyDictionary<string, string>(copy);
    }
}
