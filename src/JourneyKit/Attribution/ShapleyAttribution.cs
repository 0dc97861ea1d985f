using JourneyKit.Internal;

namespace JourneyKit.Attribution;

/// <summary>
/// Shapley-value attribution over the channel sets of paths, using the simplified formula of Zhao et al. (2018): with
/// R(S) the conversions (or value) of paths whose set of distinct channels is exactly S, channel j earns
/// Σ over S ∋ j of R(S) / |S|. This is the exact Shapley value of the game v(T) = Σ over S ⊆ T of R(S) ("conversions of
/// the paths that use only channels in T"), computed from the observed coalitions only.
/// </summary>
public static class ShapleyAttribution
{
    /// <summary>Computes Shapley credits.</summary>
    /// <param name="paths">The paths.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The credits; they sum to the total conversions and value; a channel in no converting path gets 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static AttributionResult Compute(IEnumerable<PathRecord> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        cancellationToken.ThrowIfCancellationRequested();
        return Compute(PathDataSet.FromRecords(paths), cancellationToken);
    }

    /// <summary>Computes Shapley credits on a packed data set (see <see cref="Compute(IEnumerable{PathRecord}, CancellationToken)"/>).</summary>
    /// <param name="data">The paths.</param>
    /// <param name="cancellationToken">Cancels the computation (checked between paths).</param>
    /// <returns>The credits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static AttributionResult Compute(PathDataSet data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        int channels = data.ChannelNames.Count;
        var coalitions = new Dictionary<int[], (double Conversions, double Value)>(IntSequenceComparer.Instance);
        for (int r = 0; r < data.Count; r++)
        {
            if ((r & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var set = data.Steps[data.Offsets[r]..data.Offsets[r + 1]].Distinct().Order().ToArray();
            var (c, v) = coalitions.GetValueOrDefault(set);
            coalitions[set] = (c + data.ConversionsColumn[r], v + data.ValuesColumn[r]);
        }

        var conversions = new double[channels];
        var values = new double[channels];
        foreach (var (set, (c, v)) in coalitions)
        {
            foreach (int j in set)
            {
                conversions[j] += c / set.Length;
                values[j] += v / set.Length;
            }
        }

        return new AttributionResult(
            "Shapley",
            Enumerable.Range(0, channels).Select(j => new ChannelCredit(data.ChannelNames[j], conversions[j], values[j])),
            data.TotalConversions,
            data.TotalValue);
    }
}
