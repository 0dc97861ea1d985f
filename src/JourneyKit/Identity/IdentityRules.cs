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
                : Kinds[k] == "email" ? IdentifierNormalization.Trim | IdentifierNormalization.LowerCase : IdentifierNormalization.Trim;
        }

        LimitedKinds = [.. Enumerable.Range(0, Kinds.Length).Where(k => Limits[k] > 0)];
        if (options.BlockedValues is { Count: > 0 } blocked)
        {
            _blocked = new HashSet<string>(blocked, StringComparer.OrdinalIgnoreCase);
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

    public bool IsBlocked(string value) => _blocked is not null && _blocked.Contains(value);

    /// <summary>Normalises a value of a kind; returns the same instance when nothing changes (no allocation).</summary>
    public string Normalize(int kind, string value)
    {
        var flags = _normalization[kind];
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
        else if ((flags & IdentifierNormalization.Trim) != 0 && value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            value = value.Trim();
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

    private static readonly System.Buffers.SearchValues<char> WhiteSpace =
        System.Buffers.SearchValues.Create(" \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u0085");
}
