using JourneyKit.Rules;
using JourneyKit.Internal;

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

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range or missing; the exception lists each with its property.</exception>
    public void Validate()
    {
        new OptionsCheck(nameof(JourneyKitOrleansOptions))
            .InRange(Shards, 1, 4096, nameof(Shards))
            .Require(FlushInterval > TimeSpan.Zero, nameof(FlushInterval), "must be positive.")
            .Require(AdvanceWriteDelay > TimeSpan.Zero, nameof(AdvanceWriteDelay), "must be positive.")
            .Require(Rules.Count > 0, nameof(Rules), "is empty; the customer grains need at least one rule.", "Required")
            .InRange(RecentEvents, 0, 10_000, nameof(RecentEvents))
            .NotNull(Monitor, nameof(Monitor))
            .ThrowIfAny();
    }
}
