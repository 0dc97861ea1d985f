using JourneyKit.Internal;

namespace JourneyKit.Markov;

/// <summary>The fit of one order in an order comparison.</summary>
/// <param name="Order">The order k.</param>
/// <param name="LogLikelihood">The maximised log-likelihood of the common transitions.</param>
/// <param name="Parameters">Free parameters: per observed history, the distinct next states minus one.</param>
/// <param name="Observations">The number of transitions scored (the same for every order).</param>
/// <param name="Aic">Akaike's criterion, 2p − 2 ln L (lower is better).</param>
/// <param name="Bic">The Bayesian criterion, p ln n − 2 ln L (lower is better).</param>
/// <param name="LikelihoodRatio">2 (ln L_k − ln L_(k−1)); NaN for the first order.</param>
/// <param name="DegreesOfFreedom">m^(k−1)(m − 1)², the classic df of order k against k − 1 for m symbols; 0 for the first order.</param>
/// <param name="PValue">The χ² p-value of the likelihood-ratio test against order k − 1; NaN for the first order.</param>
public sealed record OrderFit(int Order, double LogLikelihood, int Parameters, long Observations, double Aic, double Bic, double LikelihoodRatio, int DegreesOfFreedom, double PValue)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"order {Order}: log-likelihood {Show.Number(LogLikelihood)}, {Show.Count(Parameters)} parameters, AIC {Show.Number(Aic)}, BIC {Show.Number(Bic)}" + (DegreesOfFreedom > 0 ? $", LR test vs order {Order - 1}: p = {Show.Number(PValue)}" : "");
}
