using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace JourneyKit.Metrics;

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way": purchases follow a Poisson
/// process with gamma(r, α) heterogeneous rates while a customer is alive; after each purchase the customer dies with a
/// beta(a, b) heterogeneous probability. Fitted by maximum likelihood (Nelder–Mead on log parameters, MathNet.Numerics)
/// with a log-likelihood computed in log space.
/// </summary>
public sealed class BgNbdModel
{
    private BgNbdModel(double r, double alpha, double a, double b, double logLikelihood, long customers, FitDiagnostics? diagnostics = null)
    {
        Diagnostics = diagnostics;
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
        LogLikelihood = logLikelihood;
        Customers = customers;
    }

    /// <summary>Gets r, the shape of the gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Gets α, the scale of the gamma distribution of purchase rates.</summary>
    public double Alpha { get; }

    /// <summary>Gets a, the first shape of the beta distribution of drop-out probabilities.</summary>
    public double A { get; }

    /// <summary>Gets b, the second shape of the beta distribution of drop-out probabilities.</summary>
    public double B { get; }

    /// <summary>Gets the log-likelihood of the fitted data at these parameters (NaN for a model built from parameters).</summary>
    public double LogLikelihood { get; }

    /// <summary>Gets the number of customers fitted.</summary>
    public long Customers { get; }

    /// <summary>Gets how the fit ended (iterations, gradient at the optimum), or <see langword="null"/> for a model built from parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="r">r. Range: positive.</param>
    /// <param name="alpha">α. Range: positive.</param>
    /// <param name="a">a. Range: positive.</param>
    /// <param name="b">b. Range: positive.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public static BgNbdModel FromParameters(double r, double alpha, double a, double b)
    {
        foreach (var (name, value) in new[] { (nameof(r), r), (nameof(alpha), alpha), (nameof(a), a), (nameof(b), b) })
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
            }
        }

        return new BgNbdModel(r, alpha, a, b, double.NaN, 0);
    }

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="customers">The customers' summaries.</param>
    /// <param name="cancellationToken">Cancels the fit (checked at every likelihood evaluation).</param>
    /// <returns>The fitted model, with <see cref="Diagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// There are no customers; no customer made a repeat purchase; no customer was observed for any time; or the
    /// likelihood has no maximum inside the parameter space (the data cannot identify the model: the message names the
    /// parameter that ran off and the usual causes).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A summary is invalid; the message gives its position.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static BgNbdModel Fit(IEnumerable<RfmSummary> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var data = Group(customers);
        if (data.Rows == 0)
        {
            throw new ArgumentException("At least one customer is needed to fit the model.", nameof(customers));
        }

        if (data.Summaries.All(c => c.Frequency == 0))
        {
            throw new ArgumentException(
                "No customer made a repeat purchase (every frequency is 0): purchase rates and drop-out cannot be told apart, so BG/NBD is not identifiable on these data.",
                nameof(customers));
        }

        if (data.Summaries.All(c => c.T == 0))
        {
            throw new ArgumentException("Every customer was observed for no time at all (T = 0); BG/NBD needs observation time.", nameof(customers));
        }

        // Large data: fit a deterministic subsample first, then polish on everything from there.
        var start = Vector<double>.Build.Dense([0, 0, 0, 0]);
        int iterations = 0;
        Vector<double> best;
        try
        {
            if (data.Rows > 50_000)
            {
                start = Minimise(data.Subsample(20_000), start, 1.0, ref iterations, cancellationToken);
            }

            best = Minimise(data, start, data.Rows > 50_000 ? 0.1 : 1.0, ref iterations, cancellationToken);
            best = Minimise(data, best, 0.05, ref iterations, cancellationToken); // a restart guards against a stalled simplex
        }
        catch (MaximumIterationsException ex)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The BG/NBD fit on {data.Customers:N0} customers did not converge within 20,000 simplex iterations: the likelihood is too flat to locate a maximum (too few customers, or no variation in the data)."),
                nameof(customers),
                ex);
        }

        var diagnostics = FitDiagnostics.At(data.NegativeLogLikelihood, best, iterations);
        if (FitDiagnostics.BoundaryProblem(best, ["r", "alpha", "a", "b"], "BG/NBD",
                "fewer customers than parameters, no drop-out visible (everyone still buying at the end), or a time unit far from the purchase rhythm") is { } problem)
        {
            throw new ArgumentException(problem, nameof(customers));
        }

        return new BgNbdModel(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), Math.Exp(best[3]), -data.NegativeLogLikelihood(best), data.Customers, diagnostics);
    }

    /// <summary>Computes the log-likelihood of data at this model's parameters.</summary>
    /// <param name="customers">The customers' summaries.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A summary is invalid.</exception>
    public double LogLikelihoodOf(IEnumerable<RfmSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return -Group(customers).NegativeLogLikelihood(Vector<double>.Build.Dense([Math.Log(R), Math.Log(Alpha), Math.Log(A), Math.Log(B)]));
    }

    /// <summary>Gets the probability that a customer with this history is still alive at T.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>P(alive) in [0, 1]; 1 for a customer without repeat purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The summary is invalid.</exception>
    public double ProbabilityAlive(RfmSummary customer)
    {
        customer.Validate(0);
        if (customer.Frequency == 0)
        {
            return 1;
        }

        double x = customer.Frequency;
        double logRatio = Math.Log(A / (B + x - 1)) + ((R + x) * Math.Log((Alpha + customer.T) / (Alpha + customer.Recency)));
        return 1 / (1 + Math.Exp(logRatio));
    }

    /// <summary>Gets the expected number of purchases in (0, t] of a new customer: (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].</summary>
    /// <remarks>
    /// Evaluated through the equivalent integral over the drop-out probability p ~ beta(a, b),
    /// E[X(t)] = E_p[(1 − (1 + p t/α)^−r) / p], by double-exponential quadrature: stable for every t (the power series of
    /// ₂F₁ converges ever more slowly as t/α grows and silently truncates past t/α ≈ 10⁴) and valid at a = 1 too.
    /// </remarks>
    /// <param name="t">The time span. Range: ≥ 0, finite.</param>
    /// <returns>The expected purchases; finite and non-decreasing in t.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, infinite or NaN.</exception>
    public double ExpectedPurchases(double t)
    {
        if (!(t >= 0) || !double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The time span must be finite and non-negative.");
        }

        return NewCustomerExpectation(R, Alpha, A, B, t);
    }

    /// <summary>Gets the expected number of purchases in the next t of a customer with this history (FHL 2005, eq. 10).</summary>
    /// <remarks>
    /// The bracket of eq. 10 is the expectation of a new customer under the posterior parameters (r + x, α + T, a, b + x),
    /// evaluated as in <see cref="ExpectedPurchases"/>; it is divided by 1 + δ(x &gt; 0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x).
    /// </remarks>
    /// <param name="t">The time span ahead. Range: ≥ 0, finite.</param>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>The expected purchases; finite and non-decreasing in t.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> or the summary is invalid.</exception>
    public double ConditionalExpectedPurchases(double t, RfmSummary customer)
    {
        if (!(t >= 0) || !double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The time span must be finite and non-negative.");
        }

        customer.Validate(0);
        double x = customer.Frequency, T = customer.T;
        double bracket = NewCustomerExpectation(R + x, Alpha + T, A, B + x, t);
        double denominator = x > 0
            ? 1 + Math.Exp(Math.Log(A / (B + x - 1)) + ((R + x) * Math.Log((Alpha + T) / (Alpha + customer.Recency))))
            : 1;
        return bracket / denominator;
    }

    // E[X(t)] for gamma(r, α) rates and beta(a, b) drop-out: (1/B(a,b)) ∫₀¹ p^(a−2) (1−p)^(b−1) (1 − (1 + p t/α)^−r) dp,
    // integrated on a log scale (p = e^−v, dp = p dv), where the integrand is smooth across the many decades of p that
    // matter when t/α is large: (1/B) ∫₀^∞ e^(−(a−1)v) (1 − e^−v)^(b−1) (1 − (1 + e^−v t/α)^−r) dv. 1 − e^−v and
    // 1 − (1 + u)^−r are computed without cancellation. The range is split at the knee v = ln(t/α) (where p t/α = 1); past
    // it the integrand decays like e^(−a v), so 60/a more units leave less than e^−60 of it. The integrand grows with t
    // pointwise, so the integral does too.
    internal static double NewCustomerExpectation(double r, double alpha, double a, double b, double t)
    {
        if (t == 0)
        {
            return 0;
        }

        double lnBeta = SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);
        double scale = t / alpha;
        double Integrand(double v)
        {
            if (v <= 0)
            {
                return 0;
            }

            double p = Math.Exp(-v);
            double survivor = -ExpMinusOne(-v); // 1 − p
            double bought = -ExpMinusOne(-r * LogOnePlus(p * scale));
            return Math.Exp((-(a - 1) * v) + ((b - 1) * Math.Log(survivor)) - lnBeta) * bought;
        }

        double knee = Math.Max(0, Math.Log(scale));
        double end = knee + (60 / a);
        double rough = (knee > 0 ? Integrate.GaussLegendre(Integrand, 0, knee, 32) : 0) + Integrate.GaussLegendre(Integrand, knee, end, 32);
        double target = Math.Max(Math.Abs(rough) * 1e-10, double.Epsilon);
        return (knee > 0 ? Integrate.DoubleExponential(Integrand, 0, knee, target) : 0) + Integrate.DoubleExponential(Integrand, knee, end, target);
    }

    // ln(1 + x) and eˣ − 1 accurate for tiny x (Kahan's tricks; .NET's LogP1/ExpM1 are the naive forms).
    private static double LogOnePlus(double x)
    {
        double y = 1 + x;
        return y == 1 ? x : Math.Log(y) * x / (y - 1);
    }

    private static double ExpMinusOne(double x)
    {
        double y = Math.Exp(x);
        if (y == 1)
        {
            return x;
        }

        double ym = y - 1;
        return ym == -1 ? -1 : ym * x / Math.Log(y);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"BG/NBD r={R:F3} α={Alpha:F3} a={A:F3} b={B:F3} LL={LogLikelihood:F1}");

    // ₂F₁(a, b; c; z) by its power series, for 0 ≤ z well below 1 (kept for tests that compare with the integral).
    internal static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (int k = 0; k < 100_000; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-15 * Math.Abs(sum))
            {
                break;
            }
        }

        return sum;
    }

    private static Vector<double> Minimise(FitData data, Vector<double> start, double step, ref int iterations, CancellationToken cancellationToken)
    {
        var objective = ObjectiveFunction.Value(v =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return data.NegativeLogLikelihood(v);
        });
        var result = new NelderMeadSimplex(1e-12, 20_000).FindMinimum(objective, start, Vector<double>.Build.Dense(4, step));
        iterations += result.Iterations;
        return result.MinimizingPoint;
    }

    private static FitData Group(IEnumerable<RfmSummary> customers)
    {
        var counts = new Dictionary<RfmSummary, long>();
        long index = 0;
        foreach (var c in customers)
        {
            c.Validate(index++);
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        return new FitData(counts.Keys.ToArray(), counts.Values.Select(v => (double)v).ToArray(), index);
    }

    /// <summary>Unique (x, t_x, T) rows with weights; terms that depend on x only are computed once per distinct x.</summary>
    /// <remarks>
    /// The per-x terms are computed for the distinct frequencies present, never for every integer up to the largest: the
    /// cost of one likelihood evaluation depends on the number of distinct rows, not on how large a frequency is.
    /// </remarks>
    private sealed class FitData
    {
        private readonly RfmSummary[] rows;
        private readonly double[] weights;
        private readonly long customers;
        private readonly double[] _distinctX;
        private readonly int[] _xIndex;

        public FitData(RfmSummary[] rows, double[] weights, long customers)
        {
            this.rows = rows;
            this.weights = weights;
            this.customers = customers;
            _distinctX = [.. rows.Select(r => r.Frequency).Distinct().Order()];
            _xIndex = [.. rows.Select(r => Array.BinarySearch(_distinctX, r.Frequency))];
        }

        public IEnumerable<RfmSummary> Summaries => rows;

        public int Rows => rows.Length;

        public long Customers => customers;

        public FitData Subsample(int size)
        {
            int step = Math.Max(1, rows.Length / size);
            var picked = Enumerable.Range(0, rows.Length).Where(i => i % step == 0).ToArray();
            return new FitData([.. picked.Select(i => rows[i])], [.. picked.Select(i => weights[i])], customers);
        }

        public double NegativeLogLikelihood(Vector<double> logParameters)
        {
            double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]), a = Math.Exp(logParameters[2]), b = Math.Exp(logParameters[3]);
            if (!double.IsFinite(r + alpha + a + b))
            {
                return double.MaxValue;
            }

            // Per distinct x: ln Γ(r+x) − ln Γ(r) + r ln α, ln B(a, b+x) − ln B(a, b), ln a − ln(b+x−1).
            int distinct = _distinctX.Length;
            var termX = new double[distinct];
            var betaX = new double[distinct];
            var oddsX = new double[distinct];
            double lnGammaR = SpecialFunctions.GammaLn(r), lnBetaAB = SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);
            for (int k = 0; k < distinct; k++)
            {
                double x = _distinctX[k];
                termX[k] = SpecialFunctions.GammaLn(r + x) - lnGammaR + (r * Math.Log(alpha));
                betaX[k] = SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(a + b + x) - lnBetaAB;
                oddsX[k] = x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : double.NegativeInfinity;
            }

            double ll = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                int k = _xIndex[i];
                double x = rows[i].Frequency;
                double a3 = -(r + x) * Math.Log(alpha + rows[i].T);
                double value = termX[k] + betaX[k];
                if (x > 0)
                {
                    double a4 = oddsX[k] - ((r + x) * Math.Log(alpha + rows[i].Recency));
                    double max = Math.Max(a3, a4);
                    value += max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
                }
                else
                {
                    value += a3;
                }

                ll += weights[i] * value;
            }

            return double.IsFinite(ll) ? -ll : double.MaxValue;
        }
    }
}
