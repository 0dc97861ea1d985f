using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>
/// Tells the kind of an identifier by its shape, for exports whose one customer column mixes kinds — cookies, e-mail
/// addresses, user ids. Rules are tried in order and the first that fits gives the kind (and the value, a prefix
/// removed); a value no rule fits is unresolved (counted, never guessed). Immutable: each method returns a new resolver.
/// </summary>
/// <example><code>
/// var resolver = new IdentifierResolver().Email().Prefix("u_", "user_id").Uuid("anonymous_id");
/// var (log, report) = graph.Rekey(mixedLog, resolver);   // report.ByKind, report.Unresolved
/// </code></example>
public sealed class IdentifierResolver
{
    private readonly Rule[] _rules;

    /// <summary>Creates a resolver with no rules (every value unresolved until rules are added).</summary>
    public IdentifierResolver()
        : this([])
    {
    }

    private IdentifierResolver(Rule[] rules) => _rules = rules;

    /// <summary>Gets the rules, in the order they are tried, as text (e.g. <c>e-mail → email</c>).</summary>
    public IReadOnlyList<string> Rules => [.. _rules.Select(r => $"{r.Description} → {r.Kind}")];

    /// <summary>Adds a rule: a value with one <c>@</c>, something before it and a dot in the part after it is an e-mail address.</summary>
    /// <param name="kind">The kind it gets. Default <c>email</c>.</param>
    /// <returns>The resolver with the rule added last.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is blank.</exception>
    public IdentifierResolver Email(string kind = "email") => With(new Rule(Kind(kind), "e-mail", v => IsEmail(v) ? v : null));

    /// <summary>Adds a rule: a UUID (32 hexadecimal digits, with or without hyphens or braces) — the shape of most cookie and device ids.</summary>
    /// <param name="kind">The kind it gets, such as <c>anonymous_id</c>.</param>
    /// <returns>The resolver with the rule added last.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is blank.</exception>
    public IdentifierResolver Uuid(string kind) => With(new Rule(Kind(kind), "UUID", v => Guid.TryParse(v, out _) ? v : null));

    /// <summary>Adds a rule: a value starting with <paramref name="prefix"/> (ordinal, ignoring case) is of <paramref name="kind"/>.</summary>
    /// <param name="prefix">The prefix, such as <c>u_</c> or <c>crm:</c>.</param>
    /// <param name="kind">The kind it gets.</param>
    /// <param name="strip">Whether the prefix is removed from the value. Default <see langword="true"/>.</param>
    /// <returns>The resolver with the rule added last.</returns>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is empty or <paramref name="kind"/> is blank.</exception>
    public IdentifierResolver Prefix(string prefix, string kind, bool strip = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return With(new Rule(Kind(kind), $"prefix '{Guard.Clip(prefix)}'", v =>
            v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && v.Length > prefix.Length ? (strip ? v[prefix.Length..] : v) : null));
    }

    /// <summary>Adds a rule of the caller's: values for which <paramref name="test"/> holds are of <paramref name="kind"/>.</summary>
    /// <param name="test">The test.</param>
    /// <param name="kind">The kind it gets.</param>
    /// <returns>The resolver with the rule added last.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="test"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is blank.</exception>
    public IdentifierResolver Where(Func<string, bool> test, string kind)
    {
        ArgumentNullException.ThrowIfNull(test);
        return With(new Rule(Kind(kind), "a test", v => test(v) ? v : null));
    }

    /// <summary>Adds the last rule: every value no earlier rule fits is of <paramref name="kind"/> (then nothing is unresolved).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The resolver with the rule added last.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is blank.</exception>
    public IdentifierResolver Otherwise(string kind) => With(new Rule(Kind(kind), "anything else", v => v));

    /// <summary>Resolves one value.</summary>
    /// <param name="value">The raw value (trimmed first).</param>
    /// <param name="kind">The kind of the first rule that fits, or <see langword="null"/>.</param>
    /// <param name="resolved">The value as that rule gives it (a prefix removed), or the trimmed value.</param>
    /// <returns>Whether a rule fits.</returns>
    public bool TryResolve(string value, out string? kind, out string resolved)
    {
        ArgumentNullException.ThrowIfNull(value);
        resolved = value.Trim();
        foreach (Rule rule in _rules)
        {
            if (rule.Apply(resolved) is { } v)
            {
                kind = rule.Kind;
                resolved = v;
                return true;
            }
        }

        kind = null;
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => _rules.Length == 0 ? "IdentifierResolver (no rules)" : "IdentifierResolver: " + string.Join("; ", Rules);

    private static bool IsEmail(string v)
    {
        int at = v.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == v.LastIndexOf('@') && v.IndexOf('.', at + 2) > at + 1 && !v.EndsWith('.') && !v.AsSpan().ContainsAny(' ', '\t');
    }

    private static string Kind(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        return kind;
    }

    private IdentifierResolver With(Rule rule) => new([.. _rules, rule]);

    private sealed record Rule(string Kind, string Description, Func<string, string?> Apply);
}
