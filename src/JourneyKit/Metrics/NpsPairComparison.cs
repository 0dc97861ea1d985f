using System.Globalization;

namespace JourneyKit.Metrics;

/// <summary>One pair of a <see cref="NpsGroupComparison"/>.</summary>
/// <param name="First">The first group.</param>
/// <param name="Second">The second group.</param>
/// <param name="Test">The two-sample z-test of First − Second.</param>
/// <param name="AdjustedPValue">The Holm-adjusted p-value. Range: [0, 1].</param>
/// <param name="IsSignificant">Whether the adjusted p-value is at most α.</param>
public sealed record NpsPairComparison(string First, string Second, NpsComparison Test, double AdjustedPValue, bool IsSignificant)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{First} − {Second}: {Test.Difference:+0.0;−0.0;0.0} points, adjusted p = {AdjustedPValue:0.####}{(IsSignificant ? " (significant)" : "")}");
}
