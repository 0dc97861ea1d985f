namespace JourneyKit.Identity;

/// <summary>How the values of one kind of identifier are normalised before they are compared; flags combine.</summary>
[Flags]
public enum IdentifierNormalization
{
    /// <summary>Values are compared exactly as given.</summary>
    None = 0,

    /// <summary>Leading and trailing white space and invisible format characters (a zero-width space, a BOM, a bidirectional mark) are removed.</summary>
    Trim = 1,

    /// <summary>Letters are lower-cased (invariant culture), as e-mail addresses are compared in practice.</summary>
    LowerCase = 2,

    /// <summary>All white space is removed, also inside the value (phone numbers, codes typed with spaces).</summary>
    RemoveWhiteSpace = 4,

    /// <summary>
    /// Unicode compatibility forms are unified (NFKC: full-width <c>ｊａｎｅ</c> becomes <c>jane</c>, ligatures and
    /// superscripts their plain letters) and invisible format characters are removed everywhere in the value. The default
    /// for <c>email</c>, with <see cref="Trim"/> and <see cref="LowerCase"/>.
    /// </summary>
    Compatibility = 8,
}
