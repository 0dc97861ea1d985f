namespace JourneyKit.Tests;

/// <summary>A fact that needs <c>../shared/datasets</c>: skipped, with the reason, where it is absent (a user's clone).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!Datasets.SharedAvailable)
        {
            Skip = Datasets.SharedMissingReason;
        }
    }
}
