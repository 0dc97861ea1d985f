using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace JourneyKit.Orleans.Tests;

/// <summary>
/// Three silos in the test process, sharing <see cref="SharedGrainStorage"/> and <see cref="CollectingSink"/>; what a
/// watermark advance changes is written 100 ms later (a test of the live counts waits for it).
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public static readonly JourneyRule[] Rules =
    [
        JourneyRule.Named("cart").When("cart").NotFollowedBy("purchase", TimeSpan.FromHours(24)).WithHoldout(new JourneyKit.Experiments.HoldoutSplit("cart-followup", 0.3)),
        JourneyRule.Named("support").When("support"),
        JourneyRule.Named("search-then-cart").When("search").FollowedBy("cart", TimeSpan.FromHours(12)),
    ];

    public static readonly string[] FunnelStages = ["awareness", "consideration", "purchase"];

    /// <summary>The name of this cluster's database in <see cref="SharedGrainStorage"/>.</summary>
    public const string Database = "cluster";

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        AddConfigurator(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    protected virtual void AddConfigurator(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<SiloConfigurator>();

    protected static void Configure(ISiloBuilder siloBuilder, TimeSpan advanceWriteDelay, string database)
    {
        siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(JourneyKitOrleansOptions.StorageName, (sp, _) => new SharedGrainStorage(sp.GetRequiredService<Serializer>(), database));
        siloBuilder.Services.AddSingleton<IRuleFiringSink, CollectingSink>();
        siloBuilder.AddJourneyKit(options =>
        {
            foreach (var rule in Rules)
            {
                options.Rules.Add(rule);
            }

            foreach (string stage in FunnelStages)
            {
                options.FunnelStages.Add(stage);
            }

            options.FlushInterval = TimeSpan.FromMilliseconds(200);
            options.AdvanceWriteDelay = advanceWriteDelay;
        });
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => ClusterFixture.Configure(siloBuilder, TimeSpan.FromMilliseconds(100), Database);
    }
}
