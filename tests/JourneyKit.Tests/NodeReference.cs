using System.Diagnostics;
using System.Text.Json;

namespace JourneyKit.Tests;

/// <summary>
/// The reference implementations in <c>tests/JourneyKit.Tests/NodeReferences</c> (npm packages pinned by its
/// package-lock.json), run by node. CI installs them (<c>scripts/ensure-node-references</c>); on a user's clone without
/// them the tests that need them are skipped with the reason.
/// </summary>
internal static class NodeReference
{
    private static readonly Lazy<string?> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "JourneyKit.Tests", "NodeReferences");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    });

    /// <summary>Why an npm package of the reference folder cannot be used here, or <see langword="null"/> when it can.</summary>
    public static string? MissingReason(string package) =>
        Folder.Value is null ? "the reference folder tests/JourneyKit.Tests/NodeReferences was not found"
        : !Directory.Exists(Path.Combine(Folder.Value, "node_modules", package)) ? $"the npm reference {package} is not installed: run scripts/ensure-node-references (CI does)"
        : null;

    /// <summary>Runs a script of the reference folder on a JSON input file and parses its JSON output.</summary>
    public static T Run<T>(string script, object input)
    {
        string folder = Folder.Value ?? throw new InvalidOperationException(MissingReason(""));
        string file = Path.Combine(Path.GetTempPath(), $"journeykit-node-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(input));
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(folder, script), file])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {script} exited {process.ExitCode}: {stderr.Result}");
            }

            return JsonSerializer.Deserialize<T>(stdout) ?? throw new InvalidOperationException($"node {script} printed nothing.");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
