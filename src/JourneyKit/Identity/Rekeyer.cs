using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Identity;

/// <summary>
/// Re-keys a log to new customers (profiles, accounts), working on the columns: the events of the old customers of one
/// new customer are merged by time, so equal timestamps keep the old customers' order (a stable sort of their events
/// gathered in that order). Each new customer's events are written once, by chunks of new customers on all cores; each
/// chunk writes its own ranges.
/// </summary>
internal static class Rekeyer
{
    private const int ChunkCustomers = 1 << 14;

    /// <summary>Runs <paramref name="body"/> over [0, count) in chunks, in parallel; checks cancellation per chunk.</summary>
    public static void ForChunks(int count, Action<int, int> body, CancellationToken cancellationToken)
    {
        int chunks = (count + ChunkCustomers - 1) / ChunkCustomers;
        if (chunks <= 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            body(0, count);
            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
            body(chunk * ChunkCustomers, Math.Min(count, (chunk + 1) * ChunkCustomers)));
    }

    /// <summary>Re-keys by a new customer per old customer and the new customers' names.</summary>
    /// <param name="log">The log.</param>
    /// <param name="sources">
    /// The old customer whose events each position brings, in order (an old customer may appear at several positions, as a
    /// person in several accounts does, or at none), or <see langword="null"/> for every old customer once, in order.
    /// </param>
    /// <param name="newOf">The new customer of each position.</param>
    /// <param name="newIds">The new customers' ids.</param>
    /// <param name="rawActors">Per position, the actor name its events get.</param>
    /// <param name="keepActors">Whether an event that names an actor already keeps it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static EventLog Rekey(EventLog log, int[]? sources, int[] newOf, string[] newIds, IReadOnlyList<string> rawActors, bool keepActors, CancellationToken cancellationToken)
    {
        int oldCount = newOf.Length;
        int newCount = newIds.Length;
        int[] customerOffsets = log.OffsetArray;
        int Source(int position) => sources is null ? position : sources[position];
        int Start(int position) => customerOffsets[Source(position)];
        int Length(int position) => customerOffsets[Source(position) + 1] - customerOffsets[Source(position)];
        var offsets = new int[newCount + 1];
        var rawCount = new int[newCount];
        long total = 0;
        for (int c = 0; c < oldCount; c++)
        {
            offsets[newOf[c] + 1] += Length(c);
            rawCount[newOf[c]]++;
            total += Length(c);
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"The re-keyed log would hold {total:N0} events; an event log holds at most {Array.MaxLength:N0}.");
        }

        for (int p = 0; p < newCount; p++)
        {
            offsets[p + 1] += offsets[p];
        }

        // Each new customer's positions, in order: a counting sort of the positions by new customer.
        var positionStart = new int[newCount + 1];
        for (int p = 0; p < newCount; p++)
        {
            positionStart[p + 1] = positionStart[p] + rawCount[p];
        }

        var positions = new int[oldCount];
        var next = positionStart[..^1];
        for (int c = 0; c < oldCount; c++)
        {
            positions[next[newOf[c]]++] = c;
        }

        // One pass per new customer writes its events once: a new customer of one old one is a block copy; one of several
        // takes its old customers' runs (each in time order already) merged by time, equal times in position order.
        var columns = new Columns(log, (int)total, keepActors);
        ForChunks(newCount, (lo, hi) =>
        {
            var merge = new Merge();
            var buffers = new Buffers();
            for (int p = lo; p < hi; p++)
            {
                int first = positionStart[p], count = positionStart[p + 1] - first;
                if (count == 0)
                {
                    continue;
                }

                if (count == 1)
                {
                    int c = positions[first];
                    columns.Copy(log, Start(c), offsets[p], Length(c), c);
                    continue;
                }

                var runs = new Runs(positions.AsSpan(first, count), customerOffsets, sources);
                var entries = merge.Sort(log.UtcTicks, runs, offsets[p + 1] - offsets[p]);
                columns.Gather(log, entries, runs, offsets[p], buffers);
            }
        }, cancellationToken);

        IReadOnlyList<string> actorNames = keepActors && log.ActorNames.Count > 0 ? Concat(log.ActorNames, rawActors) : rawActors;
        return new EventLog(
            log.Map,
            newIds,
            [.. log.TouchpointNames],
            [.. log.ChannelNames],
            [.. log.StageNames],
            [.. log.SessionNames],
            offsets,
            columns.Ticks,
            columns.Touchpoint,
            columns.Channel,
            columns.Stage,
            columns.Outcome,
            columns.Value,
            columns.Session,
            columns.Feedback,
            actorNames,
            columns.Actor);
    }

    // The old log's actor names, then the positions'. Static, so that the list holds these two only: a closure beside
    // Rekey's lambdas would keep the old log alive with the new one.
    private static DerivedNames Concat(IReadOnlyList<string> first, IReadOnlyList<string> then) => new(first, then.Count, i => then[i]);

    /// <summary>An event of a new customer with several old ones, while merging: its time and its index in the concatenation of its old customers' events.</summary>
    private struct MergeEntry
    {
        public long Ticks;
        public int Index;
    }

    /// <summary>The old customers' runs of events a new customer takes, in order: where each starts, its length, and the position that brings it.</summary>
    private readonly ref struct Runs(ReadOnlySpan<int> positions, int[] customerOffsets, int[]? sources)
    {
        private readonly ReadOnlySpan<int> _positions = positions;

        public int Count => _positions.Length;

        public (int Start, int Length, int Position) this[int index]
        {
            get
            {
                int position = _positions[index], customer = sources is null ? position : sources[position];
                return (customerOffsets[customer], customerOffsets[customer + 1] - customerOffsets[customer], position);
            }
        }
    }

    /// <summary>One thread's buffers for merging the runs of a new customer's old customers.</summary>
    private sealed class Merge
    {
        private MergeEntry[] _entries = [];
        private MergeEntry[] _scratch = [];
        private int[] _runs = [];
        private int[]? _counts;

        /// <summary>Above this many ascending runs, a radix sort instead of merges.</summary>
        private const int RadixRuns = 64;

        /// <summary>
        /// The events of the old customers of <paramref name="sources"/>, concatenated, put in time order (equal times in the
        /// order of the concatenation): a stable merge of the ascending runs found in it.
        /// </summary>
        public ReadOnlySpan<MergeEntry> Sort(ReadOnlySpan<long> ticks, Runs sources, int count)
        {
            if (_entries.Length < count)
            {
                _entries = new MergeEntry[Math.Max(count, _entries.Length * 2)];
                _scratch = new MergeEntry[_entries.Length];
                _runs = new int[_entries.Length + 1];
            }

            Span<MergeEntry> from = _entries.AsSpan(0, count), to = _scratch.AsSpan(0, count);
            int k = 0, runs = 0;
            for (int r = 0; r < sources.Count; r++)
            {
                (int start, int length, _) = sources[r];
                for (int e = start; e < start + length; e++, k++)
                {
                    from[k] = new MergeEntry { Ticks = ticks[e], Index = k };
                    if (k == 0 || from[k].Ticks < from[k - 1].Ticks)
                    {
                        _runs[runs++] = k;
                    }
                }
            }

            // Many short runs (a profile of thousands of cookies): a radix sort costs a few passes where merging costs
            // log2(runs). Otherwise bottom-up merges of neighbouring runs, taking from the left run on ties.
            if (runs > RadixRuns)
            {
                return RadixSort(from, to);
            }

            _runs[runs] = count;
            while (runs > 1)
            {
                int merged = 0;
                for (int r = 0; r < runs; r += 2)
                {
                    int left = _runs[r], mid = _runs[Math.Min(r + 1, runs)], right = _runs[Math.Min(r + 2, runs)];
                    int a = left, b = mid, o = left;
                    while (a < mid && b < right)
                    {
                        to[o++] = from[b].Ticks < from[a].Ticks ? from[b++] : from[a++];
                    }

                    from[a..mid].CopyTo(to[o..]);
                    from[b..right].CopyTo(to[(o + mid - a)..]);
                    _runs[merged++] = left;
                }

                _runs[merged] = count;
                runs = merged;
                Span<MergeEntry> swap = from;
                from = to;
                to = swap;
            }

            return from;
        }

        /// <summary>A stable LSD radix sort by time, byte by byte, over the bits in which the times differ.</summary>
        private ReadOnlySpan<MergeEntry> RadixSort(Span<MergeEntry> from, Span<MergeEntry> to)
        {
            long min = long.MaxValue;
            foreach (ref readonly var entry in from)
            {
                min = Math.Min(min, entry.Ticks);
            }

            ulong differ = 0;
            foreach (ref readonly var entry in from)
            {
                differ |= (ulong)(entry.Ticks - min);
            }

            if (differ == 0)
            {
                return from; // one time for all (more than one run never gives this; kept for the arithmetic below)
            }

            // Digits of up to 11 bits (2,048 counters stay in the first-level caches), as few passes as the bits need.
            int low = System.Numerics.BitOperations.TrailingZeroCount(differ);
            int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(differ) - low;
            int passes = (bits + 10) / 11;
            int digit = (bits + passes - 1) / passes, buckets = 1 << digit;
            int mask = buckets - 1;
            _counts ??= new int[6 << 11];
            var counts = _counts.AsSpan(0, passes * buckets);
            counts.Clear();
            foreach (ref readonly var entry in from)
            {
                ulong key = (ulong)(entry.Ticks - min) >> low;
                for (int pass = 0; pass < passes; pass++)
                {
                    counts[(pass * buckets) + (int)((key >> (digit * pass)) & (uint)mask)]++;
                }
            }

            for (int pass = 0; pass < passes; pass++)
            {
                var bucket = counts.Slice(pass * buckets, buckets);
                int sum = 0;
                for (int d = 0; d < buckets; d++)
                {
                    (bucket[d], sum) = (sum, sum + bucket[d]);
                }

                int shift = low + (digit * pass);
                foreach (ref readonly var entry in from)
                {
                    to[bucket[(int)(((ulong)(entry.Ticks - min) >> shift) & (uint)mask)]++] = entry;
                }

                Span<MergeEntry> swap = from;
                from = to;
                to = swap;
            }

            return from;
        }
    }

    /// <summary>The new log's columns (the optional ones only where the old log has them).</summary>
    private sealed class Columns
    {
        private readonly bool _keepActors;

        // Actors of the new log: the old log's (when kept) and then one per position.
        private readonly int _oldActors;

        public Columns(EventLog log, int n, bool keepActors)
        {
            _keepActors = keepActors;
            _oldActors = keepActors ? log.ActorNames.Count : 0;
            Ticks = GC.AllocateUninitializedArray<long>(n);
            Touchpoint = GC.AllocateUninitializedArray<int>(n);
            Channel = GC.AllocateUninitializedArray<int>(n);
            Stage = GC.AllocateUninitializedArray<int>(n);
            Outcome = GC.AllocateUninitializedArray<EventOutcome>(n);
            Value = log.Values.IsEmpty ? null : GC.AllocateUninitializedArray<double>(n);
            Session = log.SessionIds.IsEmpty ? null : GC.AllocateUninitializedArray<int>(n);
            Feedback = log.Feedback.IsEmpty ? null : GC.AllocateUninitializedArray<double>(n);
            Actor = GC.AllocateUninitializedArray<int>(n);
        }

        public long[] Ticks { get; }

        public int[] Touchpoint { get; }

        public int[] Channel { get; }

        public int[] Stage { get; }

        public EventOutcome[] Outcome { get; }

        public double[]? Value { get; }

        public int[]? Session { get; }

        public double[]? Feedback { get; }

        public int[] Actor { get; }

        /// <summary>Copies one old customer's events, brought by <paramref name="position"/>, as a block.</summary>
        public void Copy(EventLog source, int from, int to, int count, int position)
        {
            source.UtcTicks.Slice(from, count).CopyTo(Ticks.AsSpan(to));
            source.TouchpointIds.Slice(from, count).CopyTo(Touchpoint.AsSpan(to));
            source.ChannelIds.Slice(from, count).CopyTo(Channel.AsSpan(to));
            source.StageIds.Slice(from, count).CopyTo(Stage.AsSpan(to));
            source.Outcomes.Slice(from, count).CopyTo(Outcome.AsSpan(to));
            if (Value is not null)
            {
                source.Values.Slice(from, count).CopyTo(Value.AsSpan(to));
            }

            if (Session is not null)
            {
                source.SessionIds.Slice(from, count).CopyTo(Session.AsSpan(to));
            }

            if (Feedback is not null)
            {
                source.Feedback.Slice(from, count).CopyTo(Feedback.AsSpan(to));
            }

            // An event that already names who did it keeps that (when asked); otherwise its position's actor.
            var actors = Actor.AsSpan(to, count);
            var oldActor = _keepActors ? source.ActorIds : default;
            if (oldActor.IsEmpty)
            {
                actors.Fill(_oldActors + position);
                return;
            }

            for (int i = 0; i < count; i++)
            {
                actors[i] = oldActor[from + i] >= 0 ? oldActor[from + i] : _oldActors + position;
            }
        }

        /// <summary>
        /// Writes a new customer's merged events from <paramref name="to"/> on, column by column: the old customers' runs
        /// are concatenated into a buffer (block copies), then read in the merged order, so the random reads stay within
        /// the buffer.
        /// </summary>
        public void Gather(EventLog source, ReadOnlySpan<MergeEntry> entries, Runs runs, int to, Buffers buffers)
        {
            var ticks = Ticks.AsSpan(to, entries.Length);
            for (int i = 0; i < entries.Length; i++)
            {
                ticks[i] = entries[i].Ticks;
            }

            Permute(source.TouchpointIds, Touchpoint, entries, runs, to, ref buffers.Ints);
            Permute(source.ChannelIds, Channel, entries, runs, to, ref buffers.Ints);
            Permute(source.StageIds, Stage, entries, runs, to, ref buffers.Ints);
            Permute(source.Outcomes, Outcome, entries, runs, to, ref buffers.Outcomes);
            if (Value is not null)
            {
                Permute(source.Values, Value, entries, runs, to, ref buffers.Doubles);
            }

            if (Session is not null)
            {
                Permute(source.SessionIds, Session, entries, runs, to, ref buffers.Ints);
            }

            if (Feedback is not null)
            {
                Permute(source.Feedback, Feedback, entries, runs, to, ref buffers.Doubles);
            }

            // The actors: each run's (kept or its position's), concatenated, then permuted like the other columns.
            var actors = Buffer(ref buffers.Ints, entries.Length);
            var oldActor = _keepActors ? source.ActorIds : default;
            for (int r = 0, k = 0; r < runs.Count; r++)
            {
                (int from, int count, int position) = runs[r];
                for (int i = 0; i < count; i++, k++)
                {
                    actors[k] = !oldActor.IsEmpty && oldActor[from + i] >= 0 ? oldActor[from + i] : _oldActors + position;
                }
            }

            var column = Actor.AsSpan(to, entries.Length);
            for (int i = 0; i < entries.Length; i++)
            {
                column[i] = actors[entries[i].Index];
            }
        }

        private static void Permute<T>(ReadOnlySpan<T> source, T[] column, ReadOnlySpan<MergeEntry> entries, Runs runs, int to, ref T[] buffer)
        {
            var gathered = Buffer(ref buffer, entries.Length);
            for (int r = 0, k = 0; r < runs.Count; r++)
            {
                (int from, int count, _) = runs[r];
                source.Slice(from, count).CopyTo(gathered[k..]);
                k += count;
            }

            var target = column.AsSpan(to, entries.Length);
            for (int i = 0; i < entries.Length; i++)
            {
                target[i] = gathered[entries[i].Index];
            }
        }

        private static Span<T> Buffer<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new T[Math.Max(length, buffer.Length * 2)];
            }

            return buffer.AsSpan(0, length);
        }
    }

    /// <summary>One thread's buffers for permuting columns.</summary>
    private sealed class Buffers
    {
        public int[] Ints = [];
        public double[] Doubles = [];
        public EventOutcome[] Outcomes = [];
    }
}
