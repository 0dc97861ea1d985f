namespace JourneyKit.Orleans;

/// <summary>A shard's persisted state: the due event time (UTC ticks) of each of its customers with work.</summary>
[GenerateSerializer]
[Alias("JourneyKit.Orleans.JourneyShardState")]
public sealed class JourneyShardState
{
    /// <summary>Gets the due times by customer.</summary>
    [Id(0)]
    public Dictionary<string, long> Due { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the watermark last advanced to (UTC ticks), <see cref="long.MinValue"/> before the first.</summary>
    [Id(1)]
    public long Watermark { get; set; } = long.MinValue;
}
