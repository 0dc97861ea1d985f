using JourneyKit.Paths;
using JourneyKit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyKit.DependencyInjection;

/// <summary>Registers JourneyKit's services in a host application's container.</summary>
public static class JourneyKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers JourneyKit's services as singletons: the validated <see cref="JourneyKitOptions"/>, a
    /// <see cref="JourneyMapSerializer"/> and a <see cref="PathAnalyzer"/> configured from them. Options are validated at once, so a bad setting
    /// fails at start-up rather than on first use. Registrations use <c>TryAdd</c>: a second call (or your own
    /// earlier registration) is left as it is. Every service also works without DI, with <c>new</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes to the default options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A configured option is out of range; the message names it.</exception>
    public static IServiceCollection AddJourneyKit(this IServiceCollection services, Action<JourneyKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new JourneyKitOptions();
        configure?.Invoke(options);
        options.Validate();

        services.TryAddSingleton(options);
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<JourneyKitOptions>();
            return new JourneyMapSerializer(o.WriteIndentedJson, o.MaxJsonDepth);
        });
        services.TryAddSingleton(sp => new PathAnalyzer(sp.GetRequiredService<JourneyKitOptions>().PathAnalysis));
        return services;
    }
}
