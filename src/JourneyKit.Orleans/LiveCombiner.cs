using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JourneyKit.Orleans;

/// <summary>
/// The per-silo combiner: customer grains on this silo add their deltas here (in memory, under a lock), and every
/// <see cref="JourneyKitOrleansOptions.FlushInterval"/> the sum goes to the cluster's <see cref="ILiveAggregatesGrain"/>
/// in one call. A silo killed between flushes loses its unflushed counts (the rule firings are not affected: they are
/// persisted with each grain).
/// </summary>
internal sealed class LiveCombiner(IGrainFactory grains, IOptions<JourneyKitOrleansOptions> options) : BackgroundService
{
    private readonly object _lock = new();
    private LiveCounts _pending = new();

    public void Add(LiveCounts delta)
    {
        lock (_lock)
        {
            _pending.Add(delta);
        }
    }

    public async Task FlushAsync()
    {
        LiveCounts batch;
        lock (_lock)
        {
            if (_pending.IsEmpty)
            {
                return;
            }

            batch = _pending;
            _pending = new LiveCounts();
        }

        try
        {
            await grains.GetGrain<ILiveAggregatesGrain>(0).MergeAsync(batch).ConfigureAwait(false);
        }
        catch
        {
            // Not merged: put it back for the next flush.
            Add(batch);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The aggregates grain is moving (a silo died): the counts stay pending for the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
