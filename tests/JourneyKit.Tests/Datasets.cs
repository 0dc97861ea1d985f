namespace JourneyKit.Tests;

/// <summary>Locates the shared real data sets (../shared/datasets beside the repository root).</summary>
public static class Datasets
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"The shared data sets were not found: expected a folder 'shared/datasets' beside the repository (searched upwards from {AppContext.BaseDirectory}).");
    });

    public static string PathOf(string fileName)
    {
        string path = Path.Combine(Folder.Value, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Data set '{fileName}' is missing from {Folder.Value}.", path);
    }
}
