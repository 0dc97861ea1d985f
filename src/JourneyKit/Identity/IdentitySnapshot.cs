using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>
/// The identity graph's saved form: a magic, a version, the options, and the graph (identifiers, profiles, merging links,
/// report). Version 2 (written now) frames the version-1 body with its length and a checksum (<see cref="BinaryFrame"/>);
/// version 1 is still read. Every count is bounded by the bytes left and every number checked on load — including that
/// the merging links connect each profile (a forest with one tree per profile) and that each profile's canonical id is
/// its first identifier by kind priority — so a corrupt graph is an <see cref="InvalidDataException"/> at load, never a
/// graph that fails later.
/// </summary>
internal static class IdentitySnapshot
{
    public const int Version = 2;
    private const string What = "The saved identity graph";
    private static readonly byte[] Magic = "JKIDG"u8.ToArray();

    public static void Write(IdentityGraph graph, Stream stream)
    {
        var w = SnapshotWriter.ForThisThread();
        var options = graph.Options;
        w.Int32(options.KindPriority.Count);
        foreach (string kind in options.KindPriority)
        {
            w.String(kind);
        }

        WriteMap(w, options.MaxPerProfile, v => w.Int32(v));
        WriteMap(w, options.Normalization, v => w.Int32((int)v));
        w.Int32(options.BlockedValues is null ? -1 : options.BlockedValues.Count);
        foreach (string value in options.BlockedValues ?? [])
        {
            w.String(value);
        }

        w.Int32(options.MaxRefusalDetails);
        w.Int32(graph.Sources.Length);
        foreach (string source in graph.Sources)
        {
            w.String(source);
        }

        var table = graph.Table;
        w.Int32(table.Count);
        for (int id = 0; id < table.Count; id++)
        {
            w.Byte((byte)table.KindOf(id));
            w.String(table.ValueOf(id));
        }

        w.Int32(graph.CanonicalIds.Length);
        foreach (int c in graph.CanonicalIds)
        {
            w.Int32(c);
        }

        foreach (int p in graph.ProfileIds)
        {
            w.Int32(p);
        }

        var edges = graph.Edges;
        w.Int32(edges.Count);
        for (int e = 0; e < edges.Count; e++)
        {
            w.Int32(edges.A[e]);
            w.Int32(edges.B[e]);
            w.Int64(edges.Ticks[e]);
            w.Int32(edges.Source[e]);
        }

        var report = graph.Report;
        w.Int64(graph.Observations);
        w.Int64(report.LinksRead);
        w.Int64(report.LinksUsed);
        w.Int64(report.RedundantLinks);
        w.Int32(report.Counts.Length);
        foreach (long count in report.Counts)
        {
            w.Int64(count);
        }

        w.Int32(report.Refused.Count);
        foreach (RefusedLink r in report.Refused)
        {
            w.Int64(r.Observation);
            WriteIdentifier(w, r.Link.First);
            WriteIdentifier(w, r.Link.Second);
            w.Int64(r.Link.Timestamp.UtcTicks);
            WriteNullable(w, r.Link.Source);
            w.Byte((byte)r.Reason);
            w.String(r.Message);
        }

        BinaryFrame.Write(stream, Magic, Version, w.Written);
    }

    public static IdentityGraph Read(Stream stream)
    {
        int version = BinaryFrame.ReadVersion(stream, Magic, "a saved JourneyKit identity graph", "JKIDG");
        if (version == Version)
        {
            return Parse(new SnapshotReader(BinaryFrame.ReadPayload(stream, What), What));
        }

        if (version == 1)
        {
            // Version 1 had no length: the body is read from the rest of the stream (a seekable stream is put back after it).
            return BinaryFrame.ReadUnframed(stream, data =>
            {
                var reader = new SnapshotReader(data, What);
                return (Parse(reader), reader.Position);
            });
        }

        throw new InvalidDataException(version > Version
            ? $"The identity graph was saved in format version {version}, newer than this JourneyKit reads (versions 1 to {Version}); upgrade JourneyKit to read it."
            : $"The identity graph format version {version} is not one this JourneyKit reads (versions 1 to {Version}).");
    }

    private static IdentityGraph Parse(SnapshotReader r)
    {
        var kinds = new string[r.Count(r.Int32(), 2, "kinds")];
        r.Check(kinds.Length <= 255, $"{kinds.Length} kinds");
        for (int i = 0; i < kinds.Length; i++)
        {
            kinds[i] = r.String();
        }

        var limits = ReadMap(r, () => r.Int32());
        var normalization = ReadMap(r, () => (IdentifierNormalization)r.Int32());
        int blockedCount = r.Int32();
        string[]? blocked = null;
        if (blockedCount >= 0)
        {
            blocked = new string[r.Count(blockedCount, 1, "blocked values")];
            for (int i = 0; i < blocked.Length; i++)
            {
                blocked[i] = r.String();
            }
        }

        int maxDetails = r.Int32();
        IdentityRules rules;
        try
        {
            rules = new IdentityRules(new IdentityOptions
            {
                KindPriority = kinds, MaxPerProfile = limits, Normalization = normalization, BlockedValues = blocked, MaxRefusalDetails = maxDetails,
            });
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The saved identity options are invalid: {ex.Message}", ex);
        }

        var sources = new string[r.Count(r.Int32(), 1, "sources")];
        for (int i = 0; i < sources.Length; i++)
        {
            sources[i] = r.String();
        }

        // An identifier takes at least 2 bytes (its kind and its value's length); a profile and a link at least 4 and 20.
        int n = r.Count(r.Int32(), 2, "identifiers");
        var table = new IdentifierTable(Math.Max(16, n));
        for (int id = 0; id < n; id++)
        {
            int kind = r.Byte();
            string value = r.String();
            r.Check(kind < kinds.Length, Invariant($"identifier {id} has kind {kind}"));
            r.Check(!string.IsNullOrWhiteSpace(value), Invariant($"identifier {id} is blank"));
            r.Check(table.Intern(kind, value) == id, Invariant($"identifier {id} ({kinds[kind]}:{Guard.Clip(value)}) is repeated"));
        }

        var canonical = new int[r.Count(r.Int32(), 4, "profiles")];
        r.Check(canonical.Length <= n, Invariant($"{canonical.Length} profiles of {n} identifiers"));
        for (int p = 0; p < canonical.Length; p++)
        {
            canonical[p] = r.Int32();
            r.Check((uint)canonical[p] < (uint)n, Invariant($"profile {p} names identifier {canonical[p]}"));
        }

        r.Check(r.Remaining / 4 >= n, "the profile numbers are truncated");
        var profile = new int[n];
        for (int id = 0; id < n; id++)
        {
            profile[id] = r.Int32();
            r.Check((uint)profile[id] < (uint)canonical.Length, Invariant($"identifier {id} is in profile {profile[id]}"));
        }

        for (int p = 0; p < canonical.Length; p++)
        {
            r.Check(profile[canonical[p]] == p, Invariant($"profile {p}'s canonical identifier is in another profile"));
        }

        for (int id = 0; id < n; id++)
        {
            r.Check(table.Compare(canonical[profile[id]], id) <= 0, Invariant($"profile {profile[id]}'s canonical identifier is not its first by kind priority"));
        }

        ForestEdges edges = ReadEdges(r, n, profile, canonical.Length, sources.Length);
        int m = edges.Count;
        long observations = r.Int64(), read = r.Int64(), used = r.Int64(), redundant = r.Int64();
        int reasons = Enum.GetValues<LinkRefusal>().Length;
        var counts = new long[r.Count(r.Int32(), 8, "refusal reasons")];
        r.Check(counts.Length == reasons, "the refusal reasons do not match this version");
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = r.Int64();
            r.Check(counts[i] >= 0, Invariant($"refusal count {counts[i]}"));
        }

        List<RefusedLink> refused = ReadRefused(r);
        r.Check(observations >= 0 && read >= 0 && used >= 0 && redundant >= 0, "a count is negative");
        r.Check(read == used + counts.Sum() && redundant <= used && m <= used && refused.Count <= counts.Sum(), "the link accounting does not add up");
        return new IdentityGraph(rules, table.Trimmed(), profile, canonical, edges, sources, new IdentityReport(read, used, redundant, refused, counts), observations);
    }

    /// <summary>The merging links: each inside a profile, never closing a cycle, and as many as make every profile one tree.</summary>
    private static ForestEdges ReadEdges(SnapshotReader r, int n, int[] profile, int profiles, int sources)
    {
        int m = r.Count(r.Int32(), 20, "merging links");
        r.Check(m == n - profiles, Invariant($"{m} merging links join {n} identifiers into {profiles} profiles; a forest of one tree per profile has {n - profiles}"));
        var edges = new ForestEdges(m);
        var parent = new int[n];
        for (int i = 0; i < n; i++)
        {
            parent[i] = i;
        }

        for (int e = 0; e < m; e++)
        {
            int a = r.Int32(), b = r.Int32();
            long ticks = r.Int64();
            int source = r.Int32();
            r.Check((uint)a < (uint)n && (uint)b < (uint)n && profile[a] == profile[b], Invariant($"merging link {e} joins {a} and {b}"));
            r.Check((ulong)ticks <= (ulong)DateTime.MaxValue.Ticks && source >= -1 && source < sources, Invariant($"merging link {e} has a bad time or source"));
            int ra = Root(parent, a), rb = Root(parent, b);
            r.Check(ra != rb, Invariant($"merging link {e} closes a cycle"));
            parent[ra] = rb;
            edges.Add(a, b, ticks, source);
        }

        // n − profiles links without a cycle leave exactly `profiles` trees, and no link crosses profiles: one tree each.
        return edges;

        static int Root(int[] parent, int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }
    }

    private static List<RefusedLink> ReadRefused(SnapshotReader r)
    {
        // A refused link takes at least 30 bytes (observation, two identifiers, time, source flag, reason, message length).
        int refusedCount = r.Count(r.Int32(), 30, "refused links");
        var refused = new List<RefusedLink>(refusedCount);
        for (int i = 0; i < refusedCount; i++)
        {
            long observation = r.Int64();
            Identifier first = ReadIdentifier(r, i);
            Identifier second = ReadIdentifier(r, i);
            long ticks = r.Int64();
            r.Check((ulong)ticks <= (ulong)DateTime.MaxValue.Ticks, Invariant($"refused link {i} has a bad time"));
            string? source = ReadNullable(r);
            var reason = (LinkRefusal)r.Byte();
            r.Check(Enum.IsDefined(reason), Invariant($"refused link {i} has reason {(int)reason}"));
            refused.Add(new RefusedLink(observation, new IdentityLink(first, second, new DateTimeOffset(ticks, TimeSpan.Zero), source), reason, r.String()));
        }

        return refused;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void WriteMap<T>(SnapshotWriter w, IReadOnlyDictionary<string, T>? map, Action<T> write)
    {
        w.Int32(map is null ? -1 : map.Count);
        foreach (var (key, value) in (map ?? new Dictionary<string, T>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.String(key);
            write(value);
        }
    }

    private static Dictionary<string, T>? ReadMap<T>(SnapshotReader r, Func<T> read)
    {
        int count = r.Int32();
        if (count < 0)
        {
            return null;
        }

        var map = new Dictionary<string, T>(r.Count(count, 5, "options"), StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            map[r.String()] = read();
        }

        return map;
    }

    private static void WriteIdentifier(SnapshotWriter w, Identifier identifier)
    {
        WriteNullable(w, identifier.Kind);
        WriteNullable(w, identifier.Value);
    }

    private static Identifier ReadIdentifier(SnapshotReader r, int index)
    {
        string? kind = ReadNullable(r), value = ReadNullable(r);
        try
        {
            return new Identifier(kind!, value!);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{What} is corrupt: refused link {index} has an invalid identifier ({ex.Message}).", ex);
        }
    }

    private static void WriteNullable(SnapshotWriter w, string? text)
    {
        w.Bool(text is not null);
        if (text is not null)
        {
            w.String(text);
        }
    }

    private static string? ReadNullable(SnapshotReader r) => r.Bool() ? r.String() : null;
}
