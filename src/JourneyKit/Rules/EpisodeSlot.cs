namespace JourneyKit.Rules;

/// <summary>One customer's state for one rule: the open episode (if any) and what the cooldown and firing limit need.</summary>
internal struct EpisodeSlot
{
    /// <summary>Whether an episode is open.</summary>
    public bool Open;

    /// <summary>UTC ticks of the X that started the open episode (closed: of the last episode that started).</summary>
    public long Start;

    /// <summary>
    /// How many episodes have started at <see cref="Start"/>'s instant (at most 255): the next one to start at that
    /// instant is number <c>SameStart</c> (0-based), and an open episode is number <c>SameStart − 1</c>. Only the
    /// instant being applied can see another start, so a monitor keeps it no longer than that instant.
    /// </summary>
    public byte SameStart;

    /// <summary>Firings so far.</summary>
    public int Firings;

    /// <summary>UTC ticks of the last firing (valid when <see cref="Firings"/> &gt; 0).</summary>
    public long LastFired;
}
