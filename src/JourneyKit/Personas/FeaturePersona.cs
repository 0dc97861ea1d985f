using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>A group of customers that do alike (k-means on behaviour features): its size and its centre in the features' own units.</summary>
public sealed class FeaturePersona
{
    internal FeaturePersona(int index, int size, double share, IReadOnlyDictionary<string, double> centre, string description)
    {
        Index = index;
        Size = size;
        Share = share;
        Centre = centre;
        Description = description;
    }

    /// <summary>Gets the persona's index: personas are numbered by size, largest first.</summary>
    public int Index { get; }

    /// <summary>Gets the number of customers in it.</summary>
    public int Size { get; }

    /// <summary>Gets <see cref="Size"/> over all customers grouped.</summary>
    public double Share { get; }

    /// <summary>Gets the mean of each feature over its customers, in the feature's units (shares, counts, days…).</summary>
    public IReadOnlyDictionary<string, double> Centre { get; }

    /// <summary>Gets a one-sentence description: its share and the three features that set it apart most (in standard deviations), against everyone's mean.</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Persona {Index} ({Show.Count(Size)} customers): {Description}";
}
