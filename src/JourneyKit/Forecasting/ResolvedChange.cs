namespace JourneyKit.Forecasting;

/// <summary>A scenario change resolved to the model's dense indices (targets past the steps are the absorbing states).</summary>
internal readonly record struct ResolvedChange(ScenarioChangeKind Kind, int From, int To, double Value);
