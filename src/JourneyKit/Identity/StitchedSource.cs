using JourneyKit.Events;

namespace JourneyKit.Identity;

/// <summary>What one source brought into a stitched log.</summary>
/// <param name="Name">The source's name.</param>
/// <param name="Kind">The kind of its identifiers.</param>
/// <param name="Events">Its events; all of them are in the stitched log.</param>
/// <param name="Identifiers">Its distinct raw identifiers (journeys in its own log).</param>
/// <param name="Profiles">The profiles those identifiers belong to.</param>
/// <param name="Ingest">Its ingest report (rows read, accepted, rejected with reasons), or <see langword="null"/>.</param>
public sealed record StitchedSource(string Name, string Kind, long Events, int Identifiers, int Profiles, IngestReport? Ingest)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({Kind}): {Events:N0} events of {Identifiers:N0} identifiers in {Profiles:N0} profiles" + (Ingest is null ? "" : $"; ingest: {Ingest}");
}
