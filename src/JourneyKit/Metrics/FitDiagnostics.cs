using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace JourneyKit.Metrics;

/// <summary>How a maximum-likelihood fit ended: the work done and how flat the likelihood is at the answer.</summary>
/// <param name="Iterations">Simplex iterations over all restarts.</param>
/// <param name="GradientNorm">
/// The Euclidean norm of the log-likelihood's gradient with respect to the log parameters at the optimum (central
/// differences); near 0 at a true maximum.
/// </param>
/// <param name="Converged">Whether the gradient norm is at most 10⁻³ × max(1, |log-likelihood|): small for the likelihood's size.</param>
public sealed record FitDiagnostics(int Iterations, double GradientNorm, bool Converged)
{
    // Log parameters beyond ±18 (values above 6.6e7 or below 1.5e-8) mean the optimiser ran to the edge of the space.
    private const double InteriorLimit = 18;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Converged ? "converged" : "NOT converged")} after {Iterations:N0} iterations, |gradient| = {GradientNorm:G3}");

    internal static FitDiagnostics At(Func<Vector<double>, double> negativeLogLikelihood, Vector<double> optimum, int iterations)
    {
        double sum = 0;
        for (int i = 0; i < optimum.Count; i++)
        {
            const double h = 1e-5;
            var up = optimum.Clone();
            var down = optimum.Clone();
            up[i] += h;
            down[i] -= h;
            double g = (negativeLogLikelihood(up) - negativeLogLikelihood(down)) / (2 * h);
            sum += g * g;
        }

        double norm = Math.Sqrt(sum);
        double scale = Math.Max(1, Math.Abs(negativeLogLikelihood(optimum)));
        return new FitDiagnostics(iterations, norm, double.IsFinite(norm) && norm <= 1e-3 * scale);
    }

    /// <summary>Why the optimum lies at the edge of the parameter space (the data cannot identify the model), or null.</summary>
    internal static string? BoundaryProblem(Vector<double> logParameters, string[] names, string model, string causes)
    {
        for (int i = 0; i < logParameters.Count; i++)
        {
            if (!(Math.Abs(logParameters[i]) <= InteriorLimit))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The {model} likelihood has no maximum inside the parameter space for these data: {names[i]} ran to {Math.Exp(logParameters[i]):G3}. The data cannot identify the model; usual causes: {causes}.");
            }
        }

        return null;
    }
}
