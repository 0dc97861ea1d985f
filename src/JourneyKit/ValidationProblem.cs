namespace JourneyKit;

/// <summary>One problem found by validation: where it is, which rule it breaks, and what is wrong.</summary>
/// <param name="Path">Where the problem is: a property (<c>MaxNodes</c>, <c>PathAnalysis.MaxNodes</c>), a part of a map (<c>stages[2].touchpoints[0]</c>) or a rule (<c>Rule 'cart-abandoned'</c>).</param>
/// <param name="Rule">The rule broken, a short stable code (<c>Range</c>, <c>Required</c>, <c>Duplicate</c>, <c>UnknownReference</c>…) to branch on.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record ValidationProblem(string Path, string Rule, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
