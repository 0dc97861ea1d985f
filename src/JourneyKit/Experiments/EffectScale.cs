namespace JourneyKit.Experiments;

/// <summary>How an A/B effect is expressed.</summary>
public enum EffectScale
{
    /// <summary>The relative lift (treatment − control) / |control|, as GrowthBook reports by default; its variance by the delta method.</summary>
    Relative,

    /// <summary>The difference treatment − control, in the metric's own units (a rate difference for proportions).</summary>
    Absolute,
}
