using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyKit.Orleans;

/// <summary>Registers JourneyKit's customer grains in an Orleans silo.</summary>
public static class JourneyKitSiloBuilderExtensions
{
    /// <summary>
    /// Adds the rules the customer grains run and checks them at once. The host also registers a grain storage provider
    /// named <see cref="JourneyKitOrleansOptions.StorageName"/> and an <see cref="IRuleFiringSink"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Adds rules and sets limits.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No rule was added, or a limit is out of range.</exception>
    public static ISiloBuilder AddJourneyKit(this ISiloBuilder builder, Action<JourneyKitOrleansOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new JourneyKitOrleansOptions();
        configure(options);
        options.Validate();
        // Resolve the rules once now, so that a rule the map does not know fails the silo at start-up, not a grain later.
        _ = new Rules.JourneyMonitor(options.Rules, options.Monitor with { WatermarkFollowsEvents = false, LateEvents = Rules.LateEventPolicy.Count });
        builder.Services.TryAddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.TryAddSingleton<LiveCombiner>();
        builder.Services.TryAddEnumerable(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, LiveCombiner>(sp => sp.GetRequiredService<LiveCombiner>()));
        return builder;
    }
}
