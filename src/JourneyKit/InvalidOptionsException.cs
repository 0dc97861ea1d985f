namespace JourneyKit;

/// <summary>
/// Thrown by an options type's <c>Validate()</c> (and by every entry point that takes the options): every problem of the
/// options at once, each naming the property at fault. <see cref="ArgumentException.ParamName"/> is the first problem's path.
/// </summary>
public sealed class InvalidOptionsException : ArgumentException
{
    private readonly string? _text;

    /// <summary>Creates the exception with a generic message and no problems.</summary>
    public InvalidOptionsException()
        : this("The options are invalid.")
    {
    }

    /// <summary>Creates the exception with a message and no problems.</summary>
    /// <param name="message">The message.</param>
    public InvalidOptionsException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no problems.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="optionsType">The name of the options type, as the message names it.</param>
    /// <param name="problems">Every problem found; at least one.</param>
    public InvalidOptionsException(string optionsType, IReadOnlyList<ValidationProblem> problems)
        : base(JourneyKitValidationException.Describe(optionsType, problems), problems is [var first, ..] ? first.Path : null)
    {
        Problems = problems;
        _text = JourneyKitValidationException.Describe(optionsType, problems);
    }

    /// <summary>Gets every problem found, in declaration order of the properties.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <inheritdoc/>
    // The text already names every property at fault; ArgumentException would append "(Parameter 'X')" for the first only.
    public override string Message => _text ?? base.Message;
}
