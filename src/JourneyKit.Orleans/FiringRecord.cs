using JourneyKit.Rules;

namespace JourneyKit.Orleans;

/// <summary>A rule firing as grain state keeps it in its outbox until the sink has taken it.</summary>
/// <param name="RuleName">The rule.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="StartedAt">When the episode started.</param>
/// <param name="DueAt">When it was due.</param>
/// <param name="FiredAt">When it fired (event time).</param>
[GenerateSerializer]
[Immutable]
[Alias("JourneyKit.Orleans.FiringRecord")]
public sealed record FiringRecord(string RuleName, string CustomerId, DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset FiredAt)
{
    /// <summary>Gets whether the firing is held out (<see cref="RuleFiring.IsHoldout"/>); <see langword="false"/> in state written before holdouts (version 1).</summary>
    [Id(5)]
    public bool IsHoldout { get; init; }

    /// <summary>Gets the firing's number among same-instant episodes (<see cref="RuleFiring.Ordinal"/>); 0 in state written before ordinals (versions 1–2).</summary>
    [Id(6)]
    public int Ordinal { get; init; }

    /// <summary>Gets the firing.</summary>
    /// <returns>The firing; its <see cref="RuleFiring.Id"/> is deterministic, so a sink de-duplicates redeliveries by it.</returns>
    public RuleFiring ToFiring() => new(RuleName, CustomerId, StartedAt, DueAt, FiredAt) { IsHoldout = IsHoldout, Ordinal = Ordinal };

    /// <summary>Gets the record of a firing.</summary>
    /// <param name="firing">The firing.</param>
    /// <returns>The record.</returns>
    public static FiringRecord From(RuleFiring firing) => new(firing.RuleName, firing.CustomerId, firing.StartedAt, firing.DueAt, firing.FiredAt) { IsHoldout = firing.IsHoldout, Ordinal = firing.Ordinal };
}
