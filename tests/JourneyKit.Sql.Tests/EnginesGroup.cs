namespace JourneyKit.Sql.Tests;

[CollectionDefinition(Name)]
public sealed class EnginesGroup : ICollectionFixture<Engines>
{
    public const string Name = "engines";
}
