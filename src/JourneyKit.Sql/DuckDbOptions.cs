using System.Data.Common;
using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Sql;

/// <summary>
/// Settings that make an embedded DuckDB connection analyse logs larger than memory: a memory limit (DuckDB spills
/// sorts, joins and aggregations to <see cref="TempDirectory"/> beyond it) and a thread count. Applied with plain
/// <c>SET</c> statements, so this package needs no DuckDB reference: open a <c>DuckDBConnection</c> yourself.
/// </summary>
/// <example>
/// <code>
/// using var connection = new DuckDBConnection("Data Source=:memory:");
/// connection.Open();
/// await new DuckDbOptions { MemoryLimit = "1GB", TempDirectory = "/tmp/duck" }.ApplyAsync(connection);
/// var source = new SqlEventSource(connection, SqlDialect.DuckDb, SqlEventTable.Parquet("events/"));
/// </code>
/// </example>
public sealed record DuckDbOptions
{
    /// <summary>Gets the memory limit, in DuckDB's notation (<c>512MB</c>, <c>1GB</c>, <c>80%</c>), or <see langword="null"/> for DuckDB's default (80% of RAM).</summary>
    public string? MemoryLimit { get; init; } = "1GB";

    /// <summary>Gets the folder DuckDB spills to, or <see langword="null"/> for its default (next to a database file; none for <c>:memory:</c>).</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Gets the number of threads, or <see langword="null"/> for one per core.</summary>
    public int? Threads { get; init; }

    /// <summary>Gets a value indicating whether DuckDB may reorder rows where order does not matter (saves memory on large scans). <value>Default <see langword="false"/>.</value></summary>
    public bool PreserveInsertionOrder { get; init; }

    /// <summary>Checks the options, reporting every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is malformed or out of range; the exception lists each with its property.</exception>
    public void Validate() =>
        new OptionsCheck(nameof(DuckDbOptions))
            .Require(MemoryLimit is null || IsSize(MemoryLimit), nameof(MemoryLimit), $"'{MemoryLimit}' is not a size such as 1GB, 512MB or 80%.", "Format")
            .Require(TempDirectory is null || !string.IsNullOrWhiteSpace(TempDirectory), nameof(TempDirectory), "must not be blank.", "Required")
            .Require(Threads is null or >= 1, nameof(Threads), $"must be at least 1 (was {Threads}).")
            .ThrowIfAny();

    /// <summary>Applies the settings to an open DuckDB connection.</summary>
    /// <param name="connection">An open DuckDB connection.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <returns>A task that completes when the settings are in force.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">A setting is invalid (<see cref="Validate"/>).</exception>
    /// <exception cref="DbException">DuckDB refused a setting (the connection is not DuckDB, for instance).</exception>
    public async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Validate();
        var statements = new List<string>();
        if (MemoryLimit is { } limit)
        {
            statements.Add($"SET memory_limit = {SqlDialect.Literal(limit)}");
        }

        if (TempDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            statements.Add($"SET temp_directory = {SqlDialect.Literal(folder)}");
        }

        if (Threads is { } threads)
        {
            statements.Add($"SET threads = {threads.ToString(CultureInfo.InvariantCulture)}");
        }

        statements.Add($"SET preserve_insertion_order = {(PreserveInsertionOrder ? "true" : "false")}");
        foreach (string statement in statements)
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built from validated sizes, numbers and escaped literals.
            command.CommandText = statement;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsSize(string text)
    {
        string t = text.Trim();
        int digits = 0;
        while (digits < t.Length && (char.IsAsciiDigit(t[digits]) || t[digits] == '.'))
        {
            digits++;
        }

        string unit = t[digits..].Trim().ToUpperInvariant();
        return digits > 0 && unit is "%" or "B" or "KB" or "MB" or "GB" or "TB" or "KIB" or "MIB" or "GIB" or "TIB";
    }
}
