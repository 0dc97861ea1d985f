using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace JourneyKit.Orleans.Tests;

/// <summary>
/// Grain storage that outlives a killed silo: serialized bytes in a process-wide dictionary with ETags, the way a
/// database table holds them outside every silo. A fair stand-in for a real database for fail-over tests: a write is
/// durable once it returns, an activation reads what was written last, concurrent writers are refused by ETag — and
/// nothing of a silo's memory survives its death, because only serialized copies are kept (Orleans' memory storage
/// keeps state in a grain, which dies with its silo).
/// </summary>
public sealed class SharedGrainStorage(Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)> Rows = new(StringComparer.Ordinal);

    public static int Count => Rows.Count;

    public static void Put<T>(Serializer serializer, string stateName, GrainId grainId, T state) =>
        Rows[Key(stateName, grainId)] = (serializer.SerializeToArray(state), Guid.NewGuid().ToString("N"));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Bytes);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string key = Key(stateName, grainId);
        string etag = Guid.NewGuid().ToString("N");
        var bytes = serializer.SerializeToArray(grainState.State);
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
        Rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => stateName + "/" + grainId;
}
