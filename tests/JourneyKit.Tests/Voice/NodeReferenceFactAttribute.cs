namespace JourneyKit.Tests.Voice;

/// <summary>A fact that needs the node reference implementations: skipped, with the reason, where they are not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeReferenceFactAttribute : FactAttribute
{
    public NodeReferenceFactAttribute()
    {
        if (NodeReference.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
