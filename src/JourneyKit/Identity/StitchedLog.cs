using JourneyKit.Events;

namespace JourneyKit.Identity;

/// <summary>Several sources' events stitched into one log keyed by profile, with the accounting per source.</summary>
/// <param name="Log">The stitched log: every event of every source, each keeping its raw identifier as its actor.</param>
/// <param name="Sources">The accounting per source, in the order given; their <see cref="StitchedSource.Events"/> sum to the log's event count.</param>
public sealed record StitchedLog(EventLog Log, IReadOnlyList<StitchedSource> Sources)
{
    /// <inheritdoc/>
    public override string ToString() => $"Stitched log of {Sources.Count} sources: {Log}";
}
