using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>
/// Collects link observations — two identifiers seen together, or an event carrying several — and merges them into an
/// <see cref="IdentityGraph"/> of profiles under the merge rules of <see cref="IdentityOptions"/>.
/// </summary>
/// <remarks>
/// <para>
/// Observations are checked when added (kinds, blank, invalid and blocked values, self-links: refused and reported at
/// once) and merged by <see cref="Build"/>: links in time order, ties broken by the identifiers (kind, then value,
/// ordinal) and then the source, so that the same observations in any order give the same profiles, canonical ids,
/// refusals and explanations. Each merge is a union over dense ids (union by rank, path halving); a link that would put
/// more identifiers of a kind into one profile than <see cref="IdentityOptions.MaxPerProfile"/> allows is refused
/// with the rule that refused it.
/// </para>
/// <para>
/// Incremental: after <see cref="Build"/> the builder keeps its state, so more observations (a day's new logins) are merged
/// into the same profiles by the next <see cref="Build"/> without re-applying the earlier ones; a built or loaded graph continues
/// through <see cref="IdentityGraph.ToBuilder"/>. Each build merges its new links after those of earlier
/// builds, so with limits an incremental run equals one batch when each increment's links are not earlier than the
/// previous increments' (without limits it always does). Not thread-safe.
/// </para>
/// </remarks>
public sealed class IdentityGraphBuilder
{
    private const int BlockBits = 16;
    private const int BlockSize = 1 << BlockBits;
    private const int BlockMask = BlockSize - 1;

    private readonly IdentityRules _rules;
    private readonly IdentifierTable _table;
    private readonly StringTable _sources = new();
    private readonly List<RefusedLink> _refused = [];
    private readonly long[] _refusedCounts = new long[Enum.GetValues<LinkRefusal>().Length];
    private readonly int[][] _counts;
    private int[] _parent = [];
    private byte[] _rank = [];
    private int[] _best = [];
    private ForestEdges _edges;
    private readonly List<PendingLink[]> _pending = [];
    private readonly List<long[]> _pendingTicks = [];
    private string? _lastSource;
    private int _lastSourceId = -1;
    private int _pendingCount;
    private long _observations;
    private long _read;
    private long _used;
    private long _redundant;
    private int _registered;
    private long _pendingBase;
    private LinkRefusal _refusalReason;

    /// <summary>Creates an empty builder.</summary>
    /// <param name="options">The merge rules; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="IdentityOptions.Validate"/>).</exception>
    public IdentityGraphBuilder(IdentityOptions? options = null)
    {
        _rules = new IdentityRules(options ?? new IdentityOptions());
        _table = new IdentifierTable();
        _counts = new int[_rules.LimitedKinds.Length][];
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] = [];
        }

        _edges = new ForestEdges(0);
    }

    // Continues a graph (IdentityGraph.ToBuilder).
    internal IdentityGraphBuilder(IdentityGraph graph)
    {
        _rules = graph.Rules;
        _table = graph.Table.Copy();
        _counts = new int[_rules.LimitedKinds.Length][];
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] = [];
        }

        int n = _table.Count;
        _registered = n;
        Resize(n);
        for (int id = 0; id < n; id++)
        {
            // Each profile becomes a star around its canonical identifier: same components, same canonical ids.
            int root = graph.CanonicalOfIdentifier(id);
            _parent[id] = root;
            _rank[id] = root == id ? (byte)1 : (byte)0;
            _best[id] = id;
            int kind = _table.KindOf(id);
            for (int i = 0; i < _counts.Length; i++)
            {
                if (_rules.LimitedKinds[i] == kind)
                {
                    _counts[i][root]++;
                }
            }
        }

        foreach (string source in graph.Sources)
        {
            _sources.Intern(source);
        }

        _edges = graph.Edges.Copy();
        _refused.AddRange(graph.Report.Refused);
        graph.Report.Counts.CopyTo(_refusedCounts, 0);
        _observations = graph.Observations;
        _read = graph.Report.LinksRead;
        _used = graph.Report.LinksUsed;
        _redundant = graph.Report.RedundantLinks;
    }

    /// <summary>Gets the merge rules.</summary>
    public IdentityOptions Options => _rules.Options;

    /// <summary>Gets the number of distinct identifiers registered so far.</summary>
    public int IdentifierCount => _table.Count;

    /// <summary>Gets the number of links waiting for the next <see cref="Build"/>.</summary>
    public int PendingLinks => _pendingCount;

    /// <summary>Observes that two identifiers belong to one person: seen together at a time (a login, a form, a ticket).</summary>
    /// <param name="firstKind">The kind of the first identifier (one of <see cref="IdentityOptions.KindPriority"/>).</param>
    /// <param name="firstValue">The first value, as recorded (it is normalised here).</param>
    /// <param name="secondKind">The kind of the second identifier.</param>
    /// <param name="secondValue">The second value, as recorded.</param>
    /// <param name="timestamp">When they were seen together.</param>
    /// <param name="source">Where the observation came from (explanations show it), or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Never throws for bad data: an unknown kind, a blank, invalid or blocked value and a self-link are refused and reported in <see cref="IdentityGraph.Report"/>.</remarks>
    public IdentityGraphBuilder Link(string firstKind, string firstValue, string secondKind, string secondValue, DateTimeOffset timestamp, string? source = null)
    {
        long observation = _observations++;
        AddLink(observation, new Identifier(firstKind, firstValue), new Identifier(secondKind, secondValue), timestamp.UtcTicks, source);
        return this;
    }

    /// <summary>
    /// Observes one event or record that carries several identifiers at once (a login event with cookie, device and user
    /// id): each is linked to the first acceptable one, so n identifiers give n − 1 links in the accounting.
    /// </summary>
    /// <param name="identifiers">The identifiers, values as recorded; a single one registers it as its own profile.</param>
    /// <param name="timestamp">When they were seen together.</param>
    /// <param name="source">Where the observation came from, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="identifiers"/> is null.</exception>
    public IdentityGraphBuilder Observe(IEnumerable<Identifier> identifiers, DateTimeOffset timestamp, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var list = identifiers as IReadOnlyList<Identifier> ?? [.. identifiers];
        long observation = _observations++;
        if (list.Count == 0)
        {
            return this;
        }

        int hub = 0;
        while (hub < list.Count && Check(list[hub], out _, out _) is not null)
        {
            hub++;
        }

        if (list.Count == 1)
        {
            if (hub == 0)
            {
                _ = Check(list[0], out int kind, out string value);
                _table.Intern(kind, value);
            }
            else
            {
                // A lone unacceptable identifier: one link read, refused, so that it is not lost without a word.
                AddLink(observation, list[0], list[0], timestamp.UtcTicks, source);
            }

            return this;
        }

        hub = hub == list.Count ? 0 : hub;
        for (int i = 0; i < list.Count; i++)
        {
            if (i != hub)
            {
                AddLink(observation, list[hub], list[i], timestamp.UtcTicks, source);
            }
        }

        return this;
    }

    /// <summary>Merges the links observed since the last build and returns the graph as it now stands; the builder keeps its state for more observations.</summary>
    /// <param name="cancellationToken">Cancels the build while it orders the links, before anything is merged; a cancelled build merges nothing and keeps the links pending.</param>
    /// <returns>An immutable graph.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IdentityGraph Build(CancellationToken cancellationToken = default)
    {
        var order = SortPending(cancellationToken);
        RegisterNew();
        int count = _pendingCount;

        // A merge adds one link to the forest, and a forest of n identifiers has at most n − 1: sized once, not doubled.
        _edges.EnsureCapacity(_edges.Count + Math.Min(count, Math.Max(0, _table.Count - 1 - _edges.Count)));
        cancellationToken.ThrowIfCancellationRequested();

        // From here on nothing is cancelled: a half-merged batch would count its links twice when built again.
        for (int i = 0; i < count; i++)
        {
            int at = order is null ? i : order[i];
            ref PendingLink link = ref Pending(at);
            long ticks = _pendingTicks[at >> BlockBits][at & BlockMask];
            int ra = Find(link.A), rb = Find(link.B);
            if (ra == rb)
            {
                _used++;
                _redundant++;
                continue;
            }

            string? refusal = CheckLimits(ra, rb, link.A, link.B);
            if (refusal is not null)
            {
                if (CountRefusal(LinkRefusal.LimitExceeded))
                {
                    _refused.Add(new RefusedLink(_pendingBase + link.Offset, ToLink(link.A, link.B, ticks, link.Source), LinkRefusal.LimitExceeded, refusal));
                }

                continue;
            }

            Union(ra, rb);
            _edges.Add(link.A, link.B, ticks, link.Source);
            _used++;
        }

        _pendingCount = 0;
        _pending.Clear();
        _pendingTicks.Clear();
        return Snapshot();
    }

    // The order to merge pending links in: by time, ties by content; null when they are in that order already (the
    // usual case: observations arrive in time order), so that nothing is copied or sorted.
    private int[]? SortPending(CancellationToken cancellationToken)
    {
        int n = _pendingCount;
        int[]? order = null;
        long previous = long.MinValue;
        for (int i = 0; i < n; i++)
        {
            long t = _pendingTicks[i >> BlockBits][i & BlockMask];
            if (t < previous || (t == previous && CompareTied(i - 1, i) > 0))
            {
                order = new int[n];
                break;
            }

            previous = t;
        }

        if (order is null)
        {
            return null;
        }

        var keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = _pendingTicks[i >> BlockBits][i & BlockMask];
        }

        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Primitive keys sort fast; only runs of equal timestamps need the identifiers to order them.
        Array.Sort(keys, order);
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create(CompareTied));
            }

            start = end;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return order;
    }

    private int CompareTied(int x, int y)
    {
        ref PendingLink a = ref Pending(x);
        ref PendingLink b = ref Pending(y);
        int c = _table.Compare(a.A, b.A);
        c = c != 0 ? c : _table.Compare(a.B, b.B);
        c = c != 0 ? c : string.CompareOrdinal(a.Source < 0 ? null : _sources[a.Source], b.Source < 0 ? null : _sources[b.Source]);
        return c != 0 ? c : a.Offset.CompareTo(b.Offset);
    }

    private string? CheckLimits(int ra, int rb, int a, int b)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            int kind = _rules.LimitedKinds[i];
            int limit = _rules.Limits[kind];
            int total = _counts[i][ra] + _counts[i][rb];
            if (total > limit)
            {
                return $"Merging {Show(a)} (profile {Show(_best[ra])}) with {Show(b)} (profile {Show(_best[rb])}) would give one profile " +
                       $"{total} {_rules.Kinds[kind]} identifiers; MaxPerProfile allows {limit}.";
            }
        }

        return null;
    }

    private string Show(int id) => $"{_rules.Kinds[_table.KindOf(id)]}:{Guard.Clip(_table.ValueOf(id))}";

    private void Union(int ra, int rb)
    {
        if (_rank[ra] < _rank[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        if (_rank[ra] == _rank[rb])
        {
            _rank[ra]++;
        }

        if (_table.Compare(_best[rb], _best[ra]) < 0)
        {
            _best[ra] = _best[rb];
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i][ra] += _counts[i][rb];
        }
    }

    private int Find(int x)
    {
        int[] parent = _parent;
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private IdentityGraph Snapshot()
    {
        int n = _table.Count;
        var profileOfRoot = new int[n];
        Array.Fill(profileOfRoot, -1);
        var profile = new int[n];
        var canonical = new List<int>();
        for (int id = 0; id < n; id++)
        {
            int root = Find(id);
            if (profileOfRoot[root] < 0)
            {
                profileOfRoot[root] = canonical.Count;
                canonical.Add(_best[root]);
            }

            profile[id] = profileOfRoot[root];
        }

        var report = new IdentityReport(_read, _used, _redundant, [.. _refused], (long[])_refusedCounts.Clone());
        return new IdentityGraph(_rules, _table.Trimmed(), profile, [.. canonical], _edges.Snapshot(), [.. _sources.Names], report, _observations);
    }

    private void AddLink(long observation, Identifier first, Identifier second, long ticks, string? source)
    {
        _read++;
        int kindB = -1;
        string valueB = "";
        string? problem = Check(first, out int kindA, out string valueA);
        problem ??= Check(second, out kindB, out valueB);
        if (problem is null && kindA == kindB && string.Equals(valueA, valueB, StringComparison.Ordinal))
        {
            problem = $"{_rules.Kinds[kindA]}:{Guard.Clip(valueA)} is linked to itself.";
            _refusalReason = LinkRefusal.SelfLink;
        }

        int sourceId = SourceId(source);
        if (problem is not null)
        {
            if (CountRefusal(_refusalReason))
            {
                _refused.Add(new RefusedLink(observation, new IdentityLink(first, second, new DateTimeOffset(ticks, TimeSpan.Zero), sourceId < 0 ? null : _sources[sourceId]), _refusalReason, problem));
            }

            return;
        }

        int a = _table.Intern(kindA, valueA), b = _table.Intern(kindB, valueB);
        if (_table.Compare(b, a) < 0)
        {
            (a, b) = (b, a);
        }

        if ((_pendingCount & BlockMask) == 0)
        {
            if (_pendingCount == Array.MaxLength - BlockMask)
            {
                throw new InvalidOperationException($"More than {_pendingCount:N0} links since the last Build; call Build more often.");
            }

            // Blocks, not a doubling array: pending links are never copied while they accumulate.
            _pending.Add(new PendingLink[BlockSize]);
            _pendingTicks.Add(new long[BlockSize]);
        }

        if (_pendingCount == 0)
        {
            _pendingBase = observation;
        }

        long offset = observation - _pendingBase;
        if (offset > int.MaxValue)
        {
            throw new InvalidOperationException($"More than {int.MaxValue:N0} observations since the last Build; call Build more often.");
        }

        _pendingTicks[_pendingCount >> BlockBits][_pendingCount & BlockMask] = ticks;
        _pending[_pendingCount >> BlockBits][_pendingCount & BlockMask] = new PendingLink(a, b, sourceId, (int)offset);
        _pendingCount++;
    }

    // Every refusal is counted; true while its details are to be kept (up to the configured number).
    private bool CountRefusal(LinkRefusal reason)
    {
        _refusedCounts[(int)reason]++;
        return _refused.Count < _rules.Options.MaxRefusalDetails;
    }

    // Sources repeat (one per system): the last one is remembered by reference, so most links skip the lookup.
    private int SourceId(string? source)
    {
        if (ReferenceEquals(source, _lastSource))
        {
            return _lastSourceId;
        }

        int id = string.IsNullOrWhiteSpace(source) ? -1 : _sources.Intern(source);
        (_lastSource, _lastSourceId) = (source, id);
        return id;
    }

    // Null when acceptable (kind id and normalised value out); otherwise the problem, with the reason in _refusalReason.
    private string? Check(Identifier identifier, out int kind, out string value)
    {
        value = identifier.Value;
        kind = identifier.Kind is null ? -1 : _rules.KindId(identifier.Kind);
        if (kind < 0)
        {
            _refusalReason = LinkRefusal.UnknownKind;
            return $"'{Guard.Clip(identifier.Kind)}' is not a configured kind of identifier (IdentityOptions.KindPriority: {string.Join(", ", _rules.Kinds)}).";
        }

        if (value is null || string.IsNullOrWhiteSpace(value = _rules.Normalize(kind, value)))
        {
            value ??= "";
            _refusalReason = LinkRefusal.BlankValue;
            return $"The {_rules.Kinds[kind]} value is blank.";
        }

        if (!Guard.IsValidUnicode(value))
        {
            _refusalReason = LinkRefusal.InvalidText;
            return $"The {_rules.Kinds[kind]} value '{Guard.Clip(value)}' is not valid Unicode (a lone surrogate).";
        }

        if (_rules.IsBlocked(value))
        {
            _refusalReason = LinkRefusal.BlockedValue;
            return $"{_rules.Kinds[kind]}:{Guard.Clip(value)} is a blocked value (IdentityOptions.BlockedValues).";
        }

        return null;
    }

    // Union-find state for the identifiers interned since the last build: sized once per build, not doubled per identifier.
    private void RegisterNew()
    {
        int n = _table.Count;
        Resize(n);
        for (int id = _registered; id < n; id++)
        {
            _parent[id] = id;
            _best[id] = id;
            int kind = _table.KindOf(id);
            for (int i = 0; i < _counts.Length; i++)
            {
                _counts[i][id] = _rules.LimitedKinds[i] == kind ? 1 : 0;
            }
        }

        _registered = n;
    }

    private void Resize(int size)
    {
        if (size <= _parent.Length)
        {
            return;
        }

        Array.Resize(ref _parent, size);
        Array.Resize(ref _rank, size);
        Array.Resize(ref _best, size);
        for (int i = 0; i < _counts.Length; i++)
        {
            Array.Resize(ref _counts[i], size);
        }
    }

    private IdentityLink ToLink(int a, int b, long ticks, int source) =>
        new(Identify(a), Identify(b), new DateTimeOffset(ticks, TimeSpan.Zero), source < 0 ? null : _sources[source]);

    private Identifier Identify(int id) => _rules.Identify(_table, id);

    private ref PendingLink Pending(int index) => ref _pending[index >> BlockBits][index & BlockMask];

    // 16 bytes (the observation as an offset from the batch's first); the time is a column of its own (_pendingTicks) so
    // that checking and sorting the order reads 8 bytes per link.
    private readonly record struct PendingLink(int A, int B, int Source, int Offset);
}
