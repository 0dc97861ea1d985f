namespace JourneyKit;

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
