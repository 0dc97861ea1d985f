namespace JourneyKit;

/// <summary>The change of the designed emotion at a touchpoint present in both maps.</summary>
/// <param name="TouchpointId">The touchpoint.</param>
/// <param name="Before">The emotion in the first map.</param>
/// <param name="After">The emotion in the second map.</param>
public readonly record struct EmotionDelta(string TouchpointId, Emotion Before, Emotion After)
{
    /// <summary>Gets <c>After − Before</c> on the −2..+2 scale; positive means the experience improves.</summary>
    public double Delta => After.Value - Before.Value;
}
