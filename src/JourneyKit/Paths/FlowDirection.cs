namespace JourneyKit.Paths;

/// <summary>Which way a flow runs from its anchor step.</summary>
public enum FlowDirection
{
    /// <summary>What journeys do after the first visit to the anchor.</summary>
    Forward = 0,

    /// <summary>What journeys did before their last visit to the anchor.</summary>
    Backward,
}
