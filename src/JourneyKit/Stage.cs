using JourneyKit.Internal;

namespace JourneyKit;

/// <summary>
/// A phase of the journey, such as awareness or purchase. Stages are ordered: the order of a map's stages is
/// the designed path through the journey.
/// </summary>
public sealed class Stage
{
    /// <summary>Creates a stage.</summary>
    /// <param name="id">The unique id within the map: not blank, no surrounding white space, at most 200 characters.</param>
    /// <param name="name">The display name; not blank.</param>
    /// <param name="position">The zero-based position in the map's stage order. Range: position ≥ 0; unique within a map.</param>
    /// <param name="goal">What the customer wants to achieve in this stage; blank is stored as <see langword="null"/>.</param>
    /// <param name="expectedDwellTime">How long customers are expected to stay in the stage; positive when given.</param>
    /// <param name="kpis">Key performance indicators watched in this stage; entries must not be blank.</param>
    /// <param name="description">A longer description; blank is stored as <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The id or name is blank, or a KPI is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative or <paramref name="expectedDwellTime"/> is not positive.</exception>
    public Stage(
        string id,
        string name,
        int position,
        string? goal = null,
        TimeSpan? expectedDwellTime = null,
        IEnumerable<string>? kpis = null,
        string? description = null)
    {
        Id = Guard.Id(id, nameof(id));
        Name = Guard.Name(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        if (expectedDwellTime is { } dwell && dwell <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(expectedDwellTime), dwell, $"Stage '{id}': the expected dwell time must be positive.");
        }

        Position = position;
        Goal = Guard.Optional(goal);
        ExpectedDwellTime = expectedDwellTime;
        Kpis = Guard.Texts(kpis, nameof(kpis));
        Description = Guard.Optional(description);
    }

    /// <summary>Gets the unique id within the map.</summary>
    public string Id { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the zero-based position in the map's stage order.</summary>
    public int Position { get; }

    /// <summary>Gets what the customer wants to achieve in this stage, or <see langword="null"/>.</summary>
    public string? Goal { get; }

    /// <summary>Gets how long customers are expected to stay in the stage, or <see langword="null"/> when not set.</summary>
    public TimeSpan? ExpectedDwellTime { get; }

    /// <summary>Gets the key performance indicators watched in this stage.</summary>
    public IReadOnlyList<string> Kpis { get; }

    /// <summary>Gets a longer description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
