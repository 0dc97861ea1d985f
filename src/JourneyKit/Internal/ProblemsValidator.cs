using Microsoft.Extensions.Options;

namespace JourneyKit.Internal;

/// <summary>
/// Runs an options type's own validation for the options pattern (<c>ValidateOnStart</c>): every problem it reports
/// becomes one failure of the host's start-up, named <c>Type.Property: message</c>. Used by the host's and the silo's
/// <c>AddJourneyKit</c>.
/// </summary>
/// <typeparam name="T">The options type.</typeparam>
/// <param name="typeName">The options type's name, for the failures.</param>
/// <param name="validate">The validation; throws <see cref="InvalidOptionsException"/> listing every problem.</param>
internal sealed class ProblemsValidator<T>(string typeName, Action<T> validate) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOptionsException ex)
        {
            return ValidateOptionsResult.Fail(ex.Problems.Select(p => $"{typeName}.{p}"));
        }
    }
}
