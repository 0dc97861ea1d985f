namespace JourneyKit;

/// <summary>Thrown when a journey map breaks one or more rules; carries every error found, not just the first.</summary>
public sealed class JourneyMapValidationException : JourneyKitValidationException
{
    /// <summary>Creates the exception with a generic message and no errors.</summary>
    public JourneyMapValidationException()
        : this(Array.Empty<JourneyMapValidationError>())
    {
    }

    /// <summary>Creates the exception with a message and no errors.</summary>
    /// <param name="message">The message.</param>
    public JourneyMapValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no errors.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JourneyMapValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">Every error found.</param>
    public JourneyMapValidationException(IReadOnlyList<JourneyMapValidationError> errors)
        : base(ToProblems(errors), Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every error found, in the order the map's parts were checked, with its <see cref="ValidationRule"/> (also in <see cref="JourneyKitValidationException.Problems"/>, the rule as text).</summary>
    public IReadOnlyList<JourneyMapValidationError> Errors { get; }

    private static ValidationProblem[] ToProblems(IReadOnlyList<JourneyMapValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return [.. errors.Select(e => new ValidationProblem(e.Path, e.Rule.ToString(), e.Message))];
    }

    private static string Describe(IReadOnlyList<JourneyMapValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "The journey map is invalid.",
            1 => $"The journey map is invalid: {errors[0]}",
            _ => $"The journey map has {errors.Count} errors:{Environment.NewLine}  " +
                 string.Join(Environment.NewLine + "  ", errors),
        };
    }
}
