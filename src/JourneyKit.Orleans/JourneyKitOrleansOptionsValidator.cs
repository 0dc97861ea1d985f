using Microsoft.Extensions.Options;

namespace JourneyKit.Orleans;

/// <summary>
/// Validates the composed <see cref="JourneyKitOrleansOptions"/> when the host starts: every limit at once, then the rules
/// resolved together as a grain will (so a rule the map does not know fails the silo, not a grain later).
/// </summary>
internal sealed class JourneyKitOrleansOptionsValidator : IValidateOptions<JourneyKitOrleansOptions>
{
    public ValidateOptionsResult Validate(string? name, JourneyKitOrleansOptions options)
    {
        try
        {
            options.Validate();
            _ = new Rules.JourneyMonitor(options.Rules, options.Monitor with { WatermarkFollowsEvents = false, LateEvents = Rules.LateEventPolicy.Count });
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOptionsException ex)
        {
            return ValidateOptionsResult.Fail(ex.Problems.Select(p => $"JourneyKitOrleansOptions.{p}"));
        }
        catch (JourneyKitValidationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Problems.Select(p => $"JourneyKitOrleansOptions.Rules: {p}"));
        }
    }
}
