namespace JourneyKit.Identity;

/// <summary>One observation that two identifiers belong to one person: seen together at a time, reported by a source.</summary>
/// <param name="First">One identifier.</param>
/// <param name="Second">The other identifier.</param>
/// <param name="Timestamp">When they were seen together.</param>
/// <param name="Source">Where the observation came from (such as <c>web-login</c> or <c>support-desk</c>), or <see langword="null"/>.</param>
public sealed record IdentityLink(Identifier First, Identifier Second, DateTimeOffset Timestamp, string? Source)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{First} ↔ {Second} at {Timestamp:O}" + (Source is null ? "" : $" ({Source})");
}
