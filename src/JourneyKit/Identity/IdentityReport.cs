namespace JourneyKit.Identity;

/// <summary>
/// What became of every link observation: <see cref="LinksRead"/> = <see cref="LinksUsed"/> + <see cref="LinksRefused"/>,
/// refusals counted per reason, and each refused link listed with its observation and the rule that refused it (up to
/// <see cref="IdentityOptions.MaxRefusalDetails"/>).
/// </summary>
public sealed class IdentityReport
{
    internal IdentityReport(long read, long used, long redundant, IReadOnlyList<RefusedLink> refused, long[] counts)
    {
        LinksRead = read;
        LinksUsed = used;
        RedundantLinks = redundant;
        Refused = refused;
        LinksRefused = counts.Sum();
        Counts = counts;
        RefusedByReason = Enum.GetValues<LinkRefusal>().Where(r => counts[(int)r] > 0).ToDictionary(r => r, r => counts[(int)r]);
    }

    /// <summary>Gets the number of links observed (an observation of n identifiers gives n − 1 links).</summary>
    public long LinksRead { get; }

    /// <summary>Gets the number of links merged, including <see cref="RedundantLinks"/>.</summary>
    public long LinksUsed { get; }

    /// <summary>Gets the number of used links whose identifiers were already one profile (a repeated login, say).</summary>
    public long RedundantLinks { get; }

    /// <summary>Gets the number of links refused (all of them, also beyond the listed details).</summary>
    public long LinksRefused { get; }

    /// <summary>
    /// Gets the refused links with their details, in the order the rules met them (observation checks when observed,
    /// limits when merged, in time order); the first <see cref="IdentityOptions.MaxRefusalDetails"/>.
    /// </summary>
    public IReadOnlyList<RefusedLink> Refused { get; }

    /// <summary>Gets the number of refused links per reason (reasons that occurred).</summary>
    public IReadOnlyDictionary<LinkRefusal, long> RefusedByReason { get; }

    internal long[] Counts { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{LinksRead:N0} links read: {LinksUsed:N0} used ({RedundantLinks:N0} redundant), {LinksRefused:N0} refused" +
        (RefusedByReason.Count == 0 ? "" : " (" + string.Join(", ", RefusedByReason.Select(kv => $"{kv.Key}: {kv.Value:N0}")) + ")");
}
