namespace JourneyKit.Rules;

/// <summary>Thrown when rules do not fit together or do not fit a journey map; carries every error found, each naming the rule and the id at fault.</summary>
public sealed class RuleValidationException : JourneyKitValidationException
{
    /// <summary>Creates the exception with a generic message and no errors.</summary>
    public RuleValidationException()
        : this(Array.Empty<ValidationProblem>())
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

    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">Every problem found; each path names the rule (<c>Rule 'cart-abandoned'</c>) or <c>rules</c> for the set.</param>
    public RuleValidationException(IReadOnlyList<ValidationProblem> problems)
        : base(problems, Describe(Texts(problems)))
    {
        Errors = Texts(problems);
    }

    /// <summary>Gets every problem found, in rule order, as text (the <see cref="JourneyKitValidationException.Problems"/> printed).</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string[] Texts(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return [.. problems.Select(p => p.ToString())];
    }

    private static string Describe(string[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Length switch
        {
            0 => "The rules are invalid.",
            1 => $"The rules are invalid: {errors[0]}",
            _ => $"The rules have {errors.Length} errors:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors),
        };
    }
}
