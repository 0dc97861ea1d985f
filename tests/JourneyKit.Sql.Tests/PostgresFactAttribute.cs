namespace JourneyKit.Sql.Tests;

/// <summary>A fact that needs a PostgreSQL server: skipped with the reason outside CI when the binaries are missing; in CI it runs (and fails without a server).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
