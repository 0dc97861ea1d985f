namespace JourneyKit.Identity;

/// <summary>
/// What became of every link observation: <see cref="LinksRead"/> = <see cref="LinksUsed"/> + <see cref="LinksRefused"/>,
/// and every refused link is listed with its observation and the rule that refused it.
/// </summary>
public sealed class IdentityReport
{
    internal IdentityReport(long read, long used, long redundant, IReadOnlyList<RefusedLink> refused)
    {
        LinksRead = read;
        LinksUsed = used;
        RedundantLinks = redundant;
        Refused = refused;
        var counts = new long[Enum.GetValues<LinkRefusal>().Length];
        foreach (RefusedLink r in refused)
        {
            counts[(int)r.Reason]++;
        }

        RefusedByReason = Enum.GetValues<LinkRefusal>().Where(r => counts[(int)r] > 0).ToDictionary(r => r, r => counts[(int)r]);
    }

    /// <summary>Gets the number of links observed (an observation of n identifiers gives n − 1 links).</summary>
    public long LinksRead { get; }

    /// <summary>Gets the number of links merged, including <see cref="RedundantLinks"/>.</summary>
    public long LinksUsed { get; }

    /// <summary>Gets the number of used links whose identifiers were already one profile (a repeated login, say).</summary>
    public long RedundantLinks { get; }

    /// <summary>Gets the number of links refused.</summary>
    public long LinksRefused => Refused.Count;

    /// <summary>Gets every refused link, in the order the rules met them (observation checks first, then limits in time order).</summary>
    public IReadOnlyList<RefusedLink> Refused { get; }

    /// <summary>Gets the number of refused links per reason (reasons that occurred).</summary>
    public IReadOnlyDictionary<LinkRefusal, long> RefusedByReason { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{LinksRead:N0} links read: {LinksUsed:N0} used ({RedundantLinks:N0} redundant), {LinksRefused:N0} refused" +
        (RefusedByReason.Count == 0 ? "" : " (" + string.Join(", ", RefusedByReason.Select(kv => $"{kv.Key}: {kv.Value:N0}")) + ")");
}
