using JourneyKit.Internal;

namespace JourneyKit.Attribution;

/// <summary>The credit one channel earns.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Conversions">Attributed conversions.</param>
/// <param name="ConversionValue">Attributed conversion value.</param>
public sealed record ChannelCredit(string Channel, double Conversions, double ConversionValue)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Channel}: {Show.Number(Conversions)} conversions, value {Show.Number(ConversionValue)}";
}
