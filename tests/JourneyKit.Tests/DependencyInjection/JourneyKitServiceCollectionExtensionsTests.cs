using JourneyKit.DependencyInjection;
using JourneyKit.Serialization;
using Microsoft.Extensions.DependencyInjection;

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
    public void AddJourneyKit_Twice_KeepsFirstRegistration()
    {
        var services = new ServiceCollection();
        services.AddJourneyKit(o => o.MaxJsonDepth = 16).AddJourneyKit(o => o.MaxJsonDepth = 64);
        Assert.Single(services, d => d.ServiceType == typeof(JourneyMapSerializer));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(16, provider.GetRequiredService<JourneyMapSerializer>().MaxDepth);
    }

    [Fact]
    public void AddJourneyKit_InvalidOption_FailsAtRegistration()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddJourneyKit(o => o.MaxJsonDepth = 1));
        Assert.Equal("MaxJsonDepth", ex.ParamName);
    }

    [Fact]
    public void AddJourneyKit_NullServices_Throws()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => JourneyKitServiceCollectionExtensions.AddJourneyKit(null!));
        Assert.Equal("services", ex.ParamName);
    }
}
