using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace JourneyKit.Metrics;

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
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// No customer has a repeat purchase with positive spend; all spends are equal (no variation to fit); or the likelihood
    /// has no maximum inside the parameter space or the fit does not converge (the message says which).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A frequency or spend is negative or not finite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static GammaGammaModel Fit(IEnumerable<(double Frequency, double MeanSpend)> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        cancellationToken.ThrowIfCancellationRequested();
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
