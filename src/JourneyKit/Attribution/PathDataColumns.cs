namespace JourneyKit.Attribution;

/// <summary>The column names of aggregated path data (defaults follow the ChannelAttribution package).</summary>
public sealed record PathDataColumns
{
    /// <summary>Gets the path column. Default <c>path</c>.</summary>
    public string Path { get; init; } = "path";

    /// <summary>Gets the conversions column. Default <c>total_conversions</c>.</summary>
    public string Conversions { get; init; } = "total_conversions";

    /// <summary>Gets the conversion value column. Default <c>total_conversion_value</c>.</summary>
    public string ConversionValue { get; init; } = "total_conversion_value";

    /// <summary>Gets the non-conversions column. Default <c>total_null</c>.</summary>
    public string Nulls { get; init; } = "total_null";
}
