using System.IO.Compression;

namespace JourneyKit.Tests;

/// <summary>
/// Locates real data sets: first the repository's own <c>datasets/</c> folder (permissively licensed files, large ones
/// gzip-compressed and decompressed here on first use), then <c>shared/datasets</c> beside the repository (files that
/// may not live in this MIT repository, such as the GPL ChannelAttribution sample).
/// </summary>
public static class Datasets
{
    private static readonly Lazy<string?> RepositoryFolder = new(() => Upwards(dir => Path.Combine(dir, "datasets"), "DATA.md"));

    private static readonly Lazy<string?> SharedFolder = new(() => Upwards(dir => Path.Combine(dir, "shared", "datasets"), null));

    private static readonly object DecompressLock = new();

    /// <summary>Gets whether <c>shared/datasets</c> is beside the repository (as in CI).</summary>
    public static bool SharedAvailable => SharedFolder.Value is not null;

    /// <summary>The reason shown for a test skipped because shared data is missing.</summary>
    public const string SharedMissingReason =
        "needs ../shared/datasets (GPL data that cannot live in this MIT repository); CI has it and fails if this test is skipped";

    /// <summary>A data set shipped in the repository (decompressed when stored as .gz), or one from shared/datasets.</summary>
    public static string PathOf(string fileName)
    {
        if (RepositoryFolder.Value is { } repo)
        {
            string plain = Path.Combine(repo, fileName);
            if (File.Exists(plain))
            {
                return plain;
            }

            string packed = plain + ".gz";
            if (File.Exists(packed))
            {
                return Decompressed(packed, fileName);
            }
        }

        if (SharedFolder.Value is { } shared && File.Exists(Path.Combine(shared, fileName)))
        {
            return Path.Combine(shared, fileName);
        }

        throw new FileNotFoundException(
            $"Data set '{fileName}' is neither in the repository's datasets/ folder ({RepositoryFolder.Value ?? "not found"}) nor in shared/datasets beside it ({SharedFolder.Value ?? "not found"}).",
            fileName);
    }

    private static string Decompressed(string packed, string fileName)
    {
        string target = Path.Combine(AppContext.BaseDirectory, "datasets", fileName);
        lock (DecompressLock)
        {
            if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) < File.GetLastWriteTimeUtc(packed))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                string temporary = target + ".partial";
                using (var input = new GZipStream(File.OpenRead(packed), CompressionMode.Decompress))
                using (var output = File.Create(temporary))
                {
                    input.CopyTo(output);
                }

                File.Move(temporary, target, overwrite: true);
            }
        }

        return target;
    }

    private static string? Upwards(Func<string, string> candidateOf, string? marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = candidateOf(dir.FullName);
            if (Directory.Exists(candidate) && (marker is null || File.Exists(Path.Combine(candidate, marker))))
            {
                return candidate;
            }
        }

        return null;
    }
}
