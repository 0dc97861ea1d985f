using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace JourneyKit.Rules;

/// <summary>
/// The events a monitor holds until the watermark passes them: [head, sorted) in event time (ties in arrival order), then
/// [sorted, end) as they arrived — an out-of-order event is appended, and the tail is sorted once when order is needed
/// (advancing, saving), so a shuffled batch costs O(n log n), not an insertion into the middle per event.
/// </summary>
internal sealed class WaitingEvents
{
    private List<MonitorEvent> _buffer = [];
    private int _head;
    private int _sorted;
    private long _tailMin = long.MaxValue;

    public int Count => _buffer.Count - _head;

    public long Bytes => _buffer.Capacity * (long)Unsafe.SizeOf<MonitorEvent>();

    /// <summary>Gets the earliest waiting event time, or <see cref="long.MaxValue"/>.</summary>
    public long Oldest => Math.Min(_head < _sorted ? _buffer[_head].Ticks : long.MaxValue, _tailMin);

    /// <summary>Empties the buffer, with room for <paramref name="capacity"/> events.</summary>
    public void Reset(int capacity)
    {
        _buffer = new List<MonitorEvent>(capacity);
        _head = 0;
        _sorted = 0;
        _tailMin = long.MaxValue;
    }

    public void Add(in MonitorEvent e)
    {
        int count = _buffer.Count;
        if (_sorted == count && (count == _head || CollectionsMarshal.AsSpan(_buffer)[count - 1].Ticks <= e.Ticks))
        {
            _sorted++;
        }
        else
        {
            _tailMin = Math.Min(_tailMin, e.Ticks);
        }

        _buffer.Add(e);
    }

    /// <summary>Every waiting event, in event time (ties in arrival order).</summary>
    public ReadOnlySpan<MonitorEvent> All()
    {
        Sort();
        return CollectionsMarshal.AsSpan(_buffer)[_head..];
    }

    /// <summary>The waiting events at or before <paramref name="watermark"/>, in order; the caller applies them, then calls <see cref="Consume"/>.</summary>
    public ReadOnlySpan<MonitorEvent> DueBy(long watermark)
    {
        if (Oldest > watermark)
        {
            return [];
        }

        Sort();
        Span<MonitorEvent> waiting = CollectionsMarshal.AsSpan(_buffer);
        int end = _head;
        while (end < waiting.Length && waiting[end].Ticks <= watermark)
        {
            end++;
        }

        return waiting[_head..end];
    }

    /// <summary>Drops the first <paramref name="count"/> waiting events (those <see cref="DueBy"/> returned).</summary>
    public void Consume(int count)
    {
        _head += count;
        if (_head == _buffer.Count)
        {
            _buffer.Clear();
            _head = 0;
            _sorted = 0;
        }
        else if (_head >= 32 && _head >= _buffer.Count - _head)
        {
            // Compact once the consumed part outgrows what is left (moving what is left costs no more than what was
            // consumed): events in time order leave one event waiting after each advance, and the buffer stays small.
            _buffer.RemoveRange(0, _head);
            _sorted -= _head;
            _head = 0;
        }
    }

    // Sorts the arrival-order tail (stably: by time, then arrival) and merges it into the sorted run before it (which
    // arrived earlier, so it goes first among equal times).
    private void Sort()
    {
        int count = _buffer.Count;
        if (_sorted == count)
        {
            return;
        }

        // Scratch arrays from the pool: a grain per customer sorts a batch's worth on every write.
        Span<MonitorEvent> all = CollectionsMarshal.AsSpan(_buffer);
        int tailLength = count - _sorted, runLength = _sorted - _head;
        MonitorEvent[] tail = ArrayPool<MonitorEvent>.Shared.Rent(tailLength);
        MonitorEvent[] run = ArrayPool<MonitorEvent>.Shared.Rent(runLength);
        var keys = ArrayPool<(long Ticks, int Arrival)>.Shared.Rent(tailLength);
        try
        {
            all[_sorted..].CopyTo(tail);
            for (int i = 0; i < tailLength; i++)
            {
                keys[i] = (tail[i].Ticks, i);
            }

            Array.Sort(keys, tail, 0, tailLength);
            all[_head.._sorted].CopyTo(run);
            int a = 0, b = 0, k = _head;
            while (a < runLength && b < tailLength)
            {
                all[k++] = run[a].Ticks <= tail[b].Ticks ? run[a++] : tail[b++];
            }

            while (a < runLength)
            {
                all[k++] = run[a++];
            }

            while (b < tailLength)
            {
                all[k++] = tail[b++];
            }
        }
        finally
        {
            ArrayPool<MonitorEvent>.Shared.Return(tail);
            ArrayPool<MonitorEvent>.Shared.Return(run);
            ArrayPool<(long Ticks, int Arrival)>.Shared.Return(keys);
        }

        _sorted = count;
        _tailMin = long.MaxValue;
    }
}
