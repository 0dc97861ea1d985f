namespace JourneyKit.Sql.Tests;

[Collection(EnginesGroup.Name)]
public sealed class PostgresFacts(Engines engines)
{
    [PostgresFact]
    public void ServerIsAvailable_AndSpeaksUtf8()
    {
        using var connection = engines.PostgreSql();
        Assert.Equal("UTF8", EventTables.ScalarText(connection, "SHOW server_encoding"));
    }
}
