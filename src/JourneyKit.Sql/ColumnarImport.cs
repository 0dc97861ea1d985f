using JourneyKit.Events;

namespace JourneyKit.Sql;

/// <summary>
/// The finished log's columns, filled by the columnar read: each event goes straight to its place in its customer's
/// range (the database counted every customer's events first), then each range is put in journey order — time, then the
/// tiebreak — where it is not already.
/// </summary>
internal sealed class ColumnarImport
{
    private int[] _cursor = [];
    private int[] _offsets = [];
    private long[] _ticks = [];
    private int[] _touchpoint = [];
    private int[] _channel = [];
    private int[] _stage = [];
    private EventOutcome[] _outcome = [];
    private double[]? _value;
    private double[]? _feedback;
    // The tiebreak of equal times: the order column's value less its minimum in 4 bytes when the column's range allows
    // (uint.MaxValue for none), else in 8; without an order column, computed from the labels when sorting (no column).
    private uint[]? _orderNarrow;
    private long[]? _orderWide;
    private long _orderBase;
    private int[] _rankTouchpoint = [];
    private int[] _rankChannel = [];
    private int[] _rankStage = [];
    private string[] _customers = [];

    public string[] Touchpoints { get; set; } = [];

    public string[] Channels { get; set; } = [];

    public string[] Stages { get; set; } = [];

    // Sizes every column from the customers' event counts (ids in order); labels must be set before. orderRange: the
    // order column's least and greatest value, or null without one (or with none but NULLs).
    public void Allocate(string[] customers, long[] counts, bool outcome, bool value, bool feedback, bool orderColumn, (long Min, long Max)? orderRange)
    {
        long total = 0;
        _offsets = new int[customers.Length + 1];
        for (int c = 0; c < customers.Length; c++)
        {
            total += counts[c];
            if (total > Array.MaxLength)
            {
                throw new InvalidOperationException($"The table holds more than the {Array.MaxLength:N0} events an event log can hold.");
            }

            _offsets[c + 1] = (int)total;
        }

        int n = (int)total;
        _customers = customers;
        _cursor = _offsets[..^1];
        _ticks = GC.AllocateUninitializedArray<long>(n);
        _touchpoint = GC.AllocateUninitializedArray<int>(n);
        _channel = GC.AllocateUninitializedArray<int>(n);
        _stage = GC.AllocateUninitializedArray<int>(n);
        _outcome = new EventOutcome[outcome ? n : 0];
        _value = value ? GC.AllocateUninitializedArray<double>(n) : null;
        _feedback = feedback ? GC.AllocateUninitializedArray<double>(n) : null;
        if (orderColumn && (orderRange is not { } range || (ulong)(range.Max - range.Min) < uint.MaxValue))
        {
            _orderNarrow = GC.AllocateUninitializedArray<uint>(n);
            _orderBase = orderRange?.Min ?? 0;
        }
        else if (orderColumn)
        {
            _orderWide = GC.AllocateUninitializedArray<long>(n);
        }

        _rankTouchpoint = BinaryRanks(Touchpoints, nullLast: false);
        _rankChannel = BinaryRanks(Channels, nullLast: true);
        _rankStage = BinaryRanks(Stages, nullLast: true);
    }

    // One event: its customer's dense id, µs since 1970, the packed label ids (20 bits each: touchpoint, channel + 1,
    // stage + 1; the outcome in bits 60–61), its numbers and its order value (long.MaxValue for none, as NULLS LAST).
    public void Place(int customer, long micros, long packed, double value, double feedback, long order)
    {
        int at = _cursor[customer]++;
        if (at >= _offsets[customer + 1])
        {
            throw new InvalidOperationException($"Customer '{_customers[customer]}' has more events than the table counted a moment before: the table changed during the read.");
        }

        int tp = (int)(packed & 0xFFFFF);
        int ch = (int)((packed >> 20) & 0xFFFFF) - 1;
        int st = (int)((packed >> 40) & 0xFFFFF) - 1;
        _ticks[at] = DateTime.UnixEpoch.Ticks + (micros * 10);
        _touchpoint[at] = tp;
        _channel[at] = ch;
        _stage[at] = st;
        if (_outcome.Length > 0)
        {
            _outcome[at] = (EventOutcome)(packed >> 60);
        }

        if (_value is not null)
        {
            _value[at] = value;
        }

        if (_feedback is not null)
        {
            _feedback[at] = feedback;
        }

        if (_orderNarrow is not null)
        {
            ulong offset = (ulong)(order - _orderBase);
            if (order != long.MaxValue && offset >= uint.MaxValue)
            {
                throw new InvalidOperationException($"An event of customer '{_customers[customer]}' has an order value ({order}) outside the range the table held a moment before: the table changed during the read.");
            }

            _orderNarrow[at] = order == long.MaxValue ? uint.MaxValue : (uint)offset;
        }
        else if (_orderWide is not null)
        {
            _orderWide[at] = order;
        }
    }

    public EventLog Finish(CancellationToken cancellationToken)
    {
        for (int c = 0; c < _customers.Length; c++)
        {
            if (_cursor[c] != _offsets[c + 1])
            {
                throw new InvalidOperationException($"Customer '{_customers[c]}' has fewer events than the table counted a moment before: the table changed during the read.");
            }
        }

        _cursor = [];
        SortJourneys(cancellationToken);
        _orderNarrow = null;
        _orderWide = null;
        int n = _ticks.Length;
        var outcome = _outcome.Length == n ? _outcome : new EventOutcome[n];
        return new EventLog(
            null,
            _customers,
            Touchpoints,
            Channels,
            Stages,
            [],
            _offsets,
            _ticks,
            _touchpoint,
            _channel,
            _stage,
            outcome,
            _value is not null && _value.AsSpan().ContainsAnyExcept(double.NaN) ? _value : null,
            null,
            _feedback is not null && _feedback.AsSpan().ContainsAnyExcept(double.NaN) ? _feedback : null);
    }

    // Each journey in (time, tiebreak) order; most arrive in order, and a journey in order is only read.
    private void SortJourneys(CancellationToken cancellationToken)
    {
        var keys = new List<(long Ticks, long Tie, int Index)>();
        for (int c = 0; c < _customers.Length; c++)
        {
            if ((c & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int from = _offsets[c], to = _offsets[c + 1];
            if (InOrder(from, to))
            {
                continue;
            }

            keys.Clear();
            for (int i = from; i < to; i++)
            {
                keys.Add((_ticks[i], Tie(i), i));
            }

            keys.Sort();
            Permute(_ticks, keys, from);
            Permute(_touchpoint, keys, from);
            Permute(_channel, keys, from);
            Permute(_stage, keys, from);
            if (_outcome.Length > 0)
            {
                Permute(_outcome, keys, from);
            }

            if (_value is not null)
            {
                Permute(_value, keys, from);
            }

            if (_feedback is not null)
            {
                Permute(_feedback, keys, from);
            }
        }
    }

    private bool InOrder(int from, int to)
    {
        for (int i = from + 1; i < to; i++)
        {
            if (_ticks[i] < _ticks[i - 1] || (_ticks[i] == _ticks[i - 1] && Tie(i) < Tie(i - 1)))
            {
                return false;
            }
        }

        return true;
    }

    // The tiebreak of an event: its order value (as stored: only the order matters), or without an order column its
    // labels in binary order, none last — as the SQL's ORDER BY.
    private long Tie(int at) =>
        _orderNarrow is not null ? _orderNarrow[at]
        : _orderWide is not null ? _orderWide[at]
        : ((long)_rankTouchpoint[_touchpoint[at]] << 42) | ((long)_rankChannel[_channel[at] + 1] << 21) | (uint)_rankStage[_stage[at] + 1];

    private static void Permute<T>(T[] column, List<(long Ticks, long Tie, int Index)> order, int from)
    {
        var copy = new T[order.Count];
        for (int k = 0; k < copy.Length; k++)
        {
            copy[k] = column[order[k].Index];
        }

        copy.CopyTo(column, from);
    }

    // rank[id] (rank[id + 1] with a leading slot for "none" when nullLast) of each label in binary (code point) order.
    private static int[] BinaryRanks(string[] labels, bool nullLast)
    {
        int shift = nullLast ? 1 : 0;
        var order = Enumerable.Range(0, labels.Length).ToArray();
        Array.Sort(order, (a, b) => CompareCodePoints(labels[a], labels[b]));
        var rank = new int[labels.Length + shift];
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r] + shift] = r;
        }

        if (nullLast)
        {
            rank[0] = labels.Length;
        }

        return rank;
    }

    // UTF-8 byte order, which is code point order (UTF-16 code unit order differs above U+D7FF).
    private static int CompareCodePoints(string a, string b)
    {
        var x = a.EnumerateRunes();
        var y = b.EnumerateRunes();
        while (true)
        {
            bool hasX = x.MoveNext(), hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX.CompareTo(hasY);
            }

            int d = x.Current.Value.CompareTo(y.Current.Value);
            if (d != 0)
            {
                return d;
            }
        }
    }
}
