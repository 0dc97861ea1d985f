using JourneyKit.DependencyInjection;
using JourneyKit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyKit.Tests.DependencyInjection;

public class JourneyKitServiceCollectionExtensionsTests
{
    [Fact]
    public void AddJourneyKit_ResolvesConfiguredServices()
    {
        var services = new ServiceCollection();
        var returned = services.AddJourneyKit(o => o.WriteIndentedJson = false);
        Assert.Same(services, returned);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var serializer = provider.GetRequiredService<JourneyMapSerializer>();
        Assert.False(serializer.WriteIndented);
        Assert.DoesNotContain("\n", serializer.Serialize(SampleMaps.ECommerce()), StringComparison.Ordinal);
        Assert.Same(serializer, provider.GetRequiredService<JourneyMapSerializer>());
    }

    [Fact]
    public void AddJourneyKit_Twice_ComposesTheConfigureCalls_AndRegistersServicesOnce()
    {
        var services = new ServiceCollection();
        services.AddJourneyKit(o => o.MaxJsonDepth = 16).AddJourneyKit(o => o.WriteIndentedJson = false);
        services.Configure<JourneyKitOptions>(o => o.MaxJsonDepth = 48);
        Assert.Single(services, d => d.ServiceType == typeof(JourneyMapSerializer));
        using var provider = services.BuildServiceProvider();
        var serializer = provider.GetRequiredService<JourneyMapSerializer>();
        Assert.Equal(48, serializer.MaxDepth);     // the last configuration wins, as in Microsoft.Extensions
        Assert.False(serializer.WriteIndented);    // and the second call was not dropped
        Assert.Same(provider.GetRequiredService<IOptions<JourneyKitOptions>>().Value, provider.GetRequiredService<JourneyKitOptions>());
    }

    [Fact]
    public void AddJourneyKit_InvalidOption_FailsOnStart_NamingTheSetting()
    {
        var services = new ServiceCollection().AddJourneyKit(o => o.MaxJsonDepth = 1);
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<JourneyMapSerializer>());
        Assert.Contains("MaxJsonDepth", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddJourneyKit_InvalidOption_StopsAHostFromStarting()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddJourneyKit(o => o.MaxJsonDepth = 1);
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("MaxJsonDepth", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddJourneyKit_ResolvesTheAttributionModelByInterface()
    {
        using var provider = new ServiceCollection().AddJourneyKit(o => o.Attribution = new JourneyKit.Attribution.MarkovAttributionOptions { Order = 2 }).BuildServiceProvider();
        var model = provider.GetRequiredService<JourneyKit.Attribution.IAttributionModel>();
        Assert.Equal("Markov order 2", model.Name);
    }

    [Fact]
    public void AddJourneyKit_NullServices_Throws()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => JourneyKitServiceCollectionExtensions.AddJourneyKit(null!));
        Assert.Equal("services", ex.ParamName);
    }
}
