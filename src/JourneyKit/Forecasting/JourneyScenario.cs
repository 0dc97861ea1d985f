using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>
/// A future state to price: changes to a fitted <see cref="JourneyModel"/>, applied in order — a transition made more or
/// less likely, a step removed, a dwell shortened, a conversion worth more. Immutable: every method returns a new
/// scenario with the change appended. Steps are named as the model names them (its level's labels); a change is checked
/// against the model when forecast, and an unknown step or unobserved transition is an error naming it.
/// </summary>
/// <example>
/// <code>
/// var scenario = JourneyScenario.Named("faster checkout")
///     .SetTransition("checkout", "purchase", 0.75)
///     .ScaleDwell("checkout", 0.5);
/// </code>
/// </example>
public sealed class JourneyScenario
{
    private JourneyScenario(string name, IReadOnlyList<ScenarioChange> changes)
    {
        Name = name;
        Changes = changes;
    }

    /// <summary>Gets the scenario's name.</summary>
    public string Name { get; }

    /// <summary>Gets the changes, in the order they are applied.</summary>
    public IReadOnlyList<ScenarioChange> Changes { get; }

    /// <summary>Starts a scenario with no changes (forecasting it gives today's numbers and a lift of 0).</summary>
    /// <param name="name">The name shown in forecasts and reports.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or blank.</exception>
    public static JourneyScenario Named(string name) => new(Guard.Name(name, nameof(name)), []);

    /// <summary>
    /// Sets the probability of the transition <paramref name="from"/> → <paramref name="to"/>; the rest of the row is
    /// scaled proportionally so it still sums to 1.
    /// </summary>
    /// <param name="from">The step the transition leaves.</param>
    /// <param name="to">The step it enters, or <see cref="JourneyModel.ConvertedState"/>, <see cref="JourneyModel.LostState"/>, <see cref="JourneyModel.ChurnedState"/>.</param>
    /// <param name="probability">The new probability. Range: [0, 1].</param>
    /// <returns>A scenario with the change appended.</returns>
    /// <exception cref="ArgumentException">A step is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1].</exception>
    public JourneyScenario SetTransition(string from, string to, double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, $"The probability of {from} → {to} must lie in [0, 1].");
        }

        return With(new ScenarioChange(ScenarioChangeKind.SetTransition, Step(from, nameof(from)), Step(to, nameof(to)), probability, null));
    }

    /// <summary>
    /// Multiplies the probability of the transition <paramref name="from"/> → <paramref name="to"/> by
    /// <paramref name="factor"/> (capped at 1); the rest of the row is scaled proportionally.
    /// </summary>
    /// <param name="from">The step the transition leaves.</param>
    /// <param name="to">The step it enters (or an absorbing state).</param>
    /// <param name="factor">The factor. Range: finite, ≥ 0.</param>
    /// <returns>A scenario with the change appended.</returns>
    /// <exception cref="ArgumentException">A step is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite.</exception>
    public JourneyScenario ScaleTransition(string from, string to, double factor) =>
        With(new ScenarioChange(ScenarioChangeKind.ScaleTransition, Step(from, nameof(from)), Step(to, nameof(to)), Factor(factor, nameof(factor)), null));

    /// <summary>
    /// Removes a step: journeys skip it. Every transition into it (and the share of journeys that started there) goes on
    /// as the journeys that left it for another step or a conversion did, in their proportions (its own repeats left
    /// out): its losses go with it — the journeys it lost now go on as the others did. A step no journey went on from
    /// passes its in-flow to where its journeys ended. (Sending the in-flow to every exit, losses included, would leave
    /// the probability of converting unchanged by construction.)
    /// </summary>
    /// <param name="step">The step.</param>
    /// <returns>A scenario with the change appended.</returns>
    /// <exception cref="ArgumentException"><paramref name="step"/> is blank.</exception>
    public JourneyScenario RemoveStep(string step) =>
        With(new ScenarioChange(ScenarioChangeKind.RemoveStep, Step(step, nameof(step)), null, double.NaN, null));

    /// <summary>Multiplies the mean time spent at a step before the next one (dwell), which moves the time to convert.</summary>
    /// <param name="step">The step.</param>
    /// <param name="factor">The factor. Range: finite, ≥ 0.</param>
    /// <returns>A scenario with the change appended.</returns>
    /// <exception cref="ArgumentException"><paramref name="step"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite.</exception>
    public JourneyScenario ScaleDwell(string step, double factor) =>
        With(new ScenarioChange(ScenarioChangeKind.ScaleDwell, Step(step, nameof(step)), null, Factor(factor, nameof(factor)), null));

    /// <summary>Sets the value of a conversion (for revenue), replacing the mean value observed in the log.</summary>
    /// <param name="value">The value. Range: finite, ≥ 0.</param>
    /// <returns>A scenario with the change appended.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or not finite.</exception>
    public JourneyScenario SetConversionValue(double value) =>
        With(new ScenarioChange(ScenarioChangeKind.SetConversionValue, null, null, Factor(value, nameof(value)), null));

    /// <summary>Appends another scenario's changes to this one's (this name kept).</summary>
    /// <param name="other">The scenario whose changes follow.</param>
    /// <returns>The combined scenario.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public JourneyScenario Then(JourneyScenario other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new JourneyScenario(Name, [.. Changes, .. other.Changes]);
    }

    /// <summary>
    /// Turns the difference between a current-state and a future-state map into a scenario. A step removed at the
    /// model's level (a touchpoint at touchpoint level, a stage at stage level, a channel at channel level) becomes
    /// <see cref="RemoveStep"/>. A change that needs a number — a touchpoint added (or, below touchpoint level, any
    /// touchpoint added or removed), a step added at the level, a pain point added or removed — needs a stated
    /// <see cref="ScenarioAssumption"/>; a missing one is a <see cref="MissingAssumptionsException"/> listing each,
    /// never a silent zero. An assumption given for a removed step replaces its <see cref="RemoveStep"/>; one given for
    /// a modified part is applied. Other differences (names, emotions, owners, personas, opportunities) carry no
    /// behaviour and are left out.
    /// </summary>
    /// <param name="current">The current-state map.</param>
    /// <param name="future">The future-state map.</param>
    /// <param name="assumptions">The stated assumptions, one per (element, id).</param>
    /// <param name="level">The level of the model the scenario is for. Default touchpoint, as <see cref="JourneyModelOptions.Level"/>.</param>
    /// <returns>The scenario, named after the future-state map; every change carries its reason (the map change or the assumption's statement).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MissingAssumptionsException">Changes need assumptions that are not given (each is listed).</exception>
    /// <exception cref="ArgumentException">Two assumptions name the same part, or an assumption names a part that did not change.</exception>
    public static JourneyScenario FromMaps(JourneyMap current, JourneyMap future, IEnumerable<ScenarioAssumption> assumptions, PathLevel level = PathLevel.Touchpoint)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(future);
        ArgumentNullException.ThrowIfNull(assumptions);
        var stated = new Dictionary<(MapElementKind, string), ScenarioAssumption>();
        foreach (ScenarioAssumption assumption in assumptions)
        {
            ArgumentNullException.ThrowIfNull(assumption, nameof(assumptions));
            if (!stated.TryAdd((assumption.Element, assumption.Id), assumption))
            {
                throw new ArgumentException($"Two assumptions are about {assumption.Element} '{Guard.Clip(assumption.Id)}'; state one.", nameof(assumptions));
            }
        }

        MapElementKind stepKind = level switch
        {
            PathLevel.Stage => MapElementKind.Stage,
            PathLevel.Channel => MapElementKind.Channel,
            _ => MapElementKind.Touchpoint,
        };
        var changes = new List<ScenarioChange>();
        var missing = new List<MapChange>();
        var used = new HashSet<(MapElementKind, string)>();
        foreach (MapChange change in JourneyMapDiff.Compare(current, future).Changes)
        {
            var key = (change.Element, change.Id);
            if (stated.TryGetValue(key, out var assumption))
            {
                used.Add(key);
                changes.AddRange(assumption.Effect.Changes.Select(c => c with { Reason = $"assumed for {change}: {assumption.Statement}" }));
            }
            else if (change.Element == stepKind && change.Change == ChangeKind.Removed)
            {
                changes.Add(new ScenarioChange(ScenarioChangeKind.RemoveStep, change.Id, null, double.NaN, change.ToString()) { FromMap = true });
            }
            else if (change.Change != ChangeKind.Modified &&
                     (change.Element is MapElementKind.Touchpoint or MapElementKind.PainPoint || change.Element == stepKind))
            {
                missing.Add(change);
            }
        }

        if (missing.Count > 0)
        {
            throw new MissingAssumptionsException(missing);
        }

        if (stated.Keys.FirstOrDefault(k => !used.Contains(k)) is var (element, id) && id is not null)
        {
            throw new ArgumentException($"The assumption about {element} '{Guard.Clip(id)}' matches no change between the maps (a stale assumption would be printed beside a forecast it does not affect).", nameof(assumptions));
        }

        return new JourneyScenario(future.Name, changes.AsReadOnly());
    }

    /// <summary>Formats the scenario.</summary>
    /// <returns>"name: change; change".</returns>
    public override string ToString() =>
        Changes.Count == 0 ? $"{Name}: no changes" : $"{Name}: {string.Join("; ", Changes)}";

    private JourneyScenario With(ScenarioChange change) => new(Name, [.. Changes, change]);

    private static string Step(string? step, string paramName)
    {
        if (string.IsNullOrWhiteSpace(step))
        {
            throw new ArgumentException("A scenario step must not be null, empty or blank.", paramName);
        }

        return step;
    }

    private static double Factor(double factor, string paramName) =>
        double.IsFinite(factor) && factor >= 0
            ? factor
            : throw new ArgumentOutOfRangeException(paramName, factor, $"The {paramName} must be finite and at least 0.");
}
