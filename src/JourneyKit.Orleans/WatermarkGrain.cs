using Microsoft.Extensions.Options;

namespace JourneyKit.Orleans;

/// <summary>The cluster's watermark: fans an advance out to every shard (each wakes its customers with work due).</summary>
public sealed class WatermarkGrain(IOptions<JourneyKitOrleansOptions> options) : Grain, IWatermarkGrain
{
    private DateTimeOffset? _watermark;

    /// <inheritdoc/>
    public async Task<int> AdvanceToAsync(DateTimeOffset watermark)
    {
        if (_watermark is { } known && watermark <= known)
        {
            return 0;
        }

        int shards = options.Value.Shards;
        var woken = await Task.WhenAll(Enumerable.Range(0, shards).Select(s => GrainFactory.GetGrain<IJourneyShardGrain>(s).AdvanceToAsync(watermark)));
        _watermark = watermark;
        return woken.Sum();
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset?> GetAsync() => Task.FromResult(_watermark);

    /// <inheritdoc/>
    public Task<int> GetShardsAsync() => Task.FromResult(options.Value.Shards);
}
