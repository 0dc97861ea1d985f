using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyKit.Orleans;

/// <summary>Registers JourneyKit's customer grains in an Orleans silo.</summary>
public static class JourneyKitSiloBuilderExtensions
{
    /// <summary>
    /// Adds the rules the customer grains run. Options follow the Microsoft.Extensions pattern, as the host's
    /// <c>services.AddJourneyKit</c> does: every <c>AddJourneyKit(configure)</c> and
    /// <c>services.Configure&lt;JourneyKitOrleansOptions&gt;(…)</c> call composes, in order, and the result is validated
    /// when the host starts — limits, at least one rule, and the rules resolved together — so a bad configuration stops
    /// the silo at start-up with an <see cref="OptionsValidationException"/> listing every problem, never a grain later.
    /// The host also registers a grain storage provider named <see cref="JourneyKitOrleansOptions.StorageName"/> and an
    /// <see cref="IRuleFiringSink"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Adds rules and sets limits.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ISiloBuilder AddJourneyKit(this ISiloBuilder builder, Action<JourneyKitOrleansOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<JourneyKitOrleansOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JourneyKitOrleansOptions>>(
            new Internal.ProblemsValidator<JourneyKitOrleansOptions>(nameof(JourneyKitOrleansOptions), ValidateWithRules)));
        builder.Services.TryAddSingleton<LiveCombiner>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, LiveCombiner>(sp => sp.GetRequiredService<LiveCombiner>()));
        return builder;
    }

    // The limits, then the rules resolved together as a grain will (so a rule the map does not know fails the silo at
    // start-up, not a grain later); rule problems are reported under Rules.
    private static void ValidateWithRules(JourneyKitOrleansOptions options)
    {
        options.Validate();
        try
        {
            _ = new Rules.JourneyMonitor(options.Rules, options.Monitor with { WatermarkFollowsEvents = false, LateEvents = Rules.LateEventPolicy.Count });
        }
        catch (Rules.RuleValidationException ex)
        {
            throw new InvalidOptionsException(nameof(JourneyKitOrleansOptions), [.. ex.Problems.Select(p => new ValidationProblem(nameof(options.Rules), p.Rule, p.ToString()))]);
        }
    }
}
