namespace JourneyKit.Rules;

/// <summary>One customer's state for one rule: the open episode (if any) and what the cooldown and firing limit need.</summary>
internal struct EpisodeSlot
{
    /// <summary>Whether an episode is open.</summary>
    public bool Open;

    /// <summary>UTC ticks of the X that started the open episode.</summary>
    public long Start;

    /// <summary>Firings so far.</summary>
    public int Firings;

    /// <summary>UTC ticks of the last firing (valid when <see cref="Firings"/> &gt; 0).</summary>
    public long LastFired;
}
