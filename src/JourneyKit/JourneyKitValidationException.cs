namespace JourneyKit;

/// <summary>
/// The base of the exceptions that report a validated document — a journey map, a rule set — as wrong: every problem
/// found, not just the first, each with its path, rule and message. Catch this type to handle all of them alike.
/// Options are arguments, so their validation throws <see cref="InvalidOptionsException"/> (an
/// <see cref="ArgumentException"/>) with the same <see cref="ValidationProblem"/> list.
/// </summary>
public abstract class JourneyKitValidationException : Exception
{
    /// <summary>Creates the exception with a message and no problems.</summary>
    /// <param name="message">The message.</param>
    protected JourneyKitValidationException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no problems.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected JourneyKitValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception from the problems found, with a message that lists them.</summary>
    /// <param name="subject">What was validated, as the message names it ("The journey map", "The rules").</param>
    /// <param name="problems">Every problem found.</param>
    protected JourneyKitValidationException(string subject, IReadOnlyList<ValidationProblem> problems)
        : base(Describe(subject, problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception from the problems found, with the message given.</summary>
    /// <param name="problems">Every problem found.</param>
    /// <param name="message">The message.</param>
    protected JourneyKitValidationException(IReadOnlyList<ValidationProblem> problems, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
    }

    /// <summary>Gets every problem found, in the order they were checked.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    internal static string Describe(string subject, IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => $"{subject} is invalid.",
            1 => $"{subject} is invalid: {problems[0]}",
            _ => $"{subject} has {problems.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems),
        };
    }
}
