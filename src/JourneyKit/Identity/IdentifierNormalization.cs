namespace JourneyKit.Identity;

/// <summary>How the values of one kind of identifier are normalised before they are compared; flags combine.</summary>
[Flags]
public enum IdentifierNormalization
{
    /// <summary>Values are compared exactly as given.</summary>
    None = 0,

    /// <summary>Leading and trailing white space is removed.</summary>
    Trim = 1,

    /// <summary>Letters are lower-cased (invariant culture), as e-mail addresses are compared in practice.</summary>
    LowerCase = 2,

    /// <summary>All white space is removed, also inside the value (phone numbers, codes typed with spaces).</summary>
    RemoveWhiteSpace = 4,
}
