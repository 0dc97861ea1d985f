namespace JourneyKit.Attribution;

/// <summary>Rule-based (heuristic) multi-touch attribution.</summary>
public static class HeuristicAttribution
{
    /// <summary>Attributes each path's conversions and value to its touches by a rule.</summary>
    /// <param name="paths">The paths.</param>
    /// <param name="model">The rule.</param>
    /// <param name="options">Half-life and position shares; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The credits; they sum to the total conversions and value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is undefined, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Time decay on paths without touch ages.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static AttributionResult Compute(IEnumerable<PathRecord> paths, HeuristicModel model, HeuristicOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        cancellationToken.ThrowIfCancellationRequested();
        return Compute(PathDataSet.FromRecords(paths), model, options ?? new HeuristicOptions(), cancellationToken);
    }

    /// <summary>Attributes a packed data set (see <see cref="Compute(IEnumerable{PathRecord}, HeuristicModel, HeuristicOptions?, CancellationToken)"/>).</summary>
    /// <param name="data">The paths.</param>
    /// <param name="model">The rule.</param>
    /// <param name="options">Half-life and position shares (<c>new HeuristicOptions()</c> for the defaults).</param>
    /// <param name="cancellationToken">Cancels the computation (checked between paths).</param>
    /// <returns>The credits.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is undefined, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Time decay on paths without touch ages.</exception>
    public static AttributionResult Compute(PathDataSet data, HeuristicModel model, HeuristicOptions options, CancellationToken cancellationToken = default)
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
                "Time decay needs the age of every touch; aggregated paths carry no timestamps. Build paths with PathDataSet.FromEventLog or pass touch ages.");
        }

        int channels = data.ChannelNames.Count;
        var conversions = new double[channels];
        var values = new double[channels];
        var weights = new double[data.Steps.Length == 0 ? 0 : data.Offsets.Zip(data.Offsets.Skip(1), (a, b) => b - a).Max()];
        double halfLifeDays = options.HalfLife.TotalDays;
        for (int r = 0; r < data.Count; r++)
        {
            if ((r & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

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
