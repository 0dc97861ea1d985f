namespace JourneyKit;

/// <summary>The kind of rule a journey map broke.</summary>
public enum ValidationRule
{
    /// <summary>A value is missing, blank, malformed or out of range.</summary>
    InvalidValue = 0,

    /// <summary>Two entities of the same kind share an id, or two stages share a position.</summary>
    Duplicate,

    /// <summary>An entity refers to a stage, channel, touchpoint or pain point that the map does not have.</summary>
    UnknownReference,

    /// <summary>References that exist but contradict each other, such as a pain point whose touchpoint lies in another stage.</summary>
    Inconsistent,
}

/// <summary>One broken rule in a journey map.</summary>
/// <param name="Path">Where the problem is, for example <c>touchpoints['checkout'].stageId</c>.</param>
/// <param name="Rule">The kind of rule broken.</param>
/// <param name="Message">What is wrong, naming the id and the rule.</param>
public sealed record JourneyMapValidationError(string Path, ValidationRule Rule, string Message)
{
    /// <summary>Formats the error as <c>path: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when a journey map breaks one or more rules; carries every error found, not just the first.</summary>
public sealed class JourneyMapValidationException : Exception
{
    /// <summary>Creates the exception with a generic message and no errors.</summary>
    public JourneyMapValidationException()
        : this([])
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
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every error found, in the order the map's parts were checked.</summary>
    public IReadOnlyList<JourneyMapValidationError> Errors { get; }

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
