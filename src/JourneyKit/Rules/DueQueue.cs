namespace JourneyKit.Rules;

/// <summary>
/// One rule's open episodes in order of start (so of due time: one rule, one window). Events are applied in time order,
/// so fresh episodes arrive in order of start: a ring buffer of (customer, start). An entry whose episode has since closed
/// is skipped when it comes up. An episode restarted by a repeated X (<see cref="RearmPolicy.Restart"/>) takes no new
/// entry: when its old entry comes up it is re-queued once at its current start, in a small heap beside the ring — so the
/// queue holds an entry per episode, not per trigger.
/// </summary>
internal sealed class DueQueue
{
    private int[] _customers = new int[16];
    private long[] _starts = new long[16];
    private int _head;
    private PriorityQueue<int, long>? _restarted;
    private bool _peekedRestarted;

    public int Count { get; private set; }

    public long Bytes => ((long)_customers.Length * (sizeof(int) + sizeof(long))) + ((_restarted?.Count ?? 0) * 24L);

    public void Enqueue(int customer, long start)
    {
        if (Count == _customers.Length)
        {
            Grow();
        }

        int at = (_head + Count) & (_customers.Length - 1);
        _customers[at] = customer;
        _starts[at] = start;
        Count++;
    }

    /// <summary>Queues a restarted episode at its current start (which may be earlier than the ring's last entry).</summary>
    public void Requeue(int customer, long start) => (_restarted ??= new PriorityQueue<int, long>()).Enqueue(customer, start);

    public bool TryPeek(out int customer, out long start)
    {
        bool ring = Count > 0;
        bool heap = _restarted is { Count: > 0 } && _restarted.TryPeek(out _, out _);
        if (!ring && !heap)
        {
            customer = 0;
            start = 0;
            return false;
        }

        if (heap)
        {
            _restarted!.TryPeek(out int c, out long s);
            if (!ring || s < _starts[_head])
            {
                _peekedRestarted = true;
                customer = c;
                start = s;
                return true;
            }
        }

        _peekedRestarted = false;
        customer = _customers[_head];
        start = _starts[_head];
        return true;
    }

    /// <summary>Removes the entry <see cref="TryPeek"/> returned.</summary>
    public void Dequeue()
    {
        if (_peekedRestarted)
        {
            _restarted!.Dequeue();
            _peekedRestarted = false;
            return;
        }

        _head = (_head + 1) & (_customers.Length - 1);
        Count--;
    }

    private void Grow()
    {
        var customers = new int[_customers.Length * 2];
        var starts = new long[_starts.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            int from = (_head + i) & (_customers.Length - 1);
            customers[i] = _customers[from];
            starts[i] = _starts[from];
        }

        _customers = customers;
        _starts = starts;
        _head = 0;
    }
}
