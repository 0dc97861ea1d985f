namespace JourneyKit;

/// <summary>A point of the designed emotion curve: the emotion at one touchpoint, in journey order.</summary>
/// <param name="StageId">The stage of the touchpoint.</param>
/// <param name="TouchpointId">The touchpoint.</param>
/// <param name="Emotion">The designed emotion there.</param>
public readonly record struct EmotionPoint(string StageId, string TouchpointId, Emotion Emotion);
