using System.Globalization;

namespace JourneyKit.Attribution;

/// <summary>The result of an attribution model: credits per channel, most credited first.</summary>
public class AttributionResult
{
    internal AttributionResult(string model, IEnumerable<ChannelCredit> credits, double totalConversions, double totalValue)
    {
        Model = model;
        Channels = credits
            .OrderByDescending(c => c.Conversions)
            .ThenByDescending(c => c.ConversionValue)
            .ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList()
            .AsReadOnly();
        TotalConversions = totalConversions;
        TotalValue = totalValue;
    }

    /// <summary>Gets the model's name.</summary>
    public string Model { get; }

    /// <summary>Gets the credit of every channel, most attributed conversions first (ties by name).</summary>
    public IReadOnlyList<ChannelCredit> Channels { get; }

    /// <summary>Gets the total conversions of the data (the credits sum to it).</summary>
    public double TotalConversions { get; }

    /// <summary>Gets the total conversion value of the data (the credited values sum to it).</summary>
    public double TotalValue { get; }

    /// <summary>Gets the share of conversions credited to a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The share in [0, 1]; 0 for a channel without credit; NaN when there are no conversions.</returns>
    public double Share(string channel) =>
        TotalConversions == 0 ? double.NaN : (Channels.FirstOrDefault(c => c.Channel == channel)?.Conversions ?? 0) / TotalConversions;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Model}: " + string.Join(", ", Channels.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {c.Conversions:F1}")));
}
