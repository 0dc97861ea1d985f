namespace JourneyKit.Rules;

/// <summary>The pattern a <see cref="JourneyRule"/> looks for.</summary>
public enum RuleKind
{
    /// <summary><c>When(X)</c>: fires on every X.</summary>
    Occurrence = 0,

    /// <summary><c>When(X).NotFollowedBy(Y, within: T)</c>: fires at t_X + T when no Y came in time ("added to cart, no purchase within 24 hours").</summary>
    Absence = 1,

    /// <summary><c>When(X).FollowedBy(Y, within: T)</c>: fires at the Y that comes in time (a milestone reached).</summary>
    Sequence = 2,

    /// <summary><c>Stalled(S, within: T)</c>: the customer entered stage S and had no event in any other stage for T.</summary>
    Stall = 3,
}
