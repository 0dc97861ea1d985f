using System.Data.Common;
using DuckDB.NET.Data;

namespace JourneyKit.Sql.Tests;

/// <summary>
/// The real engines, shared by the tests of a collection: DuckDB in-process, and a PostgreSQL server started for the
/// run (when the binaries are there, or always in CI) and stopped at the end.
/// </summary>
public sealed class Engines : IDisposable
{
    private readonly Lazy<PostgresServer> _postgres = new(PostgresServer.Start);

    public static DbConnection DuckDb()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    public DbConnection PostgreSql() => _postgres.Value.Open();

    public DbConnection Open(SqlDialect dialect) => dialect == SqlDialect.PostgreSql ? PostgreSql() : DuckDb();

    public void Dispose()
    {
        if (_postgres.IsValueCreated)
        {
            _postgres.Value.Dispose();
        }
    }
}
