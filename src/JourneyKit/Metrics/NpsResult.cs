using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Metrics;

/// <summary>
/// A Net Promoter Score with its uncertainty: promoters (9–10), passives (7–8), detractors (0–6); score in [−100, 100];
/// standard error from the trinomial variance p + d − (p − d)².
/// </summary>
public sealed class NpsResult
{
    internal NpsResult(long promoters, long passives, long detractors, NpsCounting counting = NpsCounting.EveryResponse)
    {
        Counting = counting;
        Promoters = promoters;
        Passives = passives;
        Detractors = detractors;
    }

    /// <summary>Gets how responses were counted: per customer (latest, first, mean) or every feedback event; ratings given directly count each.</summary>
    public NpsCounting Counting { get; }

    /// <summary>Gets the number of promoters (9–10).</summary>
    public long Promoters { get; }

    /// <summary>Gets the number of passives (7–8).</summary>
    public long Passives { get; }

    /// <summary>Gets the number of detractors (0–6).</summary>
    public long Detractors { get; }

    /// <summary>Gets the number of responses.</summary>
    public long Responses => Promoters + Passives + Detractors;

    /// <summary>Gets the score, 100 × (promoter share − detractor share). Range: −100..100; NaN without responses.</summary>
    public double Score => Responses == 0 ? double.NaN : 100.0 * (Promoters - Detractors) / Responses;

    /// <summary>Gets the variance of one response scored +1/0/−1: p + d − (p − d)²; NaN without responses.</summary>
    public double Variance
    {
        get
        {
            if (Responses == 0)
            {
                return double.NaN;
            }

            double p = (double)Promoters / Responses, d = (double)Detractors / Responses;
            return p + d - ((p - d) * (p - d));
        }
    }

    /// <summary>Gets the standard error of the score, in score units (× 100); NaN without responses.</summary>
    public double StandardError => 100 * Math.Sqrt(Variance / Responses);

    /// <summary>Gets a confidence interval for the score, clamped to [−100, 100].</summary>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <param name="method">Wald or adjusted Wald (default).</param>
    /// <returns>The bounds in score units, always containing <see cref="Score"/> (the adjusted interval of a tiny sample at the edge is widened to it); NaN bounds without responses.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> or <paramref name="method"/> is out of range.</exception>
    public Interval ConfidenceInterval(double level = 0.95, NpsInterval method = NpsInterval.AdjustedWald) => Interval.Of(Bounds(level, method), level);

    private (double Lower, double Upper) Bounds(double level, NpsInterval method)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown interval method.");
        }

        if (Responses == 0)
        {
            return (double.NaN, double.NaN);
        }

        return Stats.NpsInterval(Promoters, Detractors, Responses, level, adjusted: method == NpsInterval.AdjustedWald);
    }

    /// <summary>Formats the score with the same interval <see cref="ConfidenceInterval"/> returns by default (95 %, adjusted Wald).</summary>
    /// <returns>For example <c>NPS 25.0 [−44.2, 72.7] (95 % adjusted Wald; n = 4: 2 promoters, 1 passive, 1 detractor; latest answer per customer)</c>.</returns>
    public override string ToString()
    {
        if (Responses == 0)
        {
            return "NPS – (no responses)";
        }

        var (lower, upper) = ConfidenceInterval();
        string counting = Counting switch
        {
            NpsCounting.LatestPerCustomer => "; latest answer per customer",
            NpsCounting.FirstPerCustomer => "; first answer per customer",
            NpsCounting.MeanPerCustomer => "; mean answer per customer",
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"NPS {Score:0.0} [{lower:0.0}, {upper:0.0}] (95 % adjusted Wald; n = {Responses:N0}: {Promoters:N0} promoters, {Passives:N0} passives, {Detractors:N0} detractors{counting})");
    }
}
