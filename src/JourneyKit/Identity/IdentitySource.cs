using JourneyKit.Events;

namespace JourneyKit.Identity;

/// <summary>One source's events for stitching: a log keyed by one kind of identifier, with the ingest report it was read with.</summary>
/// <param name="Name">The source's name (such as <c>web</c>, <c>app</c>, <c>crm</c>, <c>support</c>); unique among the sources stitched.</param>
/// <param name="Log">The source's log, its customer ids identifiers of <paramref name="Kind"/>.</param>
/// <param name="Kind">The kind of the log's customer ids.</param>
/// <param name="Ingest">How the log was read (rows accepted and rejected), carried into the stitched accounting; <see langword="null"/> when it was not read from a file.</param>
public sealed record IdentitySource(string Name, EventLog Log, string Kind, IngestReport? Ingest = null);
