using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace JourneyKit.Rules;

/// <summary>
/// The live state of every customer: the last known stage and a short list of episode nodes (one per rule with an open
/// episode or a firing history to keep), nodes in fixed blocks with a free list. 28 bytes per node, 16 per customer (a bit per rule says which nodes exist); a
/// lookup walks the customer's own few nodes instead of hashing into a table of millions.
/// </summary>
internal sealed class EpisodeTable
{
    private const int BlockShift = 12;
    private const int BlockSize = 1 << BlockShift;
    private readonly List<Node[]> _blocks = [];
    private const int FirstBlock = 8;

    // Small to start with: a customer grain holds a table of one customer, and a block of 4,096 nodes (114 KB) would go
    // to the large-object heap for each of them. The first block doubles up to the full size; later blocks are full.
    private Customer[] _customers = new Customer[4];
    private int _nodes;
    private int _free = -1;
    private long _instant = long.MinValue;
    private readonly List<(int Customer, int Rule, bool KeepHistory)> _transient = [];

    public int CustomerCount { get; private set; }

    public int OpenCount { get; private set; }

    public int NodeCount { get; private set; }

    public long Bytes => (_customers.Length * (long)Unsafe.SizeOf<Customer>()) + (_blocks.Sum(b => (long)b.Length) * Unsafe.SizeOf<Node>());

    /// <summary>Adds customers up to <paramref name="count"/> (ids are dense and given in order).</summary>
    public void EnsureCustomers(int count)
    {
        if (count > _customers.Length)
        {
            Array.Resize(ref _customers, Math.Max(count, _customers.Length * 2));
        }

        for (int c = CustomerCount; c < count; c++)
        {
            _customers[c] = new Customer { Head = -1, LastStage = -1 };
        }

        CustomerCount = Math.Max(CustomerCount, count);
    }

    public ref int LastStage(int customer) => ref _customers[customer].LastStage;

    public EpisodeSlot Load(int customer, int rule)
    {
        if (rule < 64 && (_customers[customer].Rules & (1UL << rule)) == 0)
        {
            return default; // the header says there is no node: no walk
        }

        int n = Find(customer, rule);
        if (n < 0)
        {
            return default;
        }

        ref Node node = ref At(n);
        return new EpisodeSlot { Open = node.Open, Start = node.Start, Firings = node.Firings, LastFired = node.LastFired, SameStart = node.SameStart };
    }

    /// <summary>
    /// Writes a slot; a slot with nothing to keep (closed, and no history needed) frees its node — unless an episode
    /// started at the instant being applied (<see cref="BeginInstant"/>): another may start at it, and must be numbered
    /// after it, so the node stays until the instant is over.
    /// </summary>
    public void Store(int customer, int rule, in EpisodeSlot slot, bool keepHistory)
    {
        bool lasting = slot.Open || (keepHistory && slot.Firings > 0);
        bool keep = lasting || (slot.SameStart > 0 && slot.Start == _instant);
        ref Customer header = ref _customers[customer];
        int previous = -1;
        int n = rule < 64 && (header.Rules & (1UL << rule)) == 0 ? -1 : header.Head;
        while (n >= 0 && At(n).Rule != rule)
        {
            previous = n;
            n = At(n).Next;
        }

        if (n < 0)
        {
            if (!keep)
            {
                return;
            }

            n = Allocate();
            At(n) = new Node { Next = header.Head };
            header.Head = n;
            header.Rules |= rule < 64 ? 1UL << rule : 0;
        }
        else if (!keep)
        {
            OpenCount -= At(n).Open ? 1 : 0;
            header.Rules &= rule < 64 ? ~(1UL << rule) : ulong.MaxValue;
            if (previous < 0)
            {
                header.Head = At(n).Next;
            }
            else
            {
                At(previous).Next = At(n).Next;
            }

            At(n).Next = _free;
            _free = n;
            NodeCount--;
            return;
        }

        if (!lasting)
        {
            // Kept for this instant only (new, or an episode that opened and closed at it): freed when the instant ends.
            _transient.Add((customer, rule, keepHistory));
        }

        ref Node node = ref At(n);
        OpenCount += (slot.Open ? 1 : 0) - (node.Open ? 1 : 0);
        node.Rule = (short)rule;
        node.Open = slot.Open;
        node.Start = slot.Start;
        node.Firings = slot.Firings;
        node.LastFired = slot.LastFired;
        node.SameStart = slot.SameStart;
    }

    /// <summary>
    /// Events at <paramref name="ticks"/> are applied next (in time order). When the instant moves on, nodes kept only
    /// for the instant before are freed; <see cref="long.MinValue"/> ends the last instant.
    /// </summary>
    public void BeginInstant(long ticks)
    {
        if (ticks == _instant)
        {
            return;
        }

        _instant = ticks;
        if (_transient.Count == 0)
        {
            return;
        }

        int count = _transient.Count;
        for (int i = 0; i < count; i++)
        {
            (int customer, int rule, bool keepHistory) = _transient[i];
            Store(customer, rule, Load(customer, rule), keepHistory);
        }

        _transient.RemoveRange(0, count);
    }

    /// <summary>Every kept slot: (customer, rule, slot).</summary>
    public IEnumerable<(int Customer, int Rule, EpisodeSlot Slot)> All()
    {
        for (int c = 0; c < CustomerCount; c++)
        {
            for (int n = _customers[c].Head; n >= 0; n = At(n).Next)
            {
                Node node = At(n);
                yield return (c, node.Rule, new EpisodeSlot { Open = node.Open, Start = node.Start, Firings = node.Firings, LastFired = node.LastFired, SameStart = node.SameStart });
            }
        }
    }

    private int Find(int customer, int rule)
    {
        int n = _customers[customer].Head;
        while (n >= 0 && At(n).Rule != rule)
        {
            n = At(n).Next;
        }

        return n;
    }

    private ref Node At(int n) => ref _blocks[n >> BlockShift][n & (BlockSize - 1)];

    private int Allocate()
    {
        NodeCount++;
        if (_free >= 0)
        {
            int n = _free;
            _free = At(n).Next;
            return n;
        }

        if (_nodes < BlockSize)
        {
            if (_blocks.Count == 0)
            {
                _blocks.Add(new Node[FirstBlock]);
            }
            else if (_nodes == _blocks[0].Length)
            {
                var grown = _blocks[0];
                Array.Resize(ref grown, Math.Min(BlockSize, grown.Length * 2));
                _blocks[0] = grown;
            }
        }
        else if ((_nodes & (BlockSize - 1)) == 0)
        {
            _blocks.Add(new Node[BlockSize]);
        }

        return _nodes++;
    }

    private struct Customer
    {
        public ulong Rules; // bit r: a node for rule r (r < 64) exists
        public int Head;
        public int LastStage;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Node
    {
        public long Start;
        public long LastFired;
        public int Next;
        public int Firings;
        public short Rule;
        public bool Open;
        public byte SameStart; // in what was padding: still 28 bytes
    }
}
