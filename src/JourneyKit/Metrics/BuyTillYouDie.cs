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
    private BgNbdModel(double r, double alpha, double a, double b, double logLikelihood, long customers)
    {
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
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no customers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A summary is invalid; the message gives its position.</exception>
    public static BgNbdModel Fit(IEnumerable<RfmSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var data = Group(customers);
        if (data.Rows == 0)
        {
            throw new ArgumentException("At least one customer is needed to fit the model.", nameof(customers));
        }

        // Large data: fit a deterministic subsample first, then polish on everything from there.
        var start = Vector<double>.Build.Dense([0, 0, 0, 0]);
        if (data.Rows > 50_000)
        {
            start = Minimise(data.Subsample(20_000), start, 1.0);
        }

        var best = Minimise(data, start, data.Rows > 50_000 ? 0.1 : 1.0);
        best = Minimise(data, best, 0.05); // a restart guards against a stalled simplex
        return new BgNbdModel(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), Math.Exp(best[3]), -data.NegativeLogLikelihood(best), data.Customers);
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
    /// <param name="t">The time span. Range: ≥ 0.</param>
    /// <returns>The expected purchases; non-decreasing in t.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or NaN.</exception>
    public double ExpectedPurchases(double t)
    {
        if (!(t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The time span must be non-negative.");
        }

        double z = t / (Alpha + t);
        return (A + B - 1) / (A - 1) * (1 - (Math.Pow(Alpha / (Alpha + t), R) * Hypergeometric2F1(R, B, A + B - 1, z)));
    }

    /// <summary>Gets the expected number of purchases in the next t of a customer with this history (FHL 2005, eq. 10).</summary>
    /// <param name="t">The time span ahead. Range: ≥ 0.</param>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>The expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> or the summary is invalid.</exception>
    public double ConditionalExpectedPurchases(double t, RfmSummary customer)
    {
        if (!(t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The time span must be non-negative.");
        }

        customer.Validate(0);
        double x = customer.Frequency, T = customer.T;
        double z = t / (Alpha + T + t);
        double head = (A + B + x - 1) / (A - 1);
        double body = 1 - (Math.Pow((Alpha + T) / (Alpha + T + t), R + x) * Hypergeometric2F1(R + x, B + x, A + B + x - 1, z));
        double denominator = x > 0
            ? 1 + Math.Exp(Math.Log(A / (B + x - 1)) + ((R + x) * Math.Log((Alpha + T) / (Alpha + customer.Recency))))
            : 1;
        return head * body / denominator;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"BG/NBD r={R:F3} α={Alpha:F3} a={A:F3} b={B:F3} LL={LogLikelihood:F1}");

    // ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1 (all uses here have z = t/(α+…) < 1).
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

    private static Vector<double> Minimise(FitData data, Vector<double> start, double step)
    {
        var objective = ObjectiveFunction.Value(v => data.NegativeLogLikelihood(v));
        var result = new NelderMeadSimplex(1e-12, 20_000).FindMinimum(objective, start, Vector<double>.Build.Dense(4, step));
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
    private sealed class FitData(RfmSummary[] rows, double[] weights, long customers)
    {
        private readonly int[] _xIndex = rows.Select(r => (int)r.Frequency).ToArray();
        private readonly int _maxX = rows.Length == 0 ? 0 : (int)rows.Max(r => r.Frequency);

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
            var termX = new double[_maxX + 1];
            var betaX = new double[_maxX + 1];
            var oddsX = new double[_maxX + 1];
            double lnGammaR = SpecialFunctions.GammaLn(r), lnBetaAB = SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);
            for (int x = 0; x <= _maxX; x++)
            {
                termX[x] = SpecialFunctions.GammaLn(r + x) - lnGammaR + (r * Math.Log(alpha));
                betaX[x] = SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(a + b + x) - lnBetaAB;
                oddsX[x] = x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : double.NegativeInfinity;
            }

            double ll = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                int x = _xIndex[i];
                double a3 = -(r + x) * Math.Log(alpha + rows[i].T);
                double value = termX[x] + betaX[x];
                if (x > 0)
                {
                    double a4 = oddsX[x] - ((r + x) * Math.Log(alpha + rows[i].Recency));
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
    private GammaGammaModel(double p, double q, double gamma)
    {
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

    /// <summary>Fits the model by maximum likelihood on (repeat purchases x, mean repeat spend m_x) of customers with x &gt; 0.</summary>
    /// <param name="customers">(frequency, mean spend) per customer; customers with x = 0 are skipped.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">No customer has a repeat purchase with positive spend.</exception>
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

        var solver = new NelderMeadSimplex(1e-12, 20_000);
        var first = solver.FindMinimum(ObjectiveFunction.Value(Nll), Vector<double>.Build.Dense([0, 0, 0]), Vector<double>.Build.Dense(3, 1)).MinimizingPoint;
        var best = solver.FindMinimum(ObjectiveFunction.Value(Nll), first, Vector<double>.Build.Dense(3, 0.05)).MinimizingPoint;
        return new GammaGammaModel(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]));
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
