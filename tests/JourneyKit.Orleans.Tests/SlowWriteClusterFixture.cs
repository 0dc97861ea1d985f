using Orleans.TestingHost;

namespace JourneyKit.Orleans.Tests;

/// <summary>
/// Three silos whose grains never write what a watermark advance changed by themselves (the delay is an hour): only
/// batches write. A silo killed here always takes unwritten advances with it.
/// </summary>
public sealed class SlowWriteClusterFixture : ClusterFixture
{
    protected override void AddConfigurator(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<SlowWriteConfigurator>();

    private sealed class SlowWriteConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => ClusterFixture.Configure(siloBuilder, TimeSpan.FromHours(1), "cluster-slow-writes");
    }
}
