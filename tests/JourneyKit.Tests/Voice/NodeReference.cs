using System.Diagnostics;
using System.Text.Json;

namespace JourneyKit.Tests.Voice;

/// <summary>
/// The reference implementations in <c>tests/JourneyKit.Tests/Voice/reference</c> (npm packages pinned by its
/// package-lock.json), run by node. CI installs them (<c>scripts/ensure-node-references</c>); on a user's clone without
/// them the tests that need them are skipped with the reason.
/// </summary>
internal static class NodeReference
{
    private static readonly Lazy<string?> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "JourneyKit.Tests", "Voice", "reference");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    });

    public static string? MissingReason =>
        Folder.Value is not { } folder ? "the reference folder tests/JourneyKit.Tests/Voice/reference was not found"
        : !Directory.Exists(Path.Combine(folder, "node_modules", "vader-sentiment")) ? "the npm reference (vader-sentiment 1.1.3) is not installed: run scripts/ensure-node-references (CI does)"
        : null;

    /// <summary>Runs a script of the reference folder on a JSON input file and parses its JSON output.</summary>
    public static T Run<T>(string script, object input)
    {
        string folder = Folder.Value ?? throw new InvalidOperationException(MissingReason);
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
