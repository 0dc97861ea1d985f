namespace JourneyKit.Tests;

/// <summary>A fact that needs an npm reference implementation (its package name): skipped, with the reason, where it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeReferenceFactAttribute : FactAttribute
{
    public NodeReferenceFactAttribute(string package)
    {
        if (NodeReference.MissingReason(package) is { } reason)
        {
            Skip = reason;
        }
    }
}
