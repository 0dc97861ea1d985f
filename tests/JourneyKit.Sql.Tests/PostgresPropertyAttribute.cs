namespace JourneyKit.Sql.Tests;

/// <summary>An FsCheck property that needs a PostgreSQL server (skipped, with the reason, like <see cref="PostgresFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresPropertyAttribute : FsCheck.Xunit.PropertyAttribute
{
    public PostgresPropertyAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
