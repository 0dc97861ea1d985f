using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace JourneyKit.Orleans.Tests;

/// <summary>
/// Grain storage that outlives a killed silo: serialized bytes in a process-wide dictionary with ETags, the way a
/// database table holds them outside every silo. A fair stand-in for a real database for fail-over tests: a write is
/// durable once it returns, an activation reads what was written last, concurrent writers are refused by ETag — and
/// nothing of a silo's memory survives its death, because only serialized copies are kept (Orleans' memory storage
/// keeps state in a grain, which dies with its silo). One database per test cluster (clusters run side by side and have
/// grains of the same ids).
/// </summary>
public sealed class SharedGrainStorage(Serializer serializer, string database) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (byte[] Bytes, string ETag)>> Databases = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)> _rows = Database(database);

    public static void Put<T>(Serializer serializer, string database, string stateName, GrainId grainId, T state) =>
        Database(database)[Key(stateName, grainId)] = (serializer.SerializeToArray(state), Guid.NewGuid().ToString("N"));

    public static T? Get<T>(Serializer serializer, string database, string stateName, GrainId grainId) =>
        Database(database).TryGetValue(Key(stateName, grainId), out var row) ? serializer.Deserialize<T>(row.Bytes) : default;

    private static ConcurrentDictionary<string, (byte[] Bytes, string ETag)> Database(string name) =>
        Databases.GetOrAdd(name, _ => new(StringComparer.Ordinal));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
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
        lock (_rows)
        {
            if (_rows.TryGetValue(key, out var row) ? row.ETag != grainState.ETag : grainState.ETag is not null)
            {
                throw new InconsistentStateException($"ETag mismatch writing {key}.");
            }

            _rows[key] = (bytes, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => stateName + "/" + grainId;
}
