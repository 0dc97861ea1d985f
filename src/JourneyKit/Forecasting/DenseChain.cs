namespace JourneyKit.Forecasting;

/// <summary>
/// One realisation of a journey model as dense arrays — the row-major transition matrix over the T steps and the
/// absorbing states after them, the start distribution, mean dwell per step and the value of a conversion — with the
/// LU factorisation of I − Q that every answer solves with. One instance per thread of work, reused across draws: the
/// draws allocate nothing.
/// </summary>
internal sealed class DenseChain
{
    private const double PivotTolerance = 1e-12;
    private readonly double[] _lu;
    private readonly int[] _pivot;
    private readonly double[] _h;
    private readonly double[] _work;

    public DenseChain(int steps, int absorbing)
    {
        T = steps;
        W = steps + absorbing;
        P = new double[steps * W];
        Start = new double[steps];
        Dwell = new double[steps];
        _lu = new double[steps * steps];
        _pivot = new int[steps];
        _h = new double[steps];
        _work = new double[steps];
    }

    /// <summary>Gets the number of steps (transient states).</summary>
    public int T { get; }

    /// <summary>Gets the row width: steps, then converted, lost (and churned).</summary>
    public int W { get; }

    /// <summary>Gets the transition probabilities, row-major T × W.</summary>
    public double[] P { get; }

    /// <summary>Gets the start distribution over the steps.</summary>
    public double[] Start { get; }

    /// <summary>Gets the mean dwell per step, in days.</summary>
    public double[] Dwell { get; }

    /// <summary>Gets or sets the share of journeys that convert at once, without a step (after a scenario removed the step they started and converted at).</summary>
    public double StartConverted { get; set; }

    /// <summary>Gets or sets the value of a conversion (NaN when unknown).</summary>
    public double Value { get; set; }

    /// <summary>Gets the absorption probabilities into conversion per step, after <see cref="Conversion"/>.</summary>
    public ReadOnlySpan<double> Absorption => _h;

    public void CopyFrom(DenseChain other)
    {
        other.P.CopyTo(P, 0);
        other.Start.CopyTo(Start, 0);
        other.Dwell.CopyTo(Dwell, 0);
        Value = other.Value;
        StartConverted = other.StartConverted;
    }

    /// <summary>Factors I − Q (partial pivoting); false when it is singular: some steps loop forever without absorption.</summary>
    public bool Factor()
    {
        int n = T;
        var a = _lu;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[(i * n) + j] = (i == j ? 1.0 : 0.0) - P[(i * W) + j];
            }
        }

        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Math.Abs(a[(k * n) + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[(i * n) + k]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }

            if (best < PivotTolerance)
            {
                return false;
            }

            _pivot[k] = p;
            if (p != k)
            {
                for (int j = 0; j < n; j++)
                {
                    (a[(p * n) + j], a[(k * n) + j]) = (a[(k * n) + j], a[(p * n) + j]);
                }
            }

            double pivot = a[(k * n) + k];
            var rowK = a.AsSpan((k * n) + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                double f = a[(i * n) + k] /= pivot;
                if (f != 0)
                {
                    var rowI = a.AsSpan((i * n) + k + 1, n - k - 1);
                    for (int j = 0; j < rowI.Length; j++)
                    {
                        rowI[j] -= f * rowK[j];
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Solves (I − Q) x = b in place, after <see cref="Factor"/>.</summary>
    public void Solve(Span<double> x)
    {
        int n = T;
        var a = _lu;
        for (int k = 0; k < n; k++)
        {
            int p = _pivot[k];
            if (p != k)
            {
                (x[k], x[p]) = (x[p], x[k]);
            }
        }

        for (int i = 1; i < n; i++)
        {
            double s = x[i];
            var row = a.AsSpan(i * n, i);
            for (int j = 0; j < row.Length; j++)
            {
                s -= row[j] * x[j];
            }

            x[i] = s;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int j = i + 1; j < n; j++)
            {
                s -= a[(i * n) + j] * x[j];
            }

            x[i] = s / a[(i * n) + i];
        }
    }

    /// <summary>Solves (I − Q)ᵀ x = b in place, after <see cref="Factor"/>: x = bᵀN, e.g. expected visits from a start distribution.</summary>
    public void SolveTransposed(Span<double> x)
    {
        int n = T;
        var a = _lu;
        for (int i = 0; i < n; i++)
        {
            double s = x[i];
            for (int j = 0; j < i; j++)
            {
                s -= a[(j * n) + i] * x[j];
            }

            x[i] = s / a[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int j = i + 1; j < n; j++)
            {
                s -= a[(j * n) + i] * x[j];
            }

            x[i] = s;
        }

        for (int k = n - 1; k >= 0; k--)
        {
            int p = _pivot[k];
            if (p != k)
            {
                (x[k], x[p]) = (x[p], x[k]);
            }
        }
    }

    /// <summary>Factors and returns the probability that a journey converts; false when the chain traps journeys.</summary>
    public bool Conversion(out double conversion)
    {
        conversion = StartConverted;
        if (!Factor())
        {
            return false;
        }

        for (int s = 0; s < T; s++)
        {
            _h[s] = P[(s * W) + T];
        }

        Solve(_h);
        for (int s = 0; s < T; s++)
        {
            conversion += Start[s] * _h[s];
        }

        conversion = Math.Clamp(conversion, 0, 1);
        return true;
    }

    /// <summary>
    /// Mean days from the first event to conversion among journeys that convert, after <see cref="Conversion"/>: with h the
    /// absorption probabilities, w = N b where b(s) = dwell(s) Σ_t∈steps P(s, t) h(t), the answer is π₀·w / π₀·h.
    /// </summary>
    public double DaysToConvert(double conversion)
    {
        if (!(conversion > 0))
        {
            return double.NaN;
        }

        for (int s = 0; s < T; s++)
        {
            double flow = 0;
            var row = P.AsSpan(s * W, T);
            for (int t = 0; t < T; t++)
            {
                flow += row[t] * _h[t];
            }

            _work[s] = Dwell[s] * flow;
        }

        Solve(_work);
        double total = 0;
        for (int s = 0; s < T; s++)
        {
            total += Start[s] * _work[s];
        }

        return Math.Max(0, total / conversion);
    }

    /// <summary>The fundamental matrix N = (I − Q)⁻¹, row-major, after <see cref="Factor"/>: T solves.</summary>
    public void Fundamental(double[] n)
    {
        int t = T;
        var column = _work;
        for (int j = 0; j < t; j++)
        {
            Array.Clear(column);
            column[j] = 1;
            Solve(column);
            for (int i = 0; i < t; i++)
            {
                n[(i * t) + j] = column[i];
            }
        }
    }
}
