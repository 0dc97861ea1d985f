using System.Globalization;

namespace JourneyKit.Paths;

/// <summary>A customer who dropped out of a funnel, and when they reached the step where their progress ended.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="LastStepAt">When the customer reached their last step (UTC).</param>
public readonly record struct FunnelDrop(string CustomerId, DateTimeOffset LastStepAt)
{
    /// <inheritdoc/>
    public override string ToString() => $"{CustomerId} (last step {LastStepAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
}
