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
    /// <summary>The most links <see cref="ToString"/> writes out; a longer chain shows its first and last links and says how many it leaves out.</summary>
    public const int MaxLinksShown = 20;

    /// <summary>Describes the chain; a chain of more than <see cref="MaxLinksShown"/> links shows its first and last ten.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        if (Links.Count == 0)
        {
            return $"{From} is {To}";
        }

        string head = $"{From} and {To} are one profile through {Internal.Show.Count(Links.Count)} link(s): ";
        if (Links.Count <= MaxLinksShown)
        {
            return head + string.Join("; ", Links);
        }

        int half = MaxLinksShown / 2;
        return head + string.Join("; ", Links.Take(half)) + $"; … {Internal.Show.Count(Links.Count - MaxLinksShown)} more … ; " + string.Join("; ", Links.Skip(Links.Count - half));
    }
}
