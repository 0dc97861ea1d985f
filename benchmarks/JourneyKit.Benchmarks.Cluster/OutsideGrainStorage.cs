using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace JourneyKit.Benchmarks.Cluster;

/// <summary>
/// Grain storage outside the silos' grains, the way a database provider is: each write serializes the state with
/// Orleans' serializer and stores the bytes (with an ETag check) in a process-wide table. Orleans' memory storage keeps
/// state in storage grains instead, so each of its writes is also a grain call (half of them to the other silo).
/// </summary>
internal sealed class OutsideGrainStorage(Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)> Rows = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Rows.TryGetValue(stateName + "/" + grainId, out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Bytes);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string key = stateName + "/" + grainId;
        var bytes = serializer.SerializeToArray(grainState.State);
        string etag = Guid.NewGuid().ToString("N");
        lock (Rows)
        {
            if (Rows.TryGetValue(key, out var row) ? row.ETag != grainState.ETag : grainState.ETag is not null)
            {
                throw new InconsistentStateException($"ETag mismatch writing {key}.");
            }

            Rows[key] = (bytes, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Rows.TryRemove(stateName + "/" + grainId, out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
