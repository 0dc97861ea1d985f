namespace JourneyKit.Identity;

/// <summary>A link that was not merged, with the observation it came from and the rule that refused it.</summary>
/// <param name="Observation">The 0-based number of the observation (the call to <see cref="IdentityGraphBuilder.Link(string, string, string, string, DateTimeOffset, string?)"/> or <see cref="IdentityGraphBuilder.Observe"/>) that gave the link.</param>
/// <param name="Link">The link, with the values as given.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="Message">The rule in words, naming the kind, value, limit or profiles at fault.</param>
public sealed record RefusedLink(long Observation, IdentityLink Link, LinkRefusal Reason, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"Observation {Observation}: {Message}";
}
