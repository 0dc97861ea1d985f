namespace JourneyKit.Forecasting;

/// <summary>
/// Thrown by <see cref="JourneyScenario.FromMaps"/> when map changes need a number no assumption states (a new
/// touchpoint, a removed pain point): the message and <see cref="Missing"/> list each, so a tool can ask for them all
/// at once. A change is never priced at a silent zero.
/// </summary>
public sealed class MissingAssumptionsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public MissingAssumptionsException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MissingAssumptionsException(string message)
        : base(message) => Missing = [];

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public MissingAssumptionsException(string message, Exception innerException)
        : base(message, innerException) => Missing = [];

    /// <summary>Creates the exception listing the changes that need an assumption.</summary>
    /// <param name="missing">The map changes without one.</param>
    public MissingAssumptionsException(IReadOnlyList<MapChange> missing)
        : base(Describe(missing), "assumptions") => Missing = missing;

    /// <summary>Gets the map changes that need a stated assumption.</summary>
    public IReadOnlyList<MapChange> Missing { get; }

    private static string Describe(IReadOnlyList<MapChange> missing) =>
        $"{missing.Count} change{(missing.Count == 1 ? "" : "s")} between the maps need{(missing.Count == 1 ? "s" : "")} a stated assumption (a ScenarioAssumption with the same element and id) before the future-state map can be priced: " +
        string.Join("; ", missing.Select(m => m.ToString())) + ".";
}
