namespace JourneyKit.Forecasting;

/// <summary>
/// A stated assumption that turns one change between a current-state and a future-state map into numbers
/// (<see cref="JourneyScenario.FromMaps"/>): what a new touchpoint or a removed pain point is expected to do to the
/// journeys, as scenario changes, with the statement printed beside every forecast.
/// </summary>
/// <param name="Element">The kind of map part the assumption is about (touchpoint, pain point, stage, channel).</param>
/// <param name="Id">The id of that part in the maps.</param>
/// <param name="Statement">The assumption in words, e.g. "guest checkout lifts checkout → confirmation by 25 %, as in the pilot".</param>
/// <param name="Effect">The changes that express it (may be empty: "no effect on conversion assumed" is a statement too).</param>
public sealed record ScenarioAssumption(MapElementKind Element, string Id, string Statement, JourneyScenario Effect)
{
    /// <summary>Formats the assumption.</summary>
    /// <returns>"Element 'id': statement".</returns>
    public override string ToString() => $"{Element} '{Id}': {Statement}";
}
