namespace JourneyKit.Forecasting;

/// <summary>What a <see cref="ScenarioChange"/> does to a journey model.</summary>
public enum ScenarioChangeKind
{
    /// <summary>Sets the probability of one transition; the rest of its row is scaled proportionally.</summary>
    SetTransition,

    /// <summary>Multiplies the probability of one transition (capped at 1); the rest of its row is scaled proportionally.</summary>
    ScaleTransition,

    /// <summary>Removes a step: journeys skip it, its in-flow going where its out-flow went.</summary>
    RemoveStep,

    /// <summary>Multiplies the dwell time at a step.</summary>
    ScaleDwell,

    /// <summary>Sets the value of a conversion.</summary>
    SetConversionValue,
}
