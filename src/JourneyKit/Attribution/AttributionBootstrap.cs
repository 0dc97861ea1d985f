using JourneyKit.Internal;

namespace JourneyKit.Attribution;

/// <summary>Seeded bootstrap intervals for the channel shares of any attribution model.</summary>
public static class AttributionBootstrap
{
    /// <summary>
    /// Resamples the path rows with replacement, re-runs the model on each resample, and reports percentile intervals
    /// of each channel's share of conversions. The same seed gives the same intervals.
    /// </summary>
    /// <param name="data">The paths.</param>
    /// <param name="model">The model, for example <c>new HeuristicAttributionModel(HeuristicModel.Linear)</c>.</param>
    /// <param name="replicates">Bootstrap replicates. Range: ≥ 10.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="level">The interval level. Range: 0 &lt; level &lt; 1.</param>
    /// <param name="cancellationToken">Cancels the resampling (checked before every replicate).</param>
    /// <returns>Per channel: the share on the full data and its percentile interval.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric argument is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyDictionary<string, (double Share, Interval Interval)> ShareIntervals(
        PathDataSet data, IAttributionModel model, int replicates = 200, int seed = 42, double level = 0.95, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 10);
        Stats.ConfidenceLevel(level, nameof(level));

        AttributionResult full = model.Attribute(data, cancellationToken);
        var samples = full.Channels.ToDictionary(c => c.Channel, _ => new double[replicates], StringComparer.Ordinal);
        var random = new Random(seed);
        var rows = new int[data.Count];
        for (int r = 0; r < replicates; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = random.Next(rows.Length);
            }

            AttributionResult result = model.Attribute(data.Rows(rows), cancellationToken);
            foreach (var (channel, values) in samples)
            {
                double share = result.Share(channel);
                values[r] = double.IsNaN(share) ? 0 : share;
            }
        }

        var intervals = new Dictionary<string, (double, Interval)>(StringComparer.Ordinal);
        foreach (var (channel, values) in samples)
        {
            Array.Sort(values);
            intervals[channel] = (full.Share(channel), new Interval(Stats.Percentile(values, (1 - level) / 2), Stats.Percentile(values, 1 - ((1 - level) / 2)), level));
        }

        return intervals.AsReadOnly();
    }
}
