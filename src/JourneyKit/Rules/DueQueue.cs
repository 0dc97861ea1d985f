namespace JourneyKit.Rules;

/// <summary>
/// One rule's open episodes in order of start (so of due time: one rule, one window), as a ring buffer of
/// (customer, start). Events are applied in time order, so starts arrive in order; an entry whose episode has since
/// closed or restarted is skipped when it comes up.
/// </summary>
internal sealed class DueQueue
{
    private int[] _customers = new int[16];
    private long[] _starts = new long[16];
    private int _head;

    public int Count { get; private set; }

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

    public bool TryPeek(out int customer, out long start)
    {
        if (Count == 0)
        {
            customer = 0;
            start = 0;
            return false;
        }

        customer = _customers[_head];
        start = _starts[_head];
        return true;
    }

    public void Dequeue()
    {
        _head = (_head + 1) & (_customers.Length - 1);
        Count--;
    }

    public long Bytes => (long)_customers.Length * (sizeof(int) + sizeof(long));

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
