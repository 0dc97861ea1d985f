namespace JourneyKit.Orleans;

/// <summary>
/// The due index of one shard, in memory: for each customer, an event time no later than its next work. Customers'
/// answers arrive out of order — a batch's answer may be recorded while a watermark walk awaits the same customer, and
/// either may be the newer — so the index keeps what is safe: a recorded answer only ever lowers an entry, a walk sets
/// an entry to the customer's answer only when nothing was recorded for it meanwhile, and otherwise keeps the earlier.
/// An entry too early costs one wake-up for nothing (which corrects it); one too late would lose firings.
/// </summary>
internal sealed class DueIndex(Dictionary<string, long> entries)
{
    // Customers recorded while a walk was under way (one walk at a time: the shard starts the next when one ends).
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private bool _walking;

    /// <summary>Gets the entries (UTC ticks by customer), as persisted.</summary>
    public Dictionary<string, long> Entries { get; } = entries;

    /// <summary>Makes the customer's entry no later than <paramref name="due"/>; true when it changed.</summary>
    public bool Lower(string customerId, DateTimeOffset due)
    {
        if (_walking)
        {
            _touched.Add(customerId);
        }

        long ticks = due.UtcTicks;
        if (Entries.TryGetValue(customerId, out long known) && known <= ticks)
        {
            return false;
        }

        Entries[customerId] = ticks;
        return true;
    }

    /// <summary>Starts a walk: the customers due at or before the watermark (none: no walk is started).</summary>
    /// <exception cref="InvalidOperationException">A walk is under way.</exception>
    public List<string> BeginWalk(DateTimeOffset watermark)
    {
        if (_walking)
        {
            throw new InvalidOperationException("A watermark walk is already under way on this shard.");
        }

        long w = watermark.UtcTicks;
        var due = Entries.Where(kv => kv.Value <= w).Select(kv => kv.Key).ToList();
        _walking = due.Count > 0;
        return due;
    }

    /// <summary>Ends a walk with each woken customer's answer (<see langword="null"/> answers: the walk failed, entries stay).</summary>
    public void EndWalk(List<string> customers, IReadOnlyList<DateTimeOffset?>? answers)
    {
        try
        {
            if (answers is null)
            {
                return;
            }

            for (int i = 0; i < customers.Count; i++)
            {
                string customer = customers[i];
                if (_touched.Contains(customer))
                {
                    // Recorded while the walk awaited: the customer took the batch before or after the watermark, and
                    // either answer may be the newer, so the entry keeps the earlier.
                    if (answers[i] is { } d)
                    {
                        Lower(customer, d);
                    }
                }
                else if (answers[i] is { } d)
                {
                    Entries[customer] = d.UtcTicks;
                }
                else
                {
                    Entries.Remove(customer);
                }
            }
        }
        finally
        {
            _walking = false;
            _touched.Clear();
        }
    }
}
