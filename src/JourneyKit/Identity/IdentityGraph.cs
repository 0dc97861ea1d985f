using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>
/// Profiles of identifiers that belong to one person, built by <see cref="IdentityGraphBuilder"/>: which profile an
/// identifier is in, its canonical id, why two identifiers were merged, what was refused — and event logs re-keyed from
/// raw identifiers to profiles. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// Memory: per identifier its value string plus about 14 bytes of table, 4 of profile number, a share of the canonical ids
/// and 20 bytes per merging link (one per merge, at most one per identifier). Explanations and member lists build an
/// index on first use (about 18 and 8 bytes per identifier).
/// </remarks>
public sealed partial class IdentityGraph
{
    private readonly int[] _profile;
    private readonly int[] _canonical;
    private Adjacency? _adjacency;
    private int[][]? _members;

    internal IdentityGraph(IdentityRules rules, IdentifierTable table, int[] profile, int[] canonical, ForestEdges edges, string[] sources, IdentityReport report, long observations)
    {
        Rules = rules;
        Table = table;
        _profile = profile;
        _canonical = canonical;
        Edges = edges;
        Sources = sources;
        Report = report;
        Observations = observations;
    }

    /// <summary>Gets the merge rules the graph was built with.</summary>
    public IdentityOptions Options => Rules.Options;

    /// <summary>Gets the number of distinct identifiers.</summary>
    public int IdentifierCount => Table.Count;

    /// <summary>Gets the number of profiles (people).</summary>
    public int ProfileCount => _canonical.Length;

    /// <summary>Gets what became of every link observation, including each refused link and the rule that refused it.</summary>
    public IdentityReport Report { get; }

    internal IdentityRules Rules { get; }

    internal IdentifierTable Table { get; }

    internal ForestEdges Edges { get; }

    internal string[] Sources { get; }

    internal long Observations { get; }

    internal ReadOnlySpan<int> ProfileIds => _profile;

    internal ReadOnlySpan<int> CanonicalIds => _canonical;

    internal int CanonicalOfIdentifier(int id) => _canonical[_profile[id]];

    /// <summary>
    /// Gets the canonical id of the profile an identifier belongs to: <c>kind:value</c> of the profile's identifier of the
    /// highest-priority kind (several of that kind: the ordinal-smallest value). An identifier the graph has never seen is
    /// a profile of its own.
    /// </summary>
    /// <param name="kind">The kind; one of <see cref="IdentityOptions.KindPriority"/>.</param>
    /// <param name="value">The value as recorded (normalised here as the graph normalises that kind).</param>
    /// <returns>The canonical profile id.</returns>
    /// <exception cref="ArgumentException">The kind is not configured, or the value is blank or blocked.</exception>
    public string ProfileOf(string kind, string value)
    {
        int k = Rules.RequireKind(kind, nameof(kind));
        string normalized = NormalizeOrThrow(k, value, nameof(value));
        int id = Table.Find(k, normalized);
        return id < 0 ? Rules.Kinds[k] + ":" + normalized : CanonicalName(_canonical[_profile[id]]);
    }

    /// <summary>Gets every identifier of the profile an identifier belongs to, by kind priority and then value (ordinal).</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The value as recorded.</param>
    /// <returns>The identifiers (normalised); only the identifier itself when the graph has never seen it.</returns>
    /// <exception cref="ArgumentException">The kind is not configured, or the value is blank or blocked.</exception>
    public IReadOnlyList<Identifier> MembersOf(string kind, string value)
    {
        int k = Rules.RequireKind(kind, nameof(kind));
        string normalized = NormalizeOrThrow(k, value, nameof(value));
        int id = Table.Find(k, normalized);
        if (id < 0)
        {
            return [new Identifier(Rules.Kinds[k], normalized)];
        }

        var members = Volatile.Read(ref _members) ?? BuildMembers();
        return [.. members[_profile[id]].Select(Identify)];
    }

    /// <summary>Explains why two identifiers are one profile: the chain of merged links, with their times and sources, that joins them.</summary>
    /// <param name="first">One identifier (value as recorded).</param>
    /// <param name="second">The other identifier.</param>
    /// <returns>The chain (no links when both are the same identifier), or <see langword="null"/> when they are not one profile.</returns>
    /// <exception cref="ArgumentException">A kind is not configured, or a value is blank or blocked.</exception>
    public IdentityExplanation? Explain(Identifier first, Identifier second)
    {
        int ka = Rules.RequireKind(first.Kind, nameof(first)), kb = Rules.RequireKind(second.Kind, nameof(second));
        string va = NormalizeOrThrow(ka, first.Value, nameof(first)), vb = NormalizeOrThrow(kb, second.Value, nameof(second));
        var from = new Identifier(Rules.Kinds[ka], va);
        var to = new Identifier(Rules.Kinds[kb], vb);
        int a = Table.Find(ka, va), b = Table.Find(kb, vb);
        if (a < 0 || b < 0)
        {
            return a < 0 && b < 0 && from == to ? new IdentityExplanation(from, to, []) : null;
        }

        if (_profile[a] != _profile[b])
        {
            return null;
        }

        var adjacency = Volatile.Read(ref _adjacency) ?? BuildAdjacency();
        return new IdentityExplanation(from, to, adjacency.Path(a, b, this));
    }

    /// <summary>
    /// Creates a builder that continues this graph (new logins during the day): its profiles, explanations and report are
    /// kept, and new observations merge into them without re-applying the earlier ones.
    /// </summary>
    /// <returns>A builder with this graph's state.</returns>
    public IdentityGraphBuilder ToBuilder() => new(this);

    /// <summary>
    /// Re-keys a log whose customer ids are identifiers of one kind to canonical profile ids: the events of all raw ids of
    /// one profile become one journey (ordered by time; equal timestamps in the log's customer order), and each event keeps
    /// the raw identifier it was logged under as its <see cref="JourneyEvent.Actor"/> (<c>kind:value</c> as in the log), unless
    /// it already named an actor. Raw ids the graph has never seen stay journeys of their own, under <c>kind:value</c>.
    /// </summary>
    /// <param name="log">The log, keyed by identifiers of <paramref name="kind"/>.</param>
    /// <param name="kind">The kind of the log's customer ids.</param>
    /// <param name="cancellationToken">Cancels the re-keying (checked between passes over the events).</param>
    /// <returns>A log keyed by profile, with every event of <paramref name="log"/>: profiles in order of their first raw id in the log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">The kind is not configured.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public EventLog Rekey(EventLog log, string kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        return RekeyCore(log, kind, cancellationToken);
    }

    /// <summary>
    /// Gets, for every identifier of one kind, its canonical profile id: a table to re-key events during ingest through
    /// <see cref="IngestOptions.CustomerAliases"/> (the raw id is kept as each event's actor). Ingest matches ids exactly,
    /// so this suits files whose ids are already normalised; otherwise read the file and <see cref="Rekey(EventLog, string, CancellationToken)"/> it.
    /// </summary>
    /// <param name="kind">The kind of the file's customer ids.</param>
    /// <returns>Normalised value → canonical profile id, for every identifier of the kind in the graph.</returns>
    /// <exception cref="ArgumentException">The kind is not configured.</exception>
    public IReadOnlyDictionary<string, string> AliasesFor(string kind)
    {
        int k = Rules.RequireKind(kind, nameof(kind));
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new string?[_canonical.Length];
        for (int id = 0; id < Table.Count; id++)
        {
            if (Table.KindOf(id) == k)
            {
                int p = _profile[id];
                aliases[Table.ValueOf(id)] = names[p] ??= CanonicalName(_canonical[p]);
            }
        }

        return aliases;
    }

    /// <summary>
    /// Stitches several sources' logs (web, app, CRM, support desk), each keyed by its own kind of identifier, into one log
    /// keyed by profile, and accounts for each source.
    /// </summary>
    /// <param name="sources">The sources; their logs resolved through one map instance or none.</param>
    /// <param name="cancellationToken">Cancels the stitch.</param>
    /// <returns>The stitched log and the accounting per source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">A kind is not configured, two sources share a name, or the logs use different maps.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public StitchedLog Stitch(IEnumerable<IdentitySource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var list = sources.ToList();
        if (list.Any(s => s is null))
        {
            throw new ArgumentNullException(nameof(sources), "A source is null.");
        }

        if (list.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"Two sources are named '{Guard.Clip(repeated.Key)}'.", nameof(sources));
        }

        var rekeyed = new List<EventLog>(list.Count);
        var accounting = new List<StitchedSource>(list.Count);
        foreach (IdentitySource source in list)
        {
            EventLog log = Rekey(source.Log, source.Kind, cancellationToken);
            rekeyed.Add(log);
            accounting.Add(new StitchedSource(source.Name, source.Kind, source.Log.EventCount, source.Log.CustomerCount, log.CustomerCount, source.Ingest));
        }

        return new StitchedLog(EventLog.Merge(rekeyed, cancellationToken), accounting);
    }

    /// <summary>Saves the graph (options, identifiers, profiles, merging links, report) to a stream in a versioned binary format.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        IdentitySnapshot.Write(this, stream);
    }

    /// <summary>Loads a graph saved by <see cref="Save"/>; continue it with <see cref="ToBuilder"/>.</summary>
    /// <param name="stream">A readable stream positioned at the graph; left open.</param>
    /// <returns>The graph, equal to the one saved.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a saved identity graph, is truncated or corrupt, or was saved by a newer format version (the message says which).</exception>
    public static IdentityGraph Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return IdentitySnapshot.Read(stream);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Identity graph: {Show.Count(IdentifierCount)} identifiers in {Show.Count(ProfileCount)} profiles; {Report}";

    internal string CanonicalName(int id) => Rules.Kinds[Table.KindOf(id)] + ":" + Table.ValueOf(id);

    internal Identifier Identify(int id) => Rules.Identify(Table, id);

    internal IdentityLink EdgeLink(int edge, bool reversed)
    {
        int a = Edges.A[edge], b = Edges.B[edge];
        int source = Edges.Source[edge];
        return new IdentityLink(
            Identify(reversed ? b : a),
            Identify(reversed ? a : b),
            new DateTimeOffset(Edges.Ticks[edge], TimeSpan.Zero),
            source < 0 ? null : Sources[source]);
    }

    private string NormalizeOrThrow(int kind, string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        string normalized = Rules.Normalize(kind, value);
        return string.IsNullOrWhiteSpace(normalized)
            ? throw new ArgumentException($"The {Rules.Kinds[kind]} value is blank.", paramName)
            : Rules.IsBlocked(normalized)
                ? throw new ArgumentException($"The {Rules.Kinds[kind]} value '{Guard.Clip(normalized)}' is blocked (IdentityOptions.BlockedValues): it names no one, so it has no profile.", paramName)
                : normalized;
    }

    private int[][] BuildMembers()
    {
        var counts = new int[_canonical.Length];
        foreach (int p in _profile)
        {
            counts[p]++;
        }

        var members = new int[_canonical.Length][];
        for (int p = 0; p < members.Length; p++)
        {
            members[p] = new int[counts[p]];
            counts[p] = 0;
        }

        for (int id = 0; id < _profile.Length; id++)
        {
            members[_profile[id]][counts[_profile[id]]++] = id;
        }

        foreach (int[] list in members)
        {
            if (list.Length > 1)
            {
                Array.Sort(list, Table.Compare);
            }
        }

        return Interlocked.CompareExchange(ref _members, members, null) ?? members;
    }

    private Adjacency BuildAdjacency()
    {
        var adjacency = new Adjacency(Table.Count, Edges);
        return Interlocked.CompareExchange(ref _adjacency, adjacency, null) ?? adjacency;
    }

    /// <summary>The merging links as an undirected graph in compressed rows, for breadth-first paths within a profile.</summary>
    /// <summary>
    /// The merging links as a rooted forest (a parent, the link to it and a depth per identifier: 12 bytes each), built
    /// once: the chain between two identifiers of one profile is unique, and found by walking both up to where they meet
    /// — in time proportional to the chain, however large the profile.
    /// </summary>
    private sealed class Adjacency
    {
        private readonly int[] _parent;
        private readonly int[] _parentEdge;
        private readonly int[] _depth;

        public Adjacency(int n, ForestEdges edges)
        {
            var offsets = new int[n + 1];
            ReadOnlySpan<int> a = edges.A, b = edges.B;
            for (int e = 0; e < a.Length; e++)
            {
                offsets[a[e] + 1]++;
                offsets[b[e] + 1]++;
            }

            for (int i = 0; i < n; i++)
            {
                offsets[i + 1] += offsets[i];
            }

            var incident = new int[a.Length * 2]; // edge numbers, by identifier
            var cursor = offsets[..^1];
            for (int e = 0; e < a.Length; e++)
            {
                incident[cursor[a[e]]++] = e;
                incident[cursor[b[e]]++] = e;
            }

            _parent = new int[n];
            _parentEdge = new int[n];
            _depth = new int[n];
            Array.Fill(_parent, -2); // not reached yet
            var queue = new int[n];
            for (int root = 0; root < n; root++)
            {
                if (_parent[root] != -2)
                {
                    continue;
                }

                _parent[root] = -1;
                int head = 0, tail = 0;
                queue[tail++] = root;
                while (head < tail)
                {
                    int x = queue[head++];
                    for (int i = offsets[x]; i < offsets[x + 1]; i++)
                    {
                        int e = incident[i];
                        int y = a[e] == x ? b[e] : a[e];
                        if (_parent[y] == -2)
                        {
                            _parent[y] = x;
                            _parentEdge[y] = e;
                            _depth[y] = _depth[x] + 1;
                            queue[tail++] = y;
                        }
                    }
                }
            }
        }

        // The links form a forest, so the path between two identifiers of one profile is unique.
        public List<IdentityLink> Path(int from, int to, IdentityGraph graph)
        {
            var up = new List<IdentityLink>();
            var down = new List<IdentityLink>();
            int x = from, y = to;
            while (x != y)
            {
                if (_depth[x] >= _depth[y])
                {
                    int e = _parentEdge[x];
                    up.Add(graph.EdgeLink(e, reversed: graph.Edges.A[e] != x)); // from x, the side nearer 'from'
                    x = _parent[x];
                }
                else
                {
                    int e = _parentEdge[y];
                    down.Add(graph.EdgeLink(e, reversed: graph.Edges.A[e] != _parent[y])); // from y's parent, nearer 'from'
                    y = _parent[y];
                }
            }

            down.Reverse();
            up.AddRange(down);
            return up;
        }
    }
}
