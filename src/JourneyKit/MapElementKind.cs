namespace JourneyKit;

/// <summary>The kind of part of a journey map that a change concerns.</summary>
public enum MapElementKind
{
    /// <summary>The map's own properties (name, description, state, metadata).</summary>
    Map = 0,

    /// <summary>A persona.</summary>
    Persona,

    /// <summary>A stage.</summary>
    Stage,

    /// <summary>A channel.</summary>
    Channel,

    /// <summary>A touchpoint.</summary>
    Touchpoint,

    /// <summary>A pain point.</summary>
    PainPoint,

    /// <summary>An opportunity.</summary>
    Opportunity,
}
