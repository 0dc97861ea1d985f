namespace JourneyKit.Personas;

/// <summary>
/// The parameters of a mixture of k first-order Markov chains, as logarithms. Transitions are kept for the transitions
/// that occur in the data (<see cref="JourneySequences.Codes"/>) and, per row, one value for every target never moved to
/// from it (under additive smoothing they are all equal): memory k × (observed transitions + states).
/// </summary>
internal sealed class MixtureParameters(int k, JourneySequences data)
{
    public int K { get; } = k;

    public int S => Data.S;

    public int Targets => Data.Targets;

    public int Pairs => Data.Pairs;

    public JourneySequences Data { get; } = data;

    /// <summary>log π_k.</summary>
    public double[] LogWeight { get; } = new double[k];

    /// <summary>log θ_k(s), k × S.</summary>
    public double[] LogInitial { get; } = new double[k * data.S];

    /// <summary>
    /// log A_k(pair) for the transitions that occur, <see cref="Pairs"/> × k, pair-major: the k chains' values of one
    /// transition side by side, so scoring a journey reads one cache line per transition, not k.
    /// </summary>
    public double[] LogTransition { get; } = new double[k * data.Pairs];

    /// <summary>log A_k(s, t) for a target t never moved to from s in the data, k × S.</summary>
    public double[] LogUnseen { get; } = new double[k * data.S];

    /// <summary>log A_k(from, to) for any pair of states (to = S for the end).</summary>
    public double LogTransitionOf(int c, int from, int to)
    {
        int pair = Array.BinarySearch(Data.Codes, Data.RowStart[from], Data.RowStart[from + 1] - Data.RowStart[from], (from * Targets) + to);
        return pair >= 0 ? LogTransition[(pair * K) + c] : LogUnseen[(c * S) + from];
    }

    /// <summary>The log of the symmetric Dirichlet prior that additive smoothing α amounts to (up to a constant): α × the sum of every log-probability, unseen targets included.</summary>
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

        for (int c = 0; c < K; c++)
        {
            for (int s = 0; s < S; s++)
            {
                sum += Data.Unseen(s) * LogUnseen[(c * S) + s];
            }
        }

        return alpha * sum;
    }
}
