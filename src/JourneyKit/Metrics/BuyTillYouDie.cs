using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace JourneyKit.Metrics;

/// <summary>
/// A customer's purchase history summarised for buy-till-you-die models: repeat purchases (frequency x), the time of the
/// last purchase since the first (recency t_x) and the time observed since the first (T), in one time unit (weeks in the
/// published CDNOW analyses).
/// </summary>
/// <param name="Frequency">Repeat purchases (x). Range: whole number ≥ 0.</param>
/// <param name="Recency">Time of the last purchase after the first (t_x). Range: 0 ≤ t_x ≤ T; 0 when x = 0.</param>
/// <param name="T">Time observed since the first purchase. Range: finite, ≥ 0.</param>
public readonly record struct RfmSummary(double Frequency, double Recency, double T)
{
    /// <summary>
    /// Summarises transactions per customer: purchases on the same calendar day count once; frequency = purchase days − 1;
    /// recency and T are measured from the first purchase day, in units of <paramref name="unit"/>. Transactions after
    /// <paramref name="observationEnd"/> are ignored.
    /// </summary>
    /// <param name="transactions">(customer id, purchase date) pairs in any order.</param>
    /// <param name="observationEnd">The last day of the calibration period (inclusive).</param>
    /// <param name="unit">The time unit; default one week (7 days).</param>
    /// <returns>Per customer id (ordinal order), the summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not positive.</exception>
    public static IReadOnlyDictionary<string, RfmSummary> FromTransactions(IEnumerable<(string CustomerId, DateOnly Date)> transactions, DateOnly observationEnd, TimeSpan? unit = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        double days = (unit ?? TimeSpan.FromDays(7)).TotalDays;
        if (!(days > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "The time unit must be positive.");
        }

        var purchaseDays = new Dictionary<string, SortedSet<DateOnly>>(StringComparer.Ordinal);
        foreach (var (customer, date) in transactions)
        {
            if (date > observationEnd)
            {
                continue;
            }

            if (!purchaseDays.TryGetValue(customer, out var set))
            {
                purchaseDays[customer] = set = [];
            }

            set.Add(date);
        }

        var result = new SortedDictionary<string, RfmSummary>(StringComparer.Ordinal);
        foreach (var (customer, set) in purchaseDays)
        {
            int first = set.Min.DayNumber, last = set.Max.DayNumber;
            result[customer] = new RfmSummary(set.Count - 1, (last - first) / days, (observationEnd.DayNumber - first) / days);
        }

        return result.AsReadOnly();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"x = {Frequency:0.##} repeat purchases, t_x = {Recency:0.##}, T = {T:0.##}");

    internal void Validate(long index, string paramName = "customers")
    {
        if (!double.IsFinite(Frequency) || Frequency < 0 || Frequency != Math.Floor(Frequency) ||
            !double.IsFinite(Recency) || !double.IsFinite(T) || Recency < 0 || T < 0 || Recency > T + 1e-9 || (Frequency == 0 && Recency != 0))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                string.Create(CultureInfo.InvariantCulture,
                    $"Customer {index} has (x, t_x, T) = ({Frequency}, {Recency}, {T}); x must be a whole number ≥ 0 and 0 ≤ t_x ≤ T, with t_x = 0 when x = 0."));
        }
    }
}

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

/// <summary>
/// The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM and CLV"): a customer's transaction
/// values are gamma(p, ν) with ν ~ gamma(q, γ) across customers. Fitted on customers with repeat purchases.
/// </summary>
public sealed class GammaGammaModel
{
    private GammaGammaModel(double p, double q, double gamma, FitDiagnostics diagnostics)
    {
        Diagnostics = diagnostics;
        P = p;
        Q = q;
        Gamma = gamma;
    }

    /// <summary>Gets p, the shape of the transaction value distribution.</summary>
    public double P { get; }

    /// <summary>Gets q, the shape of the distribution of ν across customers.</summary>
    public double Q { get; }

    /// <summary>Gets γ, the scale of the distribution of ν across customers.</summary>
    public double Gamma { get; }

    /// <summary>Gets how the fit ended (iterations, gradient at the optimum).</summary>
    public FitDiagnostics Diagnostics { get; }

    /// <summary>Fits the model by maximum likelihood on (repeat purchases x, mean repeat spend m_x) of customers with x &gt; 0.</summary>
    /// <param name="customers">(frequency, mean spend) per customer; customers with x = 0 are skipped.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// No customer has a repeat purchase with positive spend; all spends are equal (no variation to fit); or the likelihood
    /// has no maximum inside the parameter space or the fit does not converge (the message says which).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A frequency or spend is negative or not finite.</exception>
    public static GammaGammaModel Fit(IEnumerable<(double Frequency, double MeanSpend)> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var data = customers.Select((c, i) => (double.IsFinite(c.Frequency) && double.IsFinite(c.MeanSpend) && c.Frequency >= 0 && c.MeanSpend >= 0)
                ? c
                : throw new ArgumentOutOfRangeException(nameof(customers), string.Create(CultureInfo.InvariantCulture, $"Customer {i} has (x, m) = ({c.Frequency}, {c.MeanSpend}); both must be finite and non-negative.")))
            .Where(c => c.Frequency > 0 && c.MeanSpend > 0)
            .ToArray();
        if (data.Length == 0)
        {
            throw new ArgumentException("No customer has a repeat purchase with positive spend.", nameof(customers));
        }

        double Nll(Vector<double> v)
        {
            double p = Math.Exp(v[0]), q = Math.Exp(v[1]), g = Math.Exp(v[2]);
            double ll = 0;
            foreach (var (x, m) in data)
            {
                ll += SpecialFunctions.GammaLn((p * x) + q) - SpecialFunctions.GammaLn(p * x) - SpecialFunctions.GammaLn(q)
                      + (q * Math.Log(g)) + (((p * x) - 1) * Math.Log(m)) + (p * x * Math.Log(x)) - (((p * x) + q) * Math.Log((x * m) + g));
            }

            return double.IsFinite(ll) ? -ll : double.MaxValue;
        }

        if (data.All(c => c.MeanSpend == data[0].MeanSpend))
        {
            throw new ArgumentException(
                "Every customer has the same mean spend: there is no variation from which to estimate the spread of spend (Gamma-Gamma is not identifiable).",
                nameof(customers));
        }

        // Start from the method of moments on the mean spends (mean m̄, variance s²): a gamma with shape p·x̄ around ν …
        // approximated by p ≈ m̄²/s² (clamped), q = 3, γ = (q − 1)·m̄/p, which puts the simplex near the optimum instead of at
        // (1, 1, 1), where it used to wander past its iteration limit on ordinary data.
        double mean = data.Average(c => c.MeanSpend);
        double variance = data.Sum(c => (c.MeanSpend - mean) * (c.MeanSpend - mean)) / Math.Max(1, data.Length - 1);
        double p0 = Math.Clamp(mean * mean / Math.Max(variance, 1e-12), 0.1, 100), q0 = 3, g0 = Math.Max((q0 - 1) * mean / p0, 1e-6);
        var solver = new NelderMeadSimplex(1e-10, 50_000);
        int iterations = 0;
        Vector<double> Run(Vector<double> start, double step)
        {
            try
            {
                var result = solver.FindMinimum(ObjectiveFunction.Value(Nll), start, Vector<double>.Build.Dense(3, step));
                iterations += result.Iterations;
                return result.MinimizingPoint;
            }
            catch (MaximumIterationsException ex)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The Gamma-Gamma fit on {data.Length:N0} customers did not converge within 50,000 simplex iterations: the likelihood is too flat to locate a maximum."),
                    nameof(customers),
                    ex);
            }
        }

        var first = Run(Vector<double>.Build.Dense([Math.Log(p0), Math.Log(q0), Math.Log(g0)]), 0.5);
        var best = Run(first, 0.05);
        var diagnostics = FitDiagnostics.At(Nll, best, iterations);
        if (FitDiagnostics.BoundaryProblem(best, ["p", "q", "gamma"], "Gamma-Gamma", "too few customers, or spends that do not vary across customers as the model assumes") is { } problem)
        {
            throw new ArgumentException(problem, nameof(customers));
        }

        return new GammaGammaModel(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), diagnostics);
    }

    /// <summary>Gets the expected mean transaction value of a customer: p (γ + x m_x) / (p x + q − 1).</summary>
    /// <param name="frequency">Repeat purchases x. Range: ≥ 0.</param>
    /// <param name="meanSpend">Mean spend of the repeat purchases m_x (ignored when x = 0). Range: ≥ 0.</param>
    /// <returns>The expected spend per transaction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative or not finite.</exception>
    public double ConditionalExpectedSpend(double frequency, double meanSpend)
    {
        if (!(frequency >= 0) || !(meanSpend >= 0) || !double.IsFinite(frequency + meanSpend))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), "Frequency and mean spend must be finite and non-negative.");
        }

        return P * (Gamma + (frequency * meanSpend)) / ((P * frequency) + Q - 1);
    }

    /// <summary>
    /// Gets a customer's discounted lifetime value over <paramref name="periods"/> periods: per period, the BG/NBD
    /// expected purchases in it times the expected spend, discounted by (1 + <paramref name="discountRate"/>)^period.
    /// </summary>
    /// <param name="purchases">The fitted BG/NBD model.</param>
    /// <param name="customer">The customer's summary (in the BG/NBD time unit).</param>
    /// <param name="meanSpend">Mean spend of the customer's repeat purchases.</param>
    /// <param name="periods">Number of periods ahead. Range: ≥ 1.</param>
    /// <param name="periodLength">Length of one period in the BG/NBD time unit (4.345 weeks ≈ a month). Range: positive.</param>
    /// <param name="discountRate">Discount rate per period. Range: ≥ 0.</param>
    /// <returns>The discounted value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="purchases"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double CustomerLifetimeValue(BgNbdModel purchases, RfmSummary customer, double meanSpend, int periods = 12, double periodLength = 4.345, double discountRate = 0.01)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        if (!(periodLength > 0) || !(discountRate >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(periodLength), "The period length must be positive and the discount rate non-negative.");
        }

        double spend = ConditionalExpectedSpend(customer.Frequency, meanSpend);
        double value = 0, previous = 0;
        for (int i = 1; i <= periods; i++)
        {
            double cumulative = purchases.ConditionalExpectedPurchases(i * periodLength, customer);
            value += (cumulative - previous) * spend / Math.Pow(1 + discountRate, i);
            previous = cumulative;
        }

        return value;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Gamma-Gamma p={P:F3} q={Q:F3} γ={Gamma:F3}");
}
