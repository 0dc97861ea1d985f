using JourneyKit.Rules;

namespace JourneyKit.Orleans;

/// <summary>What the customer grains run: the rules, the allowed lateness and how many recent events each keeps.</summary>
public sealed class JourneyKitOrleansOptions
{
    /// <summary>The name of the grain storage provider the customer grains persist to; the host registers one under it.</summary>
    public const string StorageName = "journeykit";

    /// <summary>Gets the rules every customer grain runs.</summary>
    public IList<JourneyRule> Rules { get; } = [];

    /// <summary>Gets or sets the monitor options (map, lateness). The watermark never follows events inside a grain: the host advances it for the whole cluster.</summary>
    public JourneyMonitorOptions Monitor { get; set; } = new();

    /// <summary>Gets or sets how many recent events each grain keeps. Range: 0–10,000. <value>Default 50.</value></summary>
    public int RecentEvents { get; set; } = 50;

    /// <summary>Gets the stage ids of the live funnel (closed, relaxed: each journey counted from its first entry), empty for none.</summary>
    public IList<string> FunnelStages { get; } = [];

    /// <summary>Gets or sets how often each silo flushes its live counts to the cluster's aggregates. <value>Default 5 seconds.</value></summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long a customer grain keeps what a watermark advance changed (events applied, episodes fired or
    /// closed) before writing it; a batch arriving sooner writes it with the batch. Firings are offered to the sink at
    /// once either way, and a silo that dies in between loses nothing: the next activation derives the same changes from
    /// the last write. Live counts reach the combiner once written. <value>Default 2 seconds.</value>
    /// </summary>
    public TimeSpan AdvanceWriteDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets the number of shards (<see cref="IJourneyShardGrain"/>): grains that route batches to their customers
    /// and know which have work due. More shards spread the routing over more silos; fewer make larger calls. Every silo
    /// must use the same number (a customer's shard is a hash of its id). Range: 1–4,096. <value>Default 16.</value>
    /// </summary>
    public int Shards { get; set; } = 16;

    // The shard of a customer: a stable hash (FNV-1a over UTF-16), the same on every silo and run.
    internal static int ShardOf(string customerId, int shards)
    {
        uint hash = 2166136261;
        foreach (char c in customerId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % (uint)shards);
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Shards, 1, nameof(Shards));
        if (FlushInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "FlushInterval must be positive.");
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Shards, 4096, nameof(Shards));
        if (AdvanceWriteDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AdvanceWriteDelay), AdvanceWriteDelay, "AdvanceWriteDelay must be positive.");
        }

        if (Rules.Count == 0)
        {
            throw new ArgumentException("JourneyKitOrleansOptions.Rules is empty; the customer grains need at least one rule.", nameof(Rules));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(RecentEvents, nameof(RecentEvents));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecentEvents, 10_000, nameof(RecentEvents));
        ArgumentNullException.ThrowIfNull(Monitor, nameof(Monitor));
    }
}
