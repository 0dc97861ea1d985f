using Microsoft.Extensions.Options;

namespace JourneyKit.DependencyInjection;

/// <summary>Validates <see cref="JourneyKitOptions"/> for the options pattern, with the message that names the setting.</summary>
internal sealed class JourneyKitOptionsValidator : IValidateOptions<JourneyKitOptions>
{
    public ValidateOptionsResult Validate(string? name, JourneyKitOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOptionsException ex)
        {
            return ValidateOptionsResult.Fail(ex.Problems.Select(p => $"JourneyKitOptions.{p}"));
        }
    }
}
