namespace JourneyKit.Identity;

/// <summary>Why two identifiers are one profile: the chain of merged links that joins them.</summary>
/// <param name="From">The identifier the chain starts at (normalised).</param>
/// <param name="To">The identifier the chain ends at (normalised).</param>
/// <param name="Links">
/// The links in chain order, each written from the side nearer <paramref name="From"/>: the first link's
/// <see cref="IdentityLink.First"/> is <paramref name="From"/>, each link's <see cref="IdentityLink.Second"/> is the next
/// link's <see cref="IdentityLink.First"/>, the last link's <see cref="IdentityLink.Second"/> is <paramref name="To"/>.
/// Empty when both are the same identifier.
/// </param>
public sealed record IdentityExplanation(Identifier From, Identifier To, IReadOnlyList<IdentityLink> Links)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Links.Count == 0
            ? $"{From} is {To}"
            : $"{From} and {To} are one profile through {Links.Count} link(s): " + string.Join("; ", Links);
}
