using JourneyKit.Events;

namespace JourneyKit.Paths;

/// <summary>
/// One analysis run over a log: the node ids of the chosen level, the filter resolved to ids, and the journeys
/// (customer index, first event, event count) that pass it, split into contiguous partitions.
/// </summary>
internal sealed class PathContext
{
    public PathContext(EventLog log, PathAnalyzerOptions options, CancellationToken cancellationToken = default)
    {
        CancellationToken = cancellationToken;
        Log = log;
        Options = options;
        Level = options.Level;
        (int[] ids, Names) = LevelColumns.At(log, Level);

        // Unknown stage/channel (−1) becomes the extra node "(unknown)" so that every event has a node. The log's
        // own column is used as it is (no copy) when every event has a known node.
        UnknownNode = Names.Count;
        bool hasUnknown = ids.AsSpan().Contains(-1);
        if (hasUnknown)
        {
            ids = (int[])ids.Clone();
            ids.AsSpan().Replace(-1, UnknownNode);
        }

        Ids = ids;

        NodeCount = Names.Count + (hasUnknown ? 1 : 0);
        if (NodeCount > options.MaxNodes)
        {
            throw new InvalidOperationException(
                $"The log has {NodeCount:N0} distinct {Level.ToString().ToLowerInvariant()}s; PathAnalyzerOptions.MaxNodes allows {options.MaxNodes:N0}. Raise the limit or analyse at a coarser level.");
        }

        Slices = SelectJourneys(log, options.Filter);
    }

    public EventLog Log { get; }

    public PathAnalyzerOptions Options { get; }

    public PathLevel Level { get; }

    /// <summary>Node id per event at the chosen level (unknown mapped to <see cref="UnknownNode"/>).</summary>
    public int[] Ids { get; }

    public IReadOnlyList<string> Names { get; }

    public int UnknownNode { get; }

    public int NodeCount { get; }

    /// <summary>(start, count) of each selected journey, in customer order.</summary>
    public (int Start, int Count)[] Slices { get; }

    public string NodeName(int node) => node == UnknownNode ? LevelColumns.Unknown : Names[node];

    public int FindNode(string name)
    {
        if (name == LevelColumns.Unknown)
        {
            return UnknownNode;
        }

        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Gets the token that cancels the analysis.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Runs a kernel over the journeys in chunks of at most <see cref="ChunkSize"/> (partition-parallel up to
    /// <see cref="PathAnalyzerOptions.MaxDegreeOfParallelism"/>), checking cancellation between chunks, and folds the
    /// partial results with <paramref name="merge"/> pairwise (a balanced tree, so merging costs O(n log chunks)).
    /// Exact because every merge is (property-tested).
    /// </summary>
    public T Run<T>(Func<int, int, T> analyse, Func<T, T, T> merge)
    {
        CancellationToken.ThrowIfCancellationRequested();
        int n = Slices.Length;
        // At least one chunk per thread allowed (from 1,024 journeys a part, as before), and no chunk over ChunkSize.
        int chunks = Math.Max(Math.Max(1, (int)((n + (long)ChunkSize - 1) / ChunkSize)), Math.Min(Math.Max(1, Options.MaxDegreeOfParallelism), n / 1024));
        if (chunks == 1)
        {
            return analyse(0, n);
        }

        var results = new T[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxDegreeOfParallelism), CancellationToken = CancellationToken }, c =>
        {
            int from = (int)((long)n * c / chunks);
            int to = (int)((long)n * (c + 1) / chunks);
            results[c] = analyse(from, to);
        });

        for (int width = 1; width < chunks; width *= 2)
        {
            CancellationToken.ThrowIfCancellationRequested();
            for (int c = 0; c + width < chunks; c += 2 * width)
            {
                results[c] = merge(results[c], results[c + width]);
            }
        }

        return results[0];
    }

    /// <summary>
    /// Journeys per chunk of <see cref="Run{T}"/> (1,048,576): merging partial results costs (3 chunks at 1M events made
    /// directly-follows with durations 2.8× slower), so chunks are large; one takes well under a second, which bounds how long
    /// a cancellation waits.
    /// </summary>
    internal const int ChunkSize = 1 << 20;

    /// <summary>Copies a journey's node ids, collapsing immediate repeats when asked; returns the event index of each kept step.</summary>
    public int Steps(int start, int count, Span<int> nodes, Span<int> eventIndexes)
    {
        int kept = 0;
        for (int k = start; k < start + count; k++)
        {
            int node = Ids[k];
            if (Options.CollapseRepeats && kept > 0 && nodes[kept - 1] == node)
            {
                continue;
            }

            nodes[kept] = node;
            eventIndexes[kept] = k;
            kept++;
        }

        return kept;
    }

    private static (int Start, int Count)[] SelectJourneys(EventLog log, JourneyFilter filter)
    {
        var offsets = log.CustomerOffsets;
        var ticks = log.UtcTicks;
        if (filter.IsAll)
        {
            var all = new (int, int)[log.CustomerCount];
            int n = 0;
            for (int c = 0; c < all.Length; c++)
            {
                int count = offsets[c + 1] - offsets[c];
                if (count > 0)
                {
                    all[n++] = (offsets[c], count);
                }
            }

            return n == all.Length ? all : all[..n];
        }

        var slices = new List<(int, int)>(log.CustomerCount);
        var stepChecks = filter.Steps.Select(s =>
        {
            var (ids, names) = LevelColumns.At(log, s.Level);
            return (Ids: ids, Id: IndexOf(names, s.Step), s.Present);
        }).ToArray();

        for (int c = 0; c < log.CustomerCount; c++)
        {
            int start = offsets[c], end = offsets[c + 1];
            if (filter.Customers is { } keep && !keep(log.CustomerIds[c]))
            {
                continue;
            }

            if (filter.Journeys is { } journeyTest && !journeyTest(log[c]))
            {
                continue;
            }

            if (filter.FromTicks is { } from)
            {
                while (start < end && ticks[start] < from)
                {
                    start++;
                }
            }

            if (filter.ToTicks is { } to)
            {
                while (end > start && ticks[end - 1] >= to)
                {
                    end--;
                }
            }

            if (end <= start)
            {
                continue;
            }

            bool pass = true;
            foreach (var (ids, id, present) in stepChecks)
            {
                bool found = id >= 0 && Array.IndexOf(ids, id, start, end - start) >= 0;
                if (found != present)
                {
                    pass = false;
                    break;
                }
            }

            if (pass)
            {
                slices.Add((start, end - start));
            }
        }

        return [.. slices];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
