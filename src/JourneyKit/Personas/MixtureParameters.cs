namespace JourneyKit.Personas;

/// <summary>The parameters of a mixture of k first-order Markov chains, as logarithms.</summary>
internal sealed class MixtureParameters(int k, int states)
{
    public int K { get; } = k;

    public int S { get; } = states;

    public int Targets => S + 1;

    /// <summary>log π_k.</summary>
    public double[] LogWeight { get; } = new double[k];

    /// <summary>log θ_k(s), k × S.</summary>
    public double[] LogInitial { get; } = new double[k * states];

    /// <summary>log A_k(s, t), k × S × (S + 1).</summary>
    public double[] LogTransition { get; } = new double[k * states * (states + 1)];

    /// <summary>The log of the symmetric Dirichlet prior that additive smoothing α amounts to (up to a constant): α × the sum of every log-probability.</summary>
    public double LogPrior(double alpha)
    {
        double sum = 0;
        foreach (double x in LogWeight)
        {
            sum += x;
        }

        foreach (double x in LogInitial)
        {
            sum += x;
        }

        foreach (double x in LogTransition)
        {
            sum += x;
        }

        return alpha * sum;
    }
}
