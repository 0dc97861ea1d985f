using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>A point of friction in the journey, attached to a stage, a touchpoint or both.</summary>
public sealed class PainPoint
{
    /// <summary>Creates a pain point.</summary>
    /// <param name="id">The unique id within the map: not blank, no surrounding white space, at most 200 characters.</param>
    /// <param name="description">What goes wrong, in the customer's words if possible; not blank.</param>
    /// <param name="stageId">The stage where it happens; at least one of <paramref name="stageId"/> and <paramref name="touchpointId"/> is required.</param>
    /// <param name="touchpointId">The touchpoint where it happens.</param>
    /// <param name="severity">How badly it hurts.</param>
    /// <param name="category">A free category such as "usability" or "pricing"; blank is stored as <see langword="null"/>.</param>
    /// <param name="evidence">Where the pain point comes from (interview quotes, tickets, metrics); entries must not be blank.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="description"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The id or description is blank, neither a stage nor a touchpoint is given, or an evidence entry is blank.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="severity"/> is not a defined value.</exception>
    public PainPoint(
        string id,
        string description,
        string? stageId = null,
        string? touchpointId = null,
        Severity severity = Severity.Medium,
        string? category = null,
        IEnumerable<string>? evidence = null)
    {
        Id = Guard.Id(id, nameof(id));
        Description = Guard.Name(description, nameof(description));
        if (stageId is null && touchpointId is null)
        {
            throw new ArgumentException($"Pain point '{id}' must name a stage, a touchpoint or both.", nameof(stageId));
        }

        StageId = stageId is null ? null : Guard.Id(stageId, nameof(stageId));
        TouchpointId = touchpointId is null ? null : Guard.Id(touchpointId, nameof(touchpointId));
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, $"Pain point '{id}' has an undefined severity.");
        }

        Severity = severity;
        Category = Guard.Optional(category);
        Evidence = Guard.Texts(evidence, nameof(evidence));
    }

    /// <summary>Gets the unique id within the map.</summary>
    public string Id { get; }

    /// <summary>Gets what goes wrong.</summary>
    public string Description { get; }

    /// <summary>Gets the stage where it happens, or <see langword="null"/> when only a touchpoint is named.</summary>
    public string? StageId { get; }

    /// <summary>Gets the touchpoint where it happens, or <see langword="null"/> when only a stage is named.</summary>
    public string? TouchpointId { get; }

    /// <summary>Gets how badly it hurts.</summary>
    /// <value>Default: <see cref="Severity.Medium"/>.</value>
    public Severity Severity { get; }

    /// <summary>Gets the free category, or <see langword="null"/>.</summary>
    public string? Category { get; }

    /// <summary>Gets the evidence behind the pain point.</summary>
    public IReadOnlyList<string> Evidence { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {Description} ({Severity})";
}
