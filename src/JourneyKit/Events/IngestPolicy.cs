namespace JourneyKit.Events;

/// <summary>What a reader does with a bad row.</summary>
public enum IngestPolicy
{
    /// <summary>Skip the row, count it and keep its details (up to <see cref="IngestOptions.MaxErrorDetails"/>).</summary>
    Collect = 0,

    /// <summary>Throw an <see cref="IngestException"/> at the first bad row.</summary>
    Strict,
}
