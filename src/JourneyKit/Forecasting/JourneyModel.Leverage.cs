namespace JourneyKit.Forecasting;

public sealed partial class JourneyModel
{
    /// <summary>
    /// Where to invest: for each observed transition s → t (to a step or to conversion), the rise in the probability
    /// that a journey converts if P(s → t) rose by <paramref name="delta"/> (absolute, capped at 1, the rest of s's row
    /// scaled proportionally), with its interval; largest gain first. Exact, not a first-order slope: the change of one
    /// row is a rank-one update of the fundamental matrix N = (I − Q)⁻¹ (Sherman–Morrison), so every lever of a draw
    /// costs O(1) once N is known — one inverse per draw, not one solve per transition.
    /// </summary>
    /// <param name="delta">The rise in probability. Range: (0, 1].</param>
    /// <param name="options">Draws, seed and interval level (<see cref="ForecastOptions.Journeys"/> is not used).</param>
    /// <param name="cancellationToken">Cancels the work (checked between draws).</param>
    /// <returns>One lever per observed transition into a step or conversion (transitions into loss are not levers), largest fitted gain first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is outside (0, 1].</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<TransitionLeverage> Leverage(double delta, ForecastOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (options1, fitted, draws) = Levers(delta, options, transitions: true, cancellationToken);
        var levers = new List<TransitionLeverage>();
        int lever = 0;
        for (int s = 0; s < _steps.Length; s++)
        {
            long total = RowTotal(s);
            for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
            {
                if (_target[k] <= _steps.Length)
                {
                    levers.Add(new TransitionLeverage(_steps[s], NameOf(_target[k]), (double)_count[k] / total, Value(fitted[lever], draws[lever], options1.Level)));
                    lever++;
                }
            }
        }

        return [.. levers.OrderByDescending(l => l.ConversionGain.Value).ThenBy(l => l.From, StringComparer.Ordinal).ThenBy(l => l.To, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Where journeys are lost: for each step that loses journeys (and has other exits), the rise in the probability that a
    /// journey converts if its loss share (lost, and churned when churn is absorbing) fell by <paramref name="delta"/>
    /// (absolute, not below 0), the rest of its row scaled proportionally; with its interval, largest gain first.
    /// </summary>
    /// <param name="delta">The fall in the loss share. Range: (0, 1].</param>
    /// <param name="options">Draws, seed and interval level.</param>
    /// <param name="cancellationToken">Cancels the work (checked between draws).</param>
    /// <returns>One entry per step with a loss share strictly between 0 and 1 (a step every journey ends at has no other exit to scale up), largest fitted gain first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is outside (0, 1].</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<StepLeverage> LossLeverage(double delta, ForecastOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (options1, fitted, draws) = Levers(delta, options, transitions: false, cancellationToken);
        var levers = new List<StepLeverage>();
        int lever = 0;
        for (int s = 0; s < _steps.Length; s++)
        {
            if (HasLossLever(s))
            {
                levers.Add(new StepLeverage(_steps[s], LossShare(s), Value(fitted[lever], draws[lever], options1.Level)));
                lever++;
            }
        }

        return [.. levers.OrderByDescending(l => l.ConversionGain.Value).ThenBy(l => l.Step, StringComparer.Ordinal)];
    }

    // A step is a loss lever when it loses some journeys and has other exits to scale up.
    private bool HasLossLever(int s) => LossShare(s) is > 0 and < 1;

    private long RowTotal(int s)
    {
        long total = 0;
        for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
        {
            total += _count[k];
        }

        return total;
    }

    private double LossShare(int s)
    {
        long loss = 0;
        for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
        {
            loss += _target[k] > _steps.Length ? _count[k] : 0;
        }

        return (double)loss / RowTotal(s);
    }

    /// <summary>The gains of every lever under the fitted chain and under each draw: gains[lever] and draws[lever][draw].</summary>
    private (ForecastOptions Options, double[] Fitted, double[][] Draws) Levers(double delta, ForecastOptions? options, bool transitions, CancellationToken cancellationToken)
    {
        if (!(delta > 0 && delta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The change in probability must lie in (0, 1].");
        }

        options ??= new ForecastOptions();
        options.Validate();
        int t = _steps.Length;
        int count = 0;
        for (int s = 0; s < t; s++)
        {
            if (transitions)
            {
                for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
                {
                    count += _target[k] <= t ? 1 : 0;
                }
            }
            else
            {
                count += HasLossLever(s) ? 1 : 0;
            }
        }

        var fitted = new double[count];
        var draws = new double[count][];
        for (int i = 0; i < count; i++)
        {
            draws[i] = new double[options.Draws];
        }

        bool[] lossLever = [.. Enumerable.Range(0, t).Select(HasLossLever)];   // decided once, from the fitted counts
        var chain = new DenseChain(t, Absorbing);
        var n = new double[t * t];
        var y = new double[t];
        var gains = new double[count];
        foreach (int d in Realisations(chain, options.Draws, options.Seed, cancellationToken))
        {
            Gains(chain, n, y, delta, transitions, lossLever, gains);
            for (int i = 0; i < count; i++)
            {
                if (d < 0)
                {
                    fitted[i] = gains[i];
                }
                else
                {
                    draws[i][d] = gains[i];
                }
            }
        }

        return (options, fitted, draws);
    }

    /// <summary>
    /// The exact gain of each lever for one chain. With h the absorption probabilities into conversion (ĥ: h on steps, 1 on
    /// conversion, 0 on loss), y = π₀N and a change Δ of row s (d its part on the steps), Sherman–Morrison gives
    /// gain = y_s (Δ·ĥ) / (1 − d·N e_s).
    /// </summary>
    private void Gains(DenseChain chain, double[] n, double[] y, double delta, bool transitions, bool[] lossLever, double[] gains)
    {
        int t = chain.T, w = chain.W;
        if (!chain.Conversion(out _))
        {
            throw new InvalidOperationException("The model's chain traps journeys; it cannot be solved.");
        }

        ReadOnlySpan<double> h = chain.Absorption;
        chain.Fundamental(n);
        chain.Start.CopyTo(y, 0);
        chain.SolveTransposed(y);
        int lever = 0;
        for (int s = 0; s < t; s++)
        {
            var row = chain.P.AsSpan(s * w, w);
            double nss = n[(s * t) + s];
            if (transitions)
            {
                for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
                {
                    int to = _target[k];
                    if (to > t)
                    {
                        continue;
                    }

                    double p = row[to];
                    double raised = Math.Min(1, p + delta);
                    if (p >= 1)
                    {
                        gains[lever++] = 0;
                        continue;
                    }

                    double scale = (1 - raised) / (1 - p) - 1;
                    double hTo = to < t ? h[to] : 1;
                    double nTo = to < t ? n[(to * t) + s] : 0;
                    double change = ((raised - p) * hTo) + (scale * (h[s] - (p * hTo)));
                    double dn = ((raised - p) * nTo) + (scale * (nss - 1 - (p * nTo)));
                    gains[lever++] = y[s] * change / (1 - dn);
                }
            }
            else
            {
                double loss = 0;
                for (int a = t + 1; a < w; a++)
                {
                    loss += row[a];
                }

                if (!lossLever[s])
                {
                    continue;
                }

                double scale = (1 - Math.Max(0, loss - delta)) / (1 - loss) - 1;
                gains[lever++] = y[s] * scale * h[s] / (1 - (scale * (nss - 1)));
            }
        }
    }
}
