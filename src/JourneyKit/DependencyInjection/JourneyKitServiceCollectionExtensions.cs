using JourneyKit.Attribution;
using JourneyKit.Paths;
using JourneyKit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyKit.DependencyInjection;

/// <summary>Registers JourneyKit's services in a host application's container, the Microsoft.Extensions way.</summary>
public static class JourneyKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers JourneyKit's options and services: <see cref="JourneyKitOptions"/> through the options pattern
    /// (<c>IOptions&lt;JourneyKitOptions&gt;</c>, validated on start by <c>ValidateOnStart</c> — a host fails at start-up on a
    /// bad setting, and without a host the first resolution fails), and as singletons a <see cref="JourneyMapSerializer"/>
    /// and a <see cref="PathAnalyzer"/> configured from them, and an <see cref="IAttributionModel"/> (Markov removal effects
    /// with <see cref="JourneyKitOptions.Attribution"/>; register your own model first to replace it). Calls compose as in Microsoft.Extensions: every
    /// <paramref name="configure"/> runs, in registration order; services are added with <c>TryAdd</c>, so your own earlier
    /// registration is left as it is. Every service also works without DI, with <c>new</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the options; composes with other calls and with <c>services.Configure&lt;JourneyKitOptions&gt;</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddJourneyKit(this IServiceCollection services, Action<JourneyKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<JourneyKitOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JourneyKitOptions>>(
            new Internal.ProblemsValidator<JourneyKitOptions>(nameof(JourneyKitOptions), o => o.Validate())));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<JourneyKitOptions>>().Value);
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<JourneyKitOptions>>().Value;
            return new JourneyMapSerializer(o.WriteIndentedJson, o.MaxJsonDepth);
        });
        services.TryAddSingleton(sp => new PathAnalyzer(sp.GetRequiredService<IOptions<JourneyKitOptions>>().Value.PathAnalysis));
        services.TryAddSingleton<IAttributionModel>(sp => new MarkovAttributionModel(sp.GetRequiredService<IOptions<JourneyKitOptions>>().Value.Attribution));
        return services;
    }
}
