namespace JourneyKit.Rules;

/// <summary>Thrown when rules do not fit together or do not fit a journey map; carries every error found, each naming the rule and the id at fault.</summary>
public sealed class RuleValidationException : Exception
{
    /// <summary>Creates the exception with a generic message and no errors.</summary>
    public RuleValidationException()
        : this(Array.Empty<string>())
    {
    }

    /// <summary>Creates the exception with a message and no errors.</summary>
    /// <param name="message">The message.</param>
    public RuleValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no errors.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">Every error found.</param>
    public RuleValidationException(IReadOnlyList<string> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every error found, in rule order.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "The rules are invalid.",
            1 => $"The rules are invalid: {errors[0]}",
            _ => $"The rules have {errors.Count} errors:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors),
        };
    }
}
