using JourneyKit.Events;

namespace JourneyKit.Orleans;

/// <summary>
/// The recent events a customer grain keeps: the latest ones, oldest first, ties in arrival order. Two buffers take
/// turns, so a batch allocates nothing once both are big enough; they grow (doubling, up to the window's capacity) with
/// the events kept, so that the many customers with a few events each do not hold two full windows (2 × 50 events of
/// 104 bytes — more than the customer's monitor).
/// </summary>
internal sealed class RecentWindow(int capacity)
{
    private JourneyEvent[] _events = [];
    private JourneyEvent[] _spare = [];

    /// <summary>Gets the number of events kept.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the events kept, oldest first.</summary>
    public ReadOnlySpan<JourneyEvent> Events => _events.AsSpan(0, Count);

    /// <summary>Starts from events in window order (as stored), keeping the latest <c>capacity</c>.</summary>
    public void Load(JourneyEvent[] events)
    {
        Count = 0;
        Add(events);
    }

    /// <summary>
    /// Takes a batch (any order, arriving after what is kept): the batch sorted stably by time and merged from the newest
    /// end, stopping once the window is full — what a stable sort of everything by time, cut to the last
    /// <c>capacity</c>, gives.
    /// </summary>
    public void Add(ReadOnlySpan<JourneyEvent> batch)
    {
        if (capacity == 0 || batch.Length == 0)
        {
            return;
        }

        var order = new (long Ticks, int Arrival)[batch.Length];
        for (int i = 0; i < batch.Length; i++)
        {
            order[i] = (batch[i].Timestamp.UtcTicks, i);
        }

        Array.Sort(order);
        var kept = _events;
        int total = Math.Min(capacity, Count + batch.Length);
        if (_spare.Length < total)
        {
            _spare = new JourneyEvent[Math.Min(capacity, Math.Max(total, 2 * kept.Length))];
        }

        int a = Count - 1, b = batch.Length - 1;
        for (int k = total - 1; k >= 0; k--)
        {
            // On a tie the batch's event arrived later, so it is the newer.
            _spare[k] = b >= 0 && (a < 0 || order[b].Ticks >= kept[a].Timestamp.UtcTicks) ? batch[order[b--].Arrival] : kept[a--];
        }

        // The old buffer becomes the spare (cleared: it holds strings).
        Array.Clear(kept, 0, Count);
        (_events, _spare) = (_spare, kept);
        Count = total;
    }
}
