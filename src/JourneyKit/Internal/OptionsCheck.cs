using System.Globalization;

namespace JourneyKit.Internal;

/// <summary>
/// Collects every problem of an options object and throws them together (<see cref="InvalidOptionsException"/>), so
/// a user fixes a configuration in one round instead of one property per run.
/// </summary>
/// <param name="optionsType">The options type's name, for the message.</param>
internal sealed class OptionsCheck(string optionsType)
{
    private readonly List<ValidationProblem> _problems = [];

    /// <summary>Records a problem at <paramref name="path"/> unless <paramref name="valid"/>.</summary>
    internal OptionsCheck Require(bool valid, string path, string message, string rule = "Range")
    {
        if (!valid)
        {
            _problems.Add(new ValidationProblem(path, rule, message));
        }

        return this;
    }

    internal OptionsCheck AtLeast(long value, long minimum, string path) =>
        Require(value >= minimum, path, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum:N0} (was {value:N0})."));

    internal OptionsCheck InRange(long value, long minimum, long maximum, string path) =>
        Require(value >= minimum && value <= maximum, path, string.Create(CultureInfo.InvariantCulture, $"must lie in [{minimum:N0}, {maximum:N0}] (was {value:N0})."));

    internal OptionsCheck NotNull(object? value, string path) =>
        Require(value is not null, path, "must not be null.", "Required");

    internal OptionsCheck NotBlank(string? value, string path) =>
        Require(!string.IsNullOrWhiteSpace(value), path, "must not be empty or blank.", "Required");

    internal OptionsCheck Defined<TEnum>(TEnum value, string path)
        where TEnum : struct, Enum =>
        Require(Enum.IsDefined(value), path, $"{value} is not a defined {typeof(TEnum).Name}.", "Defined");

    /// <summary>Validates nested options, their problems prefixed with <paramref name="path"/>.</summary>
    internal OptionsCheck Nested(object? options, string path, Action validate)
    {
        if (options is null)
        {
            return NotNull(options, path);
        }

        try
        {
            validate();
        }
        catch (InvalidOptionsException ex)
        {
            _problems.AddRange(ex.Problems.Select(p => p with { Path = $"{path}.{p.Path}" }));
        }

        return this;
    }

    /// <summary>Throws every problem recorded, if any.</summary>
    /// <exception cref="InvalidOptionsException">A problem was recorded.</exception>
    internal void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new InvalidOptionsException(optionsType, _problems.ToArray());
        }
    }
}
