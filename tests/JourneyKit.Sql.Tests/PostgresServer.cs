using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace JourneyKit.Sql.Tests;

/// <summary>
/// A real PostgreSQL server for the tests: initdb into a temporary folder, pg_ctl start on a free port (Unix socket in
/// that folder, TCP on 127.0.0.1, fsync off), pg_ctl stop -m immediate at the end. The binaries come from Debian's
/// <c>postgresql</c> package (<c>/usr/lib/postgresql/N/bin</c>) or PATH; <c>.ci/run</c> installs the package when missing.
/// initdb refuses to run as root, so under root (as in CI) the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgresUser;

    private PostgresServer(string bin)
    {
        _bin = bin;
        _asPostgresUser = Environment.UserName == "root";
        _folder = Path.Combine(Path.GetTempPath(), "jk-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        if (_asPostgresUser)
        {
            Run("/bin/chown", $"postgres {_folder}", asPostgres: false);
        }

        string data = Path.Combine(_folder, "data");
        Port = FreePort();
        Run(Path.Combine(_bin, "initdb"), $"-D {data} -U jk --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync", _asPostgresUser);
        Run(Path.Combine(_bin, "pg_ctl"),
            $"-D {data} -l {Path.Combine(_folder, "server.log")} -o \"-p {Port} -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1\" -w -t 60 start",
            _asPostgresUser);
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "jk", Database = "postgres", Pooling = true, CommandTimeout = 300 }.ConnectionString;
    }

    /// <summary>Gets the server's TCP port.</summary>
    public int Port { get; }

    /// <summary>Gets a connection string for the superuser <c>jk</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>Gets the folder of the server binaries, or null when PostgreSQL is not installed.</summary>
    public static string? BinaryFolder { get; } = FindBinaries();

    /// <summary>Gets why PostgreSQL tests cannot run here, or null when they can (outside CI a missing install skips them; in CI it fails them).</summary>
    public static string? SkipReason =>
        BinaryFolder is not null || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : "needs the PostgreSQL server binaries (Debian: apt-get install postgresql; .ci/run installs them); in CI a missing server fails instead";

    public static PostgresServer Start() =>
        new(BinaryFolder ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or PATH; install Debian's postgresql package (.ci/run does)."));

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), $"-D {Path.Combine(_folder, "data")} -m immediate -w stop", _asPostgresUser);
        }
        finally
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A folder left in /tmp is harmless.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }
        }
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("/bin/su", ["postgres", "-s", "/bin/sh", "-c", $"{program} {arguments}"])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = _folder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string log = Path.Combine(_folder, "server.log");
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed ({process.ExitCode}): {stderr}{stdout.Result}{(File.Exists(log) ? "\nserver log:\n" + File.ReadAllText(log) : "")}");
        }
    }
}
