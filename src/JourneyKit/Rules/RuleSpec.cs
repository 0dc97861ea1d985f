namespace JourneyKit.Rules;

/// <summary>A rule reduced to what the episode machine needs: ticks and limits, no names.</summary>
internal readonly record struct RuleSpec(RuleKind Kind, long WithinTicks, long CooldownTicks, int MaxFirings, RearmPolicy Rearm)
{
    /// <summary>Whether the machine must remember firings after an episode ends (for a cooldown or a firing limit).</summary>
    public bool KeepsHistory => CooldownTicks > 0 || MaxFirings != int.MaxValue;

    /// <summary>Whether an episode that falls due fires (absence, stall) rather than lapsing (sequence).</summary>
    public bool FiresWhenDue => Kind is RuleKind.Absence or RuleKind.Stall;
}
