using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>An improvement idea that addresses one or more pain points, rated by expected impact and effort.</summary>
public sealed class Opportunity
{
    /// <summary>Creates an opportunity.</summary>
    /// <param name="id">The unique id within the map: not blank, no surrounding white space, at most 200 characters.</param>
    /// <param name="description">What to change; not blank.</param>
    /// <param name="painPointIds">The ids of the pain points it addresses; no duplicates.</param>
    /// <param name="impact">The expected impact on the experience.</param>
    /// <param name="effort">The expected effort to deliver it.</param>
    /// <param name="owner">Who would deliver it; blank is stored as <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="description"/> is null.</exception>
    /// <exception cref="ArgumentException">The id or description is blank, or a pain point id is blank or repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="impact"/> or <paramref name="effort"/> is not a defined value.</exception>
    public Opportunity(
        string id,
        string description,
        IEnumerable<string>? painPointIds = null,
        Magnitude impact = Magnitude.Medium,
        Magnitude effort = Magnitude.Medium,
        string? owner = null)
    {
        Id = Guard.Id(id, nameof(id));
        Description = Guard.Name(description, nameof(description));
        PainPointIds = Guard.Ids(painPointIds, nameof(painPointIds));
        if (!Enum.IsDefined(impact))
        {
            throw new ArgumentOutOfRangeException(nameof(impact), impact, $"Opportunity '{id}' has an undefined impact.");
        }

        if (!Enum.IsDefined(effort))
        {
            throw new ArgumentOutOfRangeException(nameof(effort), effort, $"Opportunity '{id}' has an undefined effort.");
        }

        Impact = impact;
        Effort = effort;
        Owner = Guard.Optional(owner);
    }

    /// <summary>Gets the unique id within the map.</summary>
    public string Id { get; }

    /// <summary>Gets what to change.</summary>
    public string Description { get; }

    /// <summary>Gets the ids of the pain points it addresses.</summary>
    public IReadOnlyList<string> PainPointIds { get; }

    /// <summary>Gets the expected impact.</summary>
    /// <value>Default: <see cref="Magnitude.Medium"/>.</value>
    public Magnitude Impact { get; }

    /// <summary>Gets the expected effort.</summary>
    /// <value>Default: <see cref="Magnitude.Medium"/>.</value>
    public Magnitude Effort { get; }

    /// <summary>Gets who would deliver it, or <see langword="null"/>.</summary>
    public string? Owner { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {Description}";
}
