using System.Text;

namespace JourneyKit.Identity;

/// <summary>The options compiled for the hot path: kinds by id (id = priority, 0 highest), limits and normalisation per kind id.</summary>
internal sealed class IdentityRules
{
    private readonly HashSet<string>? _blocked;
    private readonly IdentifierNormalization[] _normalization;

    public IdentityRules(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Kinds = [.. options.KindPriority];
        Limits = new int[Kinds.Length];
        _normalization = new IdentifierNormalization[Kinds.Length];
        for (int k = 0; k < Kinds.Length; k++)
        {
            Limits[k] = options.MaxPerProfile is { } limits && limits.TryGetValue(Kinds[k], out int max) ? max : 0;
            _normalization[k] = options.Normalization is { } n && n.TryGetValue(Kinds[k], out var flags)
                ? flags
                : Kinds[k] == "email" ? IdentifierNormalization.Trim | IdentifierNormalization.LowerCase | IdentifierNormalization.Compatibility : IdentifierNormalization.Trim;
        }

        LimitedKinds = [.. Enumerable.Range(0, Kinds.Length).Where(k => Limits[k] > 0)];
        if (options.BlockedValues is { Count: > 0 } blocked)
        {
            _blocked = new HashSet<string>(blocked.Select(Fold), StringComparer.OrdinalIgnoreCase);
        }
    }

    public IdentityOptions Options { get; }

    public string[] Kinds { get; }

    /// <summary>Gets the limit per kind id; 0 = none.</summary>
    public int[] Limits { get; }

    public int[] LimitedKinds { get; }

    public int KindId(string kind)
    {
        string[] kinds = Kinds;
        for (int k = 0; k < kinds.Length; k++)
        {
            if (ReferenceEquals(kinds[k], kind) || string.Equals(kinds[k], kind, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    public int RequireKind(string kind, string paramName)
    {
        ArgumentNullException.ThrowIfNull(kind, paramName);
        int id = KindId(kind);
        return id >= 0
            ? id
            : throw new ArgumentException($"'{Internal.Guard.Clip(kind)}' is not a configured kind of identifier (IdentityOptions.KindPriority: {string.Join(", ", Kinds)}).", paramName);
    }

    /// <summary>An interned identifier with its kind's name.</summary>
    public Identifier Identify(IdentifierTable table, int id) => new(Kinds[table.KindOf(id)], table.ValueOf(id));

    /// <summary>Whether a (normalised) value is blocked: compared folded (see <see cref="Fold"/>), ignoring case.</summary>
    public bool IsBlocked(string value) =>
        _blocked is not null && _blocked.Contains(System.Text.Ascii.IsValid(value) && value.AsSpan().IndexOfAny(WhiteSpace) < 0 ? value : Fold(value));

    /// <summary>The form blocked values are compared in: compatibility forms unified (NFKC), format characters and white space removed.</summary>
    public static string Fold(string value)
    {
        string text = System.Text.Ascii.IsValid(value) ? value : Compatible(value);
        return text.AsSpan().IndexOfAny(WhiteSpace) < 0 ? text : string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>NFKC, without format characters (invalid UTF-16 left as it is, then refused elsewhere).</summary>
    private static string Compatible(string value)
    {
        if (System.Text.Ascii.IsValid(value))
        {
            return value;
        }

        var kept = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                kept.Append(c);
            }
        }

        string text = kept.ToString();
        return Internal.Guard.IsValidUnicode(text) ? text.Normalize(NormalizationForm.FormKC) : text;
    }

    /// <summary>Normalises a value of a kind; returns the same instance when nothing changes (no allocation).</summary>
    public string Normalize(int kind, string value)
    {
        var flags = _normalization[kind];
        if ((flags & IdentifierNormalization.Compatibility) != 0)
        {
            value = Compatible(value);
        }

        if ((flags & IdentifierNormalization.RemoveWhiteSpace) != 0)
        {
            if (value.AsSpan().IndexOfAny(WhiteSpace) >= 0)
            {
                var text = new StringBuilder(value.Length);
                foreach (char c in value)
                {
                    if (!char.IsWhiteSpace(c))
                    {
                        text.Append(c);
                    }
                }

                value = text.ToString();
            }
        }
        else if ((flags & IdentifierNormalization.Trim) != 0 && value.Length > 0 && (Blank(value[0]) || Blank(value[^1])))
        {
            int start = 0, end = value.Length;
            while (start < end && Blank(value[start]))
            {
                start++;
            }

            while (end > start && Blank(value[end - 1]))
            {
                end--;
            }

            value = value[start..end];
        }

        if ((flags & IdentifierNormalization.LowerCase) != 0)
        {
            foreach (char c in value)
            {
                if (char.IsUpper(c) || c > '\u007f')
                {
                    return value.ToLowerInvariant();
                }
            }
        }

        return value;
    }

    // White space or an invisible format character (zero-width space, BOM, bidirectional mark), as Trim removes them.
    private static bool Blank(char c) => char.IsWhiteSpace(c) || (c > '\u007f' && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    private static readonly System.Buffers.SearchValues<char> WhiteSpace =
        System.Buffers.SearchValues.Create(" \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u0085");
}
