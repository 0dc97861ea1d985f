using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>A group of customers that move through the journey alike: one chain of a fitted Markov mixture and the customers assigned to it.</summary>
public sealed class DiscoveredPersona
{
    internal DiscoveredPersona(int index, int size, double share, double meanMembership, double conversionRate, IReadOnlyList<(string State, double Probability)> starts,
        IReadOnlyList<PersonaTransition> distinctive, IReadOnlyList<PersonaTransition> underused, string description, PersonaProfile profile)
    {
        ConversionInterval = profile.ConversionInterval;
        TopPaths = profile.TopPaths;
        ChannelMix = profile.ChannelMix;
        NpsResponses = profile.NpsResponses;
        Nps = profile.Nps;
        NpsInterval = profile.NpsInterval;
        MeanValue = profile.MeanValue;
        MeanValueInterval = profile.MeanValueInterval;
        StageReach = profile.StageReach;
        Index = index;
        Size = size;
        Share = share;
        MeanMembership = meanMembership;
        ConversionRate = conversionRate;
        Starts = starts;
        DistinctiveTransitions = distinctive;
        UnderusedTransitions = underused;
        Description = description;
    }

    /// <summary>Gets the persona's index: personas are numbered by size, largest first.</summary>
    public int Index { get; }

    /// <summary>Gets the number of customers assigned to it (each customer to its most likely persona).</summary>
    public int Size { get; }

    /// <summary>Gets <see cref="Size"/> over all customers with journeys.</summary>
    public double Share { get; }

    /// <summary>Gets the mean membership probability of the customers assigned to it: near 1, the persona is clearly apart; near 1/k, it blurs into others.</summary>
    public double MeanMembership { get; }

    /// <summary>Gets the share of its customers with a conversion event.</summary>
    /// <value>NaN when the persona has no customers.</value>
    public double ConversionRate { get; }

    /// <summary>Gets the 95 % Wilson interval of <see cref="ConversionRate"/>.</summary>
    public Interval ConversionInterval { get; }

    /// <summary>Gets its most common paths (up to five), most walked first.</summary>
    public IReadOnlyList<PersonaPath> TopPaths { get; }

    /// <summary>Gets the share of its customers' events on each channel (<c>(unknown)</c> for events without one), largest first.</summary>
    public IReadOnlyList<(string Channel, double Share)> ChannelMix { get; }

    /// <summary>Gets how many of its customers gave feedback: the latest answer of each, read as a 0–10 rating (answers outside 0–10 are not counted).</summary>
    public int NpsResponses { get; }

    /// <summary>Gets its Net Promoter Score (promoters 9–10 minus detractors 0–6, in %).</summary>
    /// <value>NaN without responses.</value>
    public double Nps { get; }

    /// <summary>Gets the 95 % adjusted-Wald interval of <see cref="Nps"/> (the library's NPS default).</summary>
    public Interval NpsInterval { get; }

    /// <summary>Gets the mean total value per customer (customers without values count as 0).</summary>
    /// <value>NaN when the log has no values.</value>
    public double MeanValue { get; }

    /// <summary>Gets the 95 % normal-approximation interval of <see cref="MeanValue"/>.</summary>
    public Interval MeanValueInterval { get; }

    /// <summary>Gets, per stage of the log, the share of its customers who reached it.</summary>
    public IReadOnlyList<(string Stage, double Share)> StageReach { get; }

    /// <summary>Gets where its journeys start: the most likely first steps (up to three) with their probabilities.</summary>
    public IReadOnlyList<(string State, double Probability)> Starts { get; }

    /// <summary>Gets the steps it takes most often compared with everyone (highest lift among steps that are at least 2 % of the persona's steps), up to five.</summary>
    public IReadOnlyList<PersonaTransition> DistinctiveTransitions { get; }

    /// <summary>Gets the common steps it avoids (lowest lift among steps that are at least 2 % of everyone's steps), up to five.</summary>
    public IReadOnlyList<PersonaTransition> UnderusedTransitions { get; }

    /// <summary>Gets a one-sentence description built from those facts.</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Persona {Index} ({Show.Count(Size)} customers): {Description}";
}
