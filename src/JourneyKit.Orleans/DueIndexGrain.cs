using Orleans.Concurrency;

namespace JourneyKit.Orleans;

/// <summary>
/// A shard of the due index. Event time is not wall-clock time, so Orleans reminders and timers (wall-clock) cannot
/// say when an episode is due; the host's watermark can, and the index turns one watermark into calls to exactly the
/// customers with work due. Reentrant: customer grains register while a watermark walk awaits other customers.
/// </summary>
[Reentrant]
public sealed class DueIndexGrain(
    [PersistentState("due-index", JourneyKitOrleansOptions.StorageName)] IPersistentState<DueIndexState> state) : Grain, IDueIndexGrain
{
    private Task? _writing;
    private bool _dirty;

    /// <inheritdoc/>
    public Task SetAsync(string customerId, DateTimeOffset? due)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var index = state.State.Due;
        if (due is { } d)
        {
            if (index.TryGetValue(customerId, out long known) && known == d.UtcTicks)
            {
                return Task.CompletedTask;
            }

            index[customerId] = d.UtcTicks;
        }
        else if (!index.Remove(customerId))
        {
            return Task.CompletedTask;
        }

        return WriteAsync();
    }

    /// <inheritdoc/>
    public async Task<int> AdvanceToAsync(DateTimeOffset watermark)
    {
        long w = watermark.UtcTicks;
        state.State.Watermark = Math.Max(state.State.Watermark, w);
        var due = state.State.Due.Where(kv => kv.Value <= w).ToList();
        var next = await Task.WhenAll(due.Select(kv => GrainFactory.GetGrain<IJourneyGrain>(kv.Key).AdvanceToAsync(watermark)));
        for (int i = 0; i < due.Count; i++)
        {
            // A customer that registered again while the walk awaited keeps that entry: it is at least as early as the
            // answer (advancing only removes work), so at worst it is woken once more for nothing.
            var (customer, registered) = due[i];
            if (!state.State.Due.TryGetValue(customer, out long now) || now != registered)
            {
                continue;
            }

            if (next[i] is { } d)
            {
                state.State.Due[customer] = d.UtcTicks;
            }
            else
            {
                state.State.Due.Remove(customer);
            }
        }

        if (due.Count > 0)
        {
            await WriteAsync();
        }

        return due.Count;
    }

    // One write at a time (the grain is reentrant); changes made during a write are written right after it.
    private async Task WriteAsync()
    {
        _dirty = true;
        while (_dirty)
        {
            if (_writing is { } running)
            {
                await running;
                continue;
            }

            _dirty = false;
            _writing = state.WriteStateAsync();
            try
            {
                await _writing;
            }
            finally
            {
                _writing = null;
            }
        }
    }
}
