namespace JourneyKit.Orleans.Tests;

[CollectionDefinition(Name)]
public sealed class SlowWriteClusterGroup : ICollectionFixture<SlowWriteClusterFixture>
{
    public const string Name = "cluster-slow-writes";
}
