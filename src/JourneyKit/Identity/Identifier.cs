namespace JourneyKit.Identity;

/// <summary>One identifier of a person: its kind (such as <c>email</c>) and its value; written <c>kind:value</c>.</summary>
/// <param name="Kind">The kind, one of <see cref="IdentityOptions.KindPriority"/>.</param>
/// <param name="Value">The value, as given or as normalised, depending on where the identifier comes from.</param>
public readonly record struct Identifier(string Kind, string Value)
{
    /// <summary>Gets the identifier as <c>kind:value</c>, the form of canonical profile ids.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind + ":" + Value;
}
