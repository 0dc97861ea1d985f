using System.Text;

namespace JourneyKit.Identity;

/// <summary>
/// The identity graph's saved form: a magic, a version, the options, and the graph (identifiers, profiles, merging links,
/// report). Binary, little-endian through <see cref="BinaryWriter"/>; every number is checked on load.
/// </summary>
internal static class IdentitySnapshot
{
    public const int Version = 1;
    private static readonly byte[] Magic = "JKIDG"u8.ToArray();

    public static void Write(IdentityGraph graph, Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        var options = graph.Options;
        w.Write(options.KindPriority.Count);
        foreach (string kind in options.KindPriority)
        {
            w.Write(kind);
        }

        WriteMap(w, options.MaxPerProfile, (writer, v) => writer.Write(v));
        WriteMap(w, options.Normalization, (writer, v) => writer.Write((int)v));
        w.Write(options.BlockedValues is null ? -1 : options.BlockedValues.Count);
        foreach (string value in options.BlockedValues ?? [])
        {
            w.Write(value);
        }

        w.Write(options.MaxRefusalDetails);
        w.Write(graph.Sources.Length);
        foreach (string source in graph.Sources)
        {
            w.Write(source);
        }

        var table = graph.Table;
        w.Write(table.Count);
        for (int id = 0; id < table.Count; id++)
        {
            w.Write((byte)table.KindOf(id));
            w.Write(table.ValueOf(id));
        }

        w.Write(graph.CanonicalIds.Length);
        foreach (int c in graph.CanonicalIds)
        {
            w.Write(c);
        }

        foreach (int p in graph.ProfileIds)
        {
            w.Write(p);
        }

        var edges = graph.Edges;
        w.Write(edges.Count);
        for (int e = 0; e < edges.Count; e++)
        {
            w.Write(edges.A[e]);
            w.Write(edges.B[e]);
            w.Write(edges.Ticks[e]);
            w.Write(edges.Source[e]);
        }

        var report = graph.Report;
        w.Write(graph.Observations);
        w.Write(report.LinksRead);
        w.Write(report.LinksUsed);
        w.Write(report.RedundantLinks);
        w.Write(report.Counts.Length);
        foreach (long count in report.Counts)
        {
            w.Write(count);
        }

        w.Write(report.Refused.Count);
        foreach (RefusedLink r in report.Refused)
        {
            w.Write(r.Observation);
            WriteIdentifier(w, r.Link.First);
            WriteIdentifier(w, r.Link.Second);
            w.Write(r.Link.Timestamp.UtcTicks);
            WriteNullable(w, r.Link.Source);
            w.Write((byte)r.Reason);
            w.Write(r.Message);
        }
    }

    public static IdentityGraph Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            Span<byte> magic = stackalloc byte[5];
            r.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
            {
                throw new InvalidDataException("This is not a saved JourneyKit identity graph (the file does not start with 'JKIDG').");
            }

            int version = r.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException(version > Version
                    ? $"The identity graph was saved in format version {version}, newer than this JourneyKit reads (version {Version}); upgrade JourneyKit to read it."
                    : $"The identity graph format version {version} is not one this JourneyKit reads (version {Version}).");
            }

            var kinds = new string[Count(r, 255, "kinds")];
            for (int i = 0; i < kinds.Length; i++)
            {
                kinds[i] = r.ReadString();
            }

            var limits = ReadMap(r, rd => rd.ReadInt32());
            var normalization = ReadMap(r, rd => (IdentifierNormalization)rd.ReadInt32());
            int blockedCount = r.ReadInt32();
            string[]? blocked = null;
            if (blockedCount >= 0)
            {
                blocked = new string[Count(blockedCount, int.MaxValue, "blocked values")];
                for (int i = 0; i < blocked.Length; i++)
                {
                    blocked[i] = r.ReadString();
                }
            }

            int maxDetails = r.ReadInt32();
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

            var sources = new string[Count(r, int.MaxValue, "sources")];
            for (int i = 0; i < sources.Length; i++)
            {
                sources[i] = r.ReadString();
            }

            int n = Count(r, Array.MaxLength, "identifiers");
            var table = new IdentifierTable(n);
            for (int id = 0; id < n; id++)
            {
                int kind = r.ReadByte();
                string value = r.ReadString();
                Check(kind < kinds.Length, $"identifier {id} has kind {kind}");
                Check(table.Intern(kind, value) == id, $"identifier {id} ({kinds[kind]}:{value}) is repeated");
            }

            var canonical = new int[Count(r, Math.Max(n, 0), "profiles")];
            for (int p = 0; p < canonical.Length; p++)
            {
                canonical[p] = r.ReadInt32();
                Check((uint)canonical[p] < (uint)n, $"profile {p} names identifier {canonical[p]}");
            }

            var profile = new int[n];
            for (int id = 0; id < n; id++)
            {
                profile[id] = r.ReadInt32();
                Check((uint)profile[id] < (uint)canonical.Length, $"identifier {id} is in profile {profile[id]}");
            }

            for (int p = 0; p < canonical.Length; p++)
            {
                Check(profile[canonical[p]] == p, $"profile {p}'s canonical identifier is in another profile");
            }

            int m = Count(r, Math.Max(n - 1, 0), "merging links");
            var edges = new ForestEdges(m);
            for (int e = 0; e < m; e++)
            {
                int a = r.ReadInt32(), b = r.ReadInt32();
                long ticks = r.ReadInt64();
                int source = r.ReadInt32();
                Check((uint)a < (uint)n && (uint)b < (uint)n && profile[a] == profile[b], $"merging link {e} joins {a} and {b}");
                Check((ulong)ticks <= (ulong)DateTime.MaxValue.Ticks && source >= -1 && source < sources.Length, $"merging link {e} has a bad time or source");
                edges.Add(a, b, ticks, source);
            }

            long observations = r.ReadInt64(), read = r.ReadInt64(), used = r.ReadInt64(), redundant = r.ReadInt64();
            var counts = new long[Count(r, Enum.GetValues<LinkRefusal>().Length, "refusal reasons")];
            Check(counts.Length == Enum.GetValues<LinkRefusal>().Length, "the refusal reasons do not match this version");
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] = r.ReadInt64();
                Check(counts[i] >= 0, $"refusal count {counts[i]}");
            }

            int refusedCount = Count(r, int.MaxValue, "refused links");
            var refused = new List<RefusedLink>(Math.Min(refusedCount, 1 << 16));
            for (int i = 0; i < refusedCount; i++)
            {
                long observation = r.ReadInt64();
                var first = ReadIdentifier(r);
                var second = ReadIdentifier(r);
                long ticks = r.ReadInt64();
                Check((ulong)ticks <= (ulong)DateTime.MaxValue.Ticks, $"refused link {i} has a bad time");
                string? source = ReadNullable(r);
                var reason = (LinkRefusal)r.ReadByte();
                Check(Enum.IsDefined(reason), $"refused link {i} has reason {(int)reason}");
                refused.Add(new RefusedLink(observation, new IdentityLink(first, second, new DateTimeOffset(ticks, TimeSpan.Zero), source), reason, r.ReadString()));
            }

            Check(read == used + counts.Sum() && redundant <= used && m <= used && refused.Count <= counts.Sum(), "the link accounting does not add up");
            return new IdentityGraph(rules, table.Trimmed(), profile, canonical, edges, sources, new IdentityReport(read, used, redundant, refused, counts), observations);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The saved identity graph is truncated.", ex);
        }
        catch (Exception ex) when (ex is IOException or FormatException)
        {
            // BinaryReader's way of saying a string's length (or a 7-bit number) read from a corrupt byte is impossible.
            throw new InvalidDataException("The saved identity graph is corrupt: a string length or number is malformed.", ex);
        }
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidDataException($"The saved identity graph is corrupt: {what}.");
        }
    }

    private static int Count(BinaryReader r, int max, string what) => Count(r.ReadInt32(), max, what);

    private static int Count(int count, int max, string what)
    {
        Check(count >= 0 && count <= max, $"{count} {what}");
        return count;
    }

    private static void WriteMap<T>(BinaryWriter w, IReadOnlyDictionary<string, T>? map, Action<BinaryWriter, T> write)
    {
        w.Write(map is null ? -1 : map.Count);
        foreach (var (key, value) in (map ?? new Dictionary<string, T>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.Write(key);
            write(w, value);
        }
    }

    private static Dictionary<string, T>? ReadMap<T>(BinaryReader r, Func<BinaryReader, T> read)
    {
        int count = r.ReadInt32();
        if (count < 0)
        {
            return null;
        }

        var map = new Dictionary<string, T>(Math.Min(count, 256), StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            map[r.ReadString()] = read(r);
        }

        return map;
    }

    private static void WriteIdentifier(BinaryWriter w, Identifier identifier)
    {
        WriteNullable(w, identifier.Kind);
        WriteNullable(w, identifier.Value);
    }

    private static Identifier ReadIdentifier(BinaryReader r) => new(ReadNullable(r)!, ReadNullable(r)!);

    private static void WriteNullable(BinaryWriter w, string? text)
    {
        w.Write(text is not null);
        if (text is not null)
        {
            w.Write(text);
        }
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
