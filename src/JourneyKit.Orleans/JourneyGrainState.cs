using System.Globalization;

namespace JourneyKit.Orleans;

/// <summary>
/// A customer grain's persisted state: the rule monitor's own versioned snapshot of this customer (episodes, buffered
/// events, watermark, last stage), the last batch applied per sender, the recent events and the outbox of firings not
/// yet taken by the sink.
/// </summary>
[GenerateSerializer]
[Alias("JourneyKit.Orleans.JourneyGrainState")]
public sealed class JourneyGrainState
{
    /// <summary>
    /// The version this code writes: 3 since outbox firings carry <see cref="FiringRecord.Ordinal"/> (2 added
    /// <see cref="FiringRecord.IsHoldout"/>). Older state reads with every outbox firing numbered 0 and (version 1) not
    /// held out — what those versions computed.
    /// </summary>
    public const int CurrentVersion = 3;

    /// <summary>Gets or sets the version the state was written with.</summary>
    [Id(0)]
    public int Version { get; set; } = CurrentVersion;

    /// <summary>Gets or sets the monitor snapshot (<see cref="JourneyKit.Rules.JourneyMonitor.Save"/>), empty before the first event.</summary>
    [Id(1)]
#pragma warning disable CA1819 // Grain state is a serialization contract; the bytes are the monitor's own snapshot.
    public byte[] Monitor { get; set; } = [];
#pragma warning restore CA1819

    /// <summary>Gets the last batch sequence applied per sender.</summary>
    [Id(2)]
    public Dictionary<string, long> Senders { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the latest events received, oldest first, in the compact form batches travel in (decoded by the grain).</summary>
    [Id(3)]
#pragma warning disable CA1819 // Grain state is a serialization contract; the bytes are the events' compact encoding.
    public byte[] RecentEvents { get; set; } = [];
#pragma warning restore CA1819

    /// <summary>Gets the firings persisted but not yet taken by the sink.</summary>
    [Id(4)]
    public List<FiringRecord> Outbox { get; init; } = [];

    /// <summary>Gets or sets the number of batches received again and ignored.</summary>
    [Id(5)]
    public long DuplicateBatches { get; set; }

    // Id(6) held the events not yet counted before the counts followed the monitor's applied events; not reused.

    /// <summary>Gets or sets the touchpoint of the latest counted event, or <see langword="null"/>.</summary>
    [Id(7)]
    public string? LastTouchpoint { get; set; }

    /// <summary>Gets or sets the stage of the latest counted event ("(unknown)" without one), or <see langword="null"/>.</summary>
    [Id(8)]
    public string? LastStage { get; set; }

    /// <summary>Gets or sets the last funnel step reached (−1 before the first).</summary>
    [Id(9)]
    public int FunnelStep { get; set; } = -1;

    /// <summary>Gets or sets the NPS class of the latest answer (0 promoter, 1 passive, 2 detractor; −1 none).</summary>
    [Id(10)]
    public int NpsClass { get; set; } = -1;

    /// <summary>Checks that this code can read the state.</summary>
    /// <param name="customerId">The customer, for the message.</param>
    /// <exception cref="InvalidDataException">The state was written by a newer (or unknown) version.</exception>
    public void CheckVersion(string customerId)
    {
        if (Version is < 1 or > CurrentVersion)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The journey state of customer '{customerId}' has version {Version}; this JourneyKit.Orleans reads versions 1 to {CurrentVersion}. Upgrade the silo, or clear the state."));
        }
    }
}
