using JourneyKit.Rules;

namespace JourneyKit.Orleans;

/// <summary>What the customer grains run: the rules, the allowed lateness and how many recent events each keeps.</summary>
public sealed class JourneyKitOrleansOptions
{
    /// <summary>The name of the grain storage provider the customer grains persist to; the host registers one under it.</summary>
    public const string StorageName = "journeykit";

    /// <summary>Gets the rules every customer grain runs.</summary>
    public IList<JourneyRule> Rules { get; } = [];

    /// <summary>Gets or sets the monitor options (map, lateness). The watermark never follows events inside a grain: the host advances it for the whole cluster.</summary>
    public JourneyMonitorOptions Monitor { get; set; } = new();

    /// <summary>Gets or sets how many recent events each grain keeps. Range: 0–10,000. <value>Default 50.</value></summary>
    public int RecentEvents { get; set; } = 50;

    internal void Validate()
    {
        if (Rules.Count == 0)
        {
            throw new ArgumentException("JourneyKitOrleansOptions.Rules is empty; the customer grains need at least one rule.", nameof(Rules));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(RecentEvents, nameof(RecentEvents));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecentEvents, 10_000, nameof(RecentEvents));
        ArgumentNullException.ThrowIfNull(Monitor, nameof(Monitor));
    }
}
