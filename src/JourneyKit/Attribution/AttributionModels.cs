using System.Globalization;
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

/// <summary>Rule-based attribution models.</summary>
public enum HeuristicModel
{
    /// <summary>All credit to the first touch.</summary>
    FirstTouch = 0,

    /// <summary>All credit to the last touch.</summary>
    LastTouch,

    /// <summary>Equal credit to every touch (a repeated channel earns once per touch).</summary>
    Linear,

    /// <summary>Credit halving with every <see cref="HeuristicOptions.HalfLife"/> between touch and conversion; needs touch ages.</summary>
    TimeDecay,

    /// <summary>U-shaped: <see cref="HeuristicOptions.FirstShare"/> to the first touch, <see cref="HeuristicOptions.LastShare"/> to the last, the rest spread over the middle.</summary>
    PositionBased,

    /// <summary>W-shaped: 30 % each to the first, the middle (lead-creation) and the last touch, 10 % spread over the others.</summary>
    WShaped,
}

/// <summary>Settings of the heuristic models.</summary>
public sealed record HeuristicOptions
{
    /// <summary>Gets the half-life of time decay. Default 7 days. Range: positive.</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Gets the first touch's share in the position-based model. Default 0.4.</summary>
    public double FirstShare { get; init; } = 0.4;

    /// <summary>Gets the last touch's share in the position-based model. Default 0.4. FirstShare + LastShare ≤ 1.</summary>
    public double LastShare { get; init; } = 0.4;

    internal void Validate()
    {
        if (HalfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HalfLife), HalfLife, "HalfLife must be positive.");
        }

        if (!(FirstShare >= 0 && LastShare >= 0 && FirstShare + LastShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FirstShare), FirstShare, "FirstShare and LastShare must be non-negative and sum to at most 1.");
        }
    }
}

/// <summary>Rule-based (heuristic) multi-touch attribution.</summary>
public static class HeuristicAttribution
{
    /// <summary>Attributes each path's conversions and value to its touches by a rule.</summary>
    /// <param name="paths">The paths.</param>
    /// <param name="model">The rule.</param>
    /// <param name="options">Half-life and position shares; defaults when null.</param>
    /// <returns>The credits; they sum to the total conversions and value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is undefined, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Time decay on paths without touch ages.</exception>
    public static AttributionResult Compute(IEnumerable<PathRecord> paths, HeuristicModel model, HeuristicOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return ComputeFromData(PathDataSet.FromRecords(paths), model, options ?? new HeuristicOptions());
    }

    /// <summary>Attributes a packed data set (see <see cref="Compute(IEnumerable{PathRecord}, HeuristicModel, HeuristicOptions?)"/>).</summary>
    /// <param name="data">The paths.</param>
    /// <param name="model">The rule.</param>
    /// <param name="options">Half-life and position shares.</param>
    /// <returns>The credits.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is undefined, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Time decay on paths without touch ages.</exception>
    public static AttributionResult ComputeFromData(PathDataSet data, HeuristicModel model, HeuristicOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!Enum.IsDefined(model))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown heuristic model.");
        }

        if (model == HeuristicModel.TimeDecay && data.AgeDays is null)
        {
            throw new InvalidOperationException(
                "Time decay needs the age of every touch; aggregated paths carry no timestamps. Build paths with PathRecord.FromEventLog or pass touch ages.");
        }

        int channels = data.ChannelNames.Count;
        var conversions = new double[channels];
        var values = new double[channels];
        var weights = new double[data.Steps.Length == 0 ? 0 : data.Offsets.Zip(data.Offsets.Skip(1), (a, b) => b - a).Max()];
        double halfLifeDays = options.HalfLife.TotalDays;
        for (int r = 0; r < data.Count; r++)
        {
            int start = data.Offsets[r], n = data.Offsets[r + 1] - start;
            double conv = data.ConversionsColumn[r], value = data.ValuesColumn[r];
            if (conv == 0 && value == 0)
            {
                continue;
            }

            var w = weights.AsSpan(0, n);
            Weights(model, options, w, data.AgeDays is null ? default : data.AgeDays.AsSpan(start, n), halfLifeDays);
            for (int i = 0; i < n; i++)
            {
                int c = data.Steps[start + i];
                conversions[c] += conv * w[i];
                values[c] += value * w[i];
            }
        }

        return new AttributionResult(
            model.ToString(),
            Enumerable.Range(0, channels).Select(c => new ChannelCredit(data.ChannelNames[c], conversions[c], values[c])),
            data.TotalConversions,
            data.TotalValue);
    }

    // Touch weights of one path; they sum to 1.
    internal static void Weights(HeuristicModel model, HeuristicOptions options, Span<double> w, ReadOnlySpan<double> ageDays, double halfLifeDays)
    {
        int n = w.Length;
        w.Clear();
        if (n == 1)
        {
            w[0] = 1;
            return;
        }

        switch (model)
        {
            case HeuristicModel.FirstTouch:
                w[0] = 1;
                break;
            case HeuristicModel.LastTouch:
                w[^1] = 1;
                break;
            case HeuristicModel.Linear:
                w.Fill(1.0 / n);
                break;
            case HeuristicModel.TimeDecay:
                // Relative to the youngest touch (weights 2^−(age − minAge)/halfLife ≤ 1, the largest exactly 1), so touches
                // thousands of half-lives old do not all underflow to 0 and turn the shares into 0/0.
                double youngest = double.PositiveInfinity;
                for (int i = 0; i < n; i++)
                {
                    youngest = Math.Min(youngest, ageDays[i]);
                }

                double total = 0;
                for (int i = 0; i < n; i++)
                {
                    w[i] = Math.Pow(2, -(ageDays[i] - youngest) / halfLifeDays);
                    total += w[i];
                }

                for (int i = 0; i < n; i++)
                {
                    w[i] /= total;
                }

                break;
            case HeuristicModel.PositionBased:
                if (n == 2)
                {
                    double ends = options.FirstShare + options.LastShare;
                    w[0] = ends == 0 ? 0.5 : options.FirstShare / ends;
                    w[1] = 1 - w[0];
                }
                else
                {
                    w[0] = options.FirstShare;
                    w[^1] = options.LastShare;
                    for (int i = 1; i < n - 1; i++)
                    {
                        w[i] = (1 - options.FirstShare - options.LastShare) / (n - 2);
                    }
                }

                break;
            default: // W-shaped
                if (n <= 3)
                {
                    w.Fill(1.0 / n);
                }
                else
                {
                    int middle = n / 2;
                    for (int i = 0; i < n; i++)
                    {
                        w[i] = i == 0 || i == middle || i == n - 1 ? 0.3 : 0.1 / (n - 3);
                    }
                }

                break;
        }
    }
}

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
    /// <returns>The credits; they sum to the total conversions and value; a channel in no converting path gets 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    public static AttributionResult Compute(IEnumerable<PathRecord> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var data = PathDataSet.FromRecords(paths);
        int channels = data.ChannelNames.Count;
        var coalitions = new Dictionary<int[], (double Conversions, double Value)>(IntSequenceComparer.Instance);
        for (int r = 0; r < data.Count; r++)
        {
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

/// <summary>Seeded bootstrap intervals for the channel shares of any attribution model.</summary>
public static class AttributionBootstrap
{
    /// <summary>
    /// Resamples the path rows with replacement, re-runs the model, and reports percentile intervals of each channel's
    /// share of conversions. The same seed gives the same intervals.
    /// </summary>
    /// <param name="paths">The paths.</param>
    /// <param name="model">The model, for example <c>p =&gt; HeuristicAttribution.Compute(p, HeuristicModel.Linear)</c>.</param>
    /// <param name="replicates">Bootstrap replicates. Range: ≥ 10.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="level">The interval level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>Per channel: the share on the full data and the interval.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric argument is out of range.</exception>
    public static IReadOnlyDictionary<string, (double Share, double Lower, double Upper)> ShareIntervals(
        IEnumerable<PathRecord> paths, Func<IEnumerable<PathRecord>, AttributionResult> model, int replicates = 200, int seed = 42, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 10);
        Stats.Level(level, nameof(level));

        var rows = paths.ToList();
        var full = model(rows);
        var samples = full.Channels.ToDictionary(c => c.Channel, _ => new double[replicates], StringComparer.Ordinal);
        var random = new Random(seed);
        var resample = new PathRecord[rows.Count];
        for (int r = 0; r < replicates; r++)
        {
            for (int i = 0; i < resample.Length; i++)
            {
                resample[i] = rows[random.Next(rows.Count)];
            }

            var result = model(resample);
            foreach (var (channel, values) in samples)
            {
                double share = result.Share(channel);
                values[r] = double.IsNaN(share) ? 0 : share;
            }
        }

        var intervals = new Dictionary<string, (double, double, double)>(StringComparer.Ordinal);
        foreach (var (channel, values) in samples)
        {
            Array.Sort(values);
            intervals[channel] = (full.Share(channel), Stats.Percentile(values, (1 - level) / 2), Stats.Percentile(values, 1 - ((1 - level) / 2)));
        }

        return intervals.AsReadOnly();
    }

}
