using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Experiments;

/// <summary>
/// The comparison of a treatment arm with a control arm (<see cref="AbTest"/>): the effect with its interval, its
/// standard error and p-value — or, when the data cannot support a test (no variance, a control mean of 0 on the
/// relative scale), no result and the <see cref="Problem"/>, as gbstats returns its error message. A missing number is
/// never presented as one: reading <see cref="Effect"/>, <see cref="StandardError"/> or <see cref="PValue"/> of a result
/// with a problem throws.
/// </summary>
public sealed class AbTestResult
{
    private readonly EffectEstimate _effect;
    private readonly double _standardError;
    private readonly double _pValue;

    internal AbTestResult(AbTestOptions options, long controlUsers, long treatmentUsers, double controlMean, double treatmentMean, double theta,
        EffectEstimate effect, double standardError, double pValue, double degreesOfFreedom, string? problem)
    {
        Difference = options.Difference;
        Sequential = options.Sequential;
        Alpha = options.Alpha;
        ControlUsers = controlUsers;
        TreatmentUsers = treatmentUsers;
        ControlMean = controlMean;
        TreatmentMean = treatmentMean;
        AdjustmentTheta = theta;
        _effect = effect;
        _standardError = standardError;
        _pValue = pValue;
        DegreesOfFreedom = degreesOfFreedom;
        Problem = problem;
    }

    /// <summary>Gets how the effect is expressed.</summary>
    public EffectScale Difference { get; }

    /// <summary>Gets whether the interval and p-value are always-valid (sequential).</summary>
    public bool Sequential { get; }

    /// <summary>Gets the significance level the interval was built for.</summary>
    public double Alpha { get; }

    /// <summary>Gets the number of users in the control arm.</summary>
    public long ControlUsers { get; }

    /// <summary>Gets the number of users in the treatment arm.</summary>
    public long TreatmentUsers { get; }

    /// <summary>Gets the control arm's mean (a rate for proportions), unadjusted.</summary>
    public double ControlMean { get; }

    /// <summary>Gets the treatment arm's mean (a rate for proportions), unadjusted.</summary>
    public double TreatmentMean { get; }

    /// <summary>Gets the CUPED coefficient θ the means were adjusted with (pooled covariance / pooled pre-period variance); 0 without adjustment.</summary>
    public double AdjustmentTheta { get; }

    /// <summary>Gets the Welch–Satterthwaite degrees of freedom of the fixed-horizon test.</summary>
    /// <value>NaN when there is a <see cref="Problem"/>.</value>
    public double DegreesOfFreedom { get; }

    /// <summary>Gets why no test could be made (e.g. "zero or negative variance"), or <see langword="null"/> when <see cref="HasResult"/>.</summary>
    public string? Problem { get; }

    /// <summary>Gets whether the effect, its interval and p-value were computed.</summary>
    public bool HasResult => Problem is null;

    /// <summary>Gets the effect (treatment vs control, on the <see cref="Difference"/> scale) with its 1 − α interval.</summary>
    /// <exception cref="InvalidOperationException">There is no result; the message is the <see cref="Problem"/>.</exception>
    public EffectEstimate Effect => HasResult ? _effect : throw NoResult();

    /// <summary>Gets the effect's standard error (delta method on the relative scale).</summary>
    /// <exception cref="InvalidOperationException">There is no result.</exception>
    public double StandardError => HasResult ? _standardError : throw NoResult();

    /// <summary>Gets the two-sided p-value of no effect (for a sequential test, always valid: min(1, 1/e-value)).</summary>
    /// <exception cref="InvalidOperationException">There is no result.</exception>
    public double PValue => HasResult ? _pValue : throw NoResult();

    /// <summary>Gets whether the effect is significant at <see cref="Alpha"/> (p &lt; α); <see langword="false"/> without a result.</summary>
    public bool IsSignificant => HasResult && _pValue < Alpha;

    /// <summary>Describes the result, e.g. <c>relative effect 0.7073 [-0.03526, 1.45] (95 %), p = 0.0619 (3,407 vs 3,461 users)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string users = string.Create(CultureInfo.InvariantCulture, $"({ControlUsers:N0} vs {TreatmentUsers:N0} users)");
        string scale = Difference == EffectScale.Relative ? "relative" : "absolute";
        return HasResult
            ? $"{scale} effect {_effect}, p = {Show.Number(_pValue)}{(Sequential ? " (sequential)" : "")} {users}"
            : $"no {scale} effect: {Problem} {users}";
    }

    private InvalidOperationException NoResult() => new($"The test has no result: {Problem}. Check HasResult before reading it.");
}
